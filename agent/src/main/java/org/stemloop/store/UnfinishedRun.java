package org.stemloop.store;

/**
 * A run that never ended (its agent was killed or crashed), found again by the instrument and MQTT
 * client id its agent used, so a restarted agent resumes it instead of starting a new one.
 *
 * @param runId     the run
 * @param mode      the mode the run started in
 * @param stateJson the run state last committed (see {@link AgentStore#commitFrame}), or {@code null}
 *                  when the agent died before its first frame or decision
 */
public record UnfinishedRun(String runId, String mode, String stateJson) {

    public UnfinishedRun {
        Columns.requireText("Run id", runId, 64);
        Columns.requireText("Mode", mode, 16);
    }
}
