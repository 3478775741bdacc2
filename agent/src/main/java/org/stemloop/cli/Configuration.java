package org.stemloop.cli;

import org.stemloop.agent.AgentConfig;
import org.stemloop.web.WebConfig;

/**
 * What {@code run} and {@code demo} start, as {@link ConfigLoader} built it: the agent's groups (broker,
 * analysis, limits, operations) and the web UI's.
 *
 * @param agent the agent
 * @param web   the web UI beside it, or {@code null}: none (no {@code http-port})
 */
record Configuration(AgentConfig agent, WebConfig web) {

    Configuration {
        java.util.Objects.requireNonNull(agent, "agent");
    }
}
