package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's writes over one {@link Database}: a run's start and end, and the frame commit path (a frame
 * with its detections, timings, mask, Pareto front and decisions in one transaction; skipped frames; the
 * U-Net's detections), with the duplicate lookup that path answers with ({@link #storedFrame}). Decisions on
 * their own are {@link DecisionStore}'s, read-only questions about a run {@link RunQueries}', the loop with
 * the microscope {@link LoopStore}'s. Plain JDBC, one transaction per call.
 *
 * <p>Blocking and thread-safe (calls are serialised on the database's connection): call from a
 * worker thread, never from an event loop.
 *
 * @apiNote A frame commit is 4-6 inserts; the atoms go in as one JSON text, so 2,000 atoms cost
 *          one row, not 2,000.
 */
public final class AgentStore {

    /** What {@link #commitFrame} did. */
    public enum Commit {
        /** The frame and its detections are now in the database. */
        STORED,
        /**
         * The instrument already had this frame id, in this run or an earlier one; nothing was written (a
         * redelivery, a resend, a hand-over). Answer it with {@link #storedFrame}.
         */
        DUPLICATE,
        /** Another member of the share group stored this frame id first; nothing was written. */
        CLAIMED_ELSEWHERE
    }

    private final Database db;
    /** The share group whose members must store each frame id once, or {@code null} for an agent on its own. */
    private final ShareScope share;
    /** Parameter sets already in the database, so each distinct set is stored once per run. */
    private final ParameterSets paramSets = new ParameterSets();

    public AgentStore(Database db) {
        this(db, null);
    }

    /**
     * A store for one member of a share group: a frame is stored only if this member's claim on its id is
     * the first in {@code share} ({@link Commit#CLAIMED_ELSEWHERE} otherwise).
     *
     * @param share the group, or {@code null} for an agent on its own
     */
    public AgentStore(Database db, ShareScope share) {
        this.db = Objects.requireNonNull(db, "db");
        this.share = share;
    }

    /** Records the start of a run (no MQTT client id: it is never resumed). */
    public void startRun(RunRecord run) {
        startRun(run, null);
    }

    /**
     * Records the start of a run by the agent with MQTT client id {@code clientId}; if that agent dies
     * without {@link #endRun}, {@link #unfinishedRun} finds the run again.
     */
    public void startRun(RunRecord run, String clientId) {
        Columns.requireOptionalText("Client id", clientId, 128);
        db.inTransaction("start run " + run.runId(), c -> {
            RunRows.insert(c, run, clientId);
            return null;
        });
    }

    /**
     * The newest run of {@code instrument} started by client id {@code clientId} that never ended (its
     * agent was killed), with its last committed state; empty when the last run ended cleanly.
     */
    public Optional<UnfinishedRun> unfinishedRun(String instrument, String clientId) {
        return db.inTransaction("find unfinished run", c -> RunRows.unfinished(c, instrument, clientId));
    }

    /** Records the end of a run. */
    public void endRun(String runId, Instant endedAt) {
        db.inTransaction("end run " + runId, c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE runs SET ended_at = ? WHERE run_id = ?")) {
                st.setObject(1, Columns.utc(endedAt));
                st.setString(2, runId);
                if (st.executeUpdate() != 1) {
                    throw new IllegalArgumentException("No run " + runId + " to end");
                }
            }
            return null;
        });
    }

    /**
     * Commits a frame, its detections and its stage timings (milliseconds by stage name) in one
     * transaction, unless the instrument already holds this frame id in any of its runs (schema version 7), or, in a
     * share group, another member stored it.
     *
     * @param detection the atoms found, or {@code null} for a frame kept without analysis (paused run)
     */
    public Commit commitFrame(FrameMeta frame, DetectionRecord detection, Map<String, Double> timingsMs) {
        return commitFrame(frame, detection, timingsMs, null, List.of(), null);
    }

    /**
     * Commits a frame as {@link #commitFrame(FrameMeta, DetectionRecord, Map)} does, with the Pareto
     * front computed on it and the decisions it caused, all in one transaction (all or nothing).
     *
     * @param front     the front computed on this frame, or {@code null}
     * @param decisions the agent's decisions on this frame (e.g. applying its recommendation)
     * @param stateJson the run state to resume from after a crash (see {@link #unfinishedRun}), or {@code null}
     *                  to leave the saved one; written also for a duplicate, so it never lags the frames stored
     */
    public synchronized Commit commitFrame(FrameMeta frame, DetectionRecord detection, Map<String, Double> timingsMs,
                                           ParetoRecord front, List<DecisionRecord> decisions, String stateJson) {
        return commitFrame(frame, detection, timingsMs, front, decisions, stateJson, null);
    }

    /** As above, with the crystal mask the detections were counted on ({@link FrameMasks}; {@code null}: none). */
    public synchronized Commit commitFrame(FrameMeta frame, DetectionRecord detection, Map<String, Double> timingsMs,
                                           ParetoRecord front, List<DecisionRecord> decisions, String stateJson,
                                           FrameMasks.MaskRecord mask) {
        try {
            return db.inTransaction("commit frame " + frame.frameId(), c -> {
                RunRows.saveState(c, frame.runId(), stateJson);
                String instrument = FrameRows.instrumentOf(c, frame.runId());
                Optional<FrameRows.Found> stored = FrameRows.find(c, instrument, frame.frameId());
                if (stored.isPresent() && stored.get().runId().equals(frame.runId())) {
                    return Commit.DUPLICATE;
                }
                if (share != null && !share.claim(c, frame.runId(), frame.frameId())) {
                    throw new ClaimedElsewhere();
                }
                if (stored.isPresent()) {
                    return Commit.DUPLICATE; // an earlier run of the instrument holds it (schema version 7)
                }
                long framePk = FrameRows.insert(c, frame, instrument, false);
                if (detection != null) {
                    insertDetection(c, framePk, paramSets.idOf(c, frame.runId(), detection), detection);
                }
                insertTimings(c, framePk, timingsMs);
                if (mask != null) {
                    FrameMasks.insert(c, framePk, mask);
                }
                if (front != null) {
                    ParetoRows.insert(c, front);
                }
                for (DecisionRecord d : decisions) {
                    DecisionStore.insert(c, d);
                }
                return Commit.STORED;
            });
        } catch (ClaimedElsewhere e) {
            // rolled back: on PostgreSQL a refused claim has aborted the transaction, and nothing is to be kept
            return Commit.CLAIMED_ELSEWHERE;
        } catch (RuntimeException e) {
            // a parameter set inserted in the rolled-back transaction is gone: forget its id
            paramSets.forget(frame.runId());
            throw e;
        }
    }

    /**
     * Records a frame the {@code newest} frame policy skipped: a frame row marked {@code skipped}, without
     * detections or timings, in its own transaction, unless the run already holds this frame id.
     */
    public synchronized Commit commitSkipped(FrameMeta frame) {
        return db.inTransaction("record skipped frame " + frame.frameId(), c -> {
            String instrument = FrameRows.instrumentOf(c, frame.runId());
            if (FrameRows.find(c, instrument, frame.frameId()).isPresent()) {
                return Commit.DUPLICATE;
            }
            FrameRows.insert(c, frame, instrument, true);
            return Commit.STORED;
        });
    }

    /**
     * The frame id {@code frameId} as the instrument of run {@code runId} already stored it, in this run or any
     * earlier one, with its detections; empty when the instrument never stored it. One lookup in the unique
     * index on {@code (instrument, frame_id)} (schema version 7), so the agent can ask before every frame. In a
     * share group a frame another member stored comes back marked {@link StoredFrame#byAnotherMember()}, without
     * its detections.
     */
    public Optional<StoredFrame> storedFrame(String runId, String frameId) {
        return db.inTransaction("look up frame " + frameId, c -> {
            Optional<FrameRows.Found> found = FrameRows.find(c, FrameRows.instrumentOf(c, runId), frameId);
            if (found.isEmpty()) {
                return Optional.<StoredFrame>empty();
            }
            FrameRows.Found f = found.get();
            if (share != null && !f.runId().equals(runId) && !share.agent().equals(FrameRows.clientOf(c, f.runId()))) {
                return Optional.of(new StoredFrame(f.runId(), f.skipped(), List.of(), true));
            }
            return Optional.of(FrameRows.load(c, f));
        });
    }

    /** Throws when the database does not answer a trivial query (the readiness check). */
    public void ping() {
        db.inTransaction("check the connection", c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
                return rs.next();
            }
        });
    }

    /**
     * Commits the U-Net's detections of a frame already committed in this run, in their own
     * transaction; once per frame: a frame that already has U-Net detections (a redelivery) keeps them.
     *
     * @return {@link Commit#STORED}, or {@link Commit#DUPLICATE} when the frame already had them
     * @throws StoreException when the run has no such frame, or the database fails
     */
    public synchronized Commit commitUnet(String runId, String frameId, UnetRecord unet) {
        return db.inTransaction("commit U-Net detections of " + frameId, c -> {
            long framePk;
            try (PreparedStatement st = c.prepareStatement("SELECT frame_pk FROM frames WHERE run_id = ? AND frame_id = ?")) {
                st.setString(1, runId);
                st.setString(2, frameId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException("No frame " + frameId + " in run " + runId + " for U-Net detections");
                    }
                    framePk = rs.getLong(1);
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM detections WHERE frame_pk = ? AND method = ?")) {
                st.setLong(1, framePk);
                st.setString(2, UnetRecord.METHOD);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return Commit.DUPLICATE;
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO detections (frame_pk, param_id, method, n_atoms, "
                    + "qc, er, atoms_json, option_id, model) VALUES (?, NULL, ?, ?, NULL, NULL, ?, NULL, ?)")) {
                st.setLong(1, framePk);
                st.setString(2, UnetRecord.METHOD);
                st.setInt(3, unet.atoms().size());
                st.setString(4, unet.atomsJson());
                st.setString(5, unet.model());
                st.executeUpdate();
            }
            return Commit.STORED;
        });
    }

    private static void insertDetection(Connection c, long framePk, long paramId, DetectionRecord d)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO detections (frame_pk, param_id, method, n_atoms, "
                + "qc, er, atoms_json, option_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, framePk);
            st.setLong(2, paramId);
            st.setString(3, d.method());
            st.setInt(4, d.atoms().size());
            Columns.setDouble(st, 5, d.qc());
            Columns.setDouble(st, 6, d.er());
            st.setString(7, d.atomsJson());
            if (d.option() == null) {
                st.setNull(8, Types.INTEGER);
            } else {
                st.setInt(8, d.option());
            }
            st.executeUpdate();
        }
    }

    private static void insertTimings(Connection c, long framePk, Map<String, Double> timingsMs) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO timings (frame_pk, stage, millis) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Double> t : timingsMs.entrySet()) {
                st.setLong(1, framePk);
                st.setString(2, t.getKey());
                st.setDouble(3, t.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Unwinds a frame's transaction when another member of the share group claimed the frame first. */
    private static final class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere() {
            super("claimed by another member of the share group", null, false, false);
        }
    }
}
