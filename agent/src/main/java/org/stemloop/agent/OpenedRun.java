package org.stemloop.agent;

import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.stemloop.store.AgentStore;
import org.stemloop.store.Database;
import org.stemloop.store.RunRecord;
import org.stemloop.store.UnfinishedRun;

/**
 * The database and the run an {@link Agent} starts with; {@code resumed} when the run is an unfinished one
 * its predecessor (same instrument and MQTT client id) left behind.
 *
 * @param db      the database, opened and migrated
 * @param state   the run's state: configured for a new run, as last committed for a resumed one
 * @param resumed whether the run is a resumed one
 */
record OpenedRun(Database db, RunState state, boolean resumed) {

    // the agent's logger: operators read these lines as the agent's start
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    /**
     * The database opened and migrated, and the run: the unfinished one of this instrument and client id
     * (its agent was killed: resume it, so the broker's redeliveries meet the frames already stored), or a new one.
     */
    static OpenedRun open(AgentConfig config) {
        Database db = Database.open(config.jdbcUrl());
        try {
            AgentStore store = new AgentStore(db);
            String instrument = config.broker().topics().instrument();
            String clientId = config.broker().clientId();
            Optional<UnfinishedRun> left = store.unfinishedRun(instrument, clientId);
            if (left.isPresent()) {
                RunState restored = restore(left.get(), config);
                if (restored != null) {
                    LOG.info("Resuming run " + restored.runId() + " of " + clientId + " (it never ended): mode "
                            + restored.mode().id() + (restored.paused() ? ", paused" : "") + ", parameters "
                            + restored.paramSource() + (restored.options() == null ? ""
                            : ", Pareto front of frame " + restored.options().frameId()));
                    return new OpenedRun(db, restored, true);
                }
                store.endRun(left.get().runId(), Instant.now());
            }
            RunState fresh = RunState.start(UUID.randomUUID().toString(), config.mode(), config.params(),
                    config.material());
            store.startRun(new RunRecord(fresh.runId(), instrument, fresh.mode().id(), Instant.now()), clientId);
            return new OpenedRun(db, fresh, false);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The run state to resume, or {@code null} (logged) when its snapshot cannot be read: a new run starts then. */
    private static RunState restore(UnfinishedRun run, AgentConfig config) {
        if (run.stateJson() == null) {
            // killed before its first frame or decision: nothing changed since the configured start
            return RunState.start(run.runId(), RunMode.parse(run.mode()), config.params(), config.material());
        }
        try {
            RunState s = RunStateJson.read(run.stateJson());
            if (!s.runId().equals(run.runId())) {
                throw new IllegalArgumentException("the snapshot belongs to run " + s.runId());
            }
            return s;
        } catch (IllegalArgumentException e) {
            LOG.error("Cannot resume run " + run.runId() + ", ending it and starting a new one: " + e.getMessage());
            return null;
        }
    }
}
