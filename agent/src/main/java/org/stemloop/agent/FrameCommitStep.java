package org.stemloop.agent;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.FrameLog;
import org.stemloop.reward.MaskGrid;
import org.stemloop.store.AgentStore;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.DetectionRecord;
import org.stemloop.store.FrameMasks;
import org.stemloop.store.FrameMeta;
import org.stemloop.store.ParetoRecord;
import org.stemloop.store.UnetRecord;

/**
 * The commit step of the frame path, on the one store thread: a frame with its detections, stage timings,
 * crystal mask, Pareto front and the agent's decisions in one transaction, with the newest run state; the U-Net's
 * detections in their own; a skipped frame's row. The frame is acknowledged to the broker only after this
 * step succeeded (the verticle replies to the bridge then), so an acknowledged frame is in the database.
 */
final class FrameCommitStep {

    private static final FrameLog FRAMES = FrameLog.of(FrameCommitStep.class);

    private final AgentStore store;
    private final AtomicReference<RunState> state;
    private final WorkerExecutor storeThread;
    private final AgentMetrics metrics;
    private final boolean keepRawFrames;

    FrameCommitStep(AgentStore store, AtomicReference<RunState> state, WorkerExecutor storeThread,
                    AgentMetrics metrics, boolean keepRawFrames) {
        this.store = store;
        this.state = state;
        this.storeThread = storeThread;
        this.metrics = metrics;
        this.keepRawFrames = keepRawFrames;
    }

    /** Commits an analysed (or paused) frame; what the store did ({@link AgentStore.Commit}). */
    Future<AgentStore.Commit> commit(Analysed done, Instant receivedAt) {
        IncomingFrame f = done.frame();
        RunState run = done.before();
        FrameMeta meta = meta(run.runId(), f, receivedAt);
        FrameAnalysis a = done.analysis();
        DetectionRecord detection = a == null ? null
                : new DetectionRecord(a.method(), a.paramSource(), a.params(), a.atoms(), a.qc(), a.er(), a.option());
        ParetoOptions front = a == null ? null : a.front(f.frameId());
        ParetoRecord paretoRecord = front == null ? null : paretoRecord(run.runId(), front);
        List<DecisionRecord> decisions = front == null ? List.of() : decisions(done, front);
        // the state saved with the frame is the newest (read on the store thread, where commits and decisions
        // take turns), so the last snapshot written is always the latest state: a resumed run starts from it
        FrameMasks.MaskRecord mask = a == null || a.mask() == null ? null : new FrameMasks.MaskRecord(
                a.mask().maskedFraction(), a.mask().cell(), MaskGrid.rows(a.mask()),
                a.positions() == null ? null : a.positions().method());
        return storeThread.executeBlocking(() -> store.commitFrame(meta, detection, done.timings(), paretoRecord,
                        decisions, RunStateJson.write(state.get()), mask), true)
                .onSuccess(commit -> {
                    if (commit == AgentStore.Commit.DUPLICATE) {
                        // a copy reached the store between the lookup and now (a redelivery of a frame in hand)
                        FRAMES.info(f.frameId(), "Frame " + f.frameId() + " already stored: not stored again");
                    } else if (commit == AgentStore.Commit.CLAIMED_ELSEWHERE) {
                        FRAMES.info(f.frameId(), "Frame " + f.frameId() + " was stored by another agent of the share "
                                + "group: not stored nor answered again");
                    } else {
                        decisions.forEach(d -> metrics.decision(d.action(), true));
                    }
                });
    }

    /** The U-Net's detections of a frame committed in run {@code runId} (once per frame). */
    Future<AgentStore.Commit> commitUnet(String runId, String frameId, UnetRecord unet) {
        return storeThread.executeBlocking(() -> store.commitUnet(runId, frameId, unet), true);
    }

    /** A frame row marked skipped (the {@code newest} policy), without detections. */
    Future<AgentStore.Commit> commitSkipped(String runId, IncomingFrame f, Instant receivedAt) {
        return storeThread.executeBlocking(() -> store.commitSkipped(meta(runId, f, receivedAt)), true);
    }

    private FrameMeta meta(String runId, IncomingFrame f, Instant receivedAt) {
        return new FrameMeta(runId, f.frameId(), f.frame().height(), f.frame().width(),
                f.frame().pixelSizeAngstrom().orElse(Double.NaN), f.material(), receivedAt,
                keepRawFrames ? f.npy() : null);
    }

    /** The agent's own decisions on an optimised frame: it offered a front, and perhaps applied its recommendation. */
    static List<DecisionRecord> decisions(Analysed done, ParetoOptions front) {
        RunState after = done.after();
        Instant now = Instant.now();
        String frameId = front.frameId();
        List<DecisionRecord> out = new ArrayList<>();
        out.add(new DecisionRecord(after.runId(), DecisionRecord.AGENT, "optimise",
                Integer.toString(front.recommended()), frameId,
                "trigger %s; %d options for %s; recommended %d".formatted(front.trigger(), front.options().size(),
                        front.kind().describe(), front.recommended()), now));
        Tuning t = after.tuning();
        boolean applied = Tuning.OPTIMISER.equals(t.source()) && after.options() != null
                && after.options().frameId().equals(frameId);
        if (applied) {
            out.add(new DecisionRecord(after.runId(), DecisionRecord.AGENT, "apply", Integer.toString(t.option()),
                    frameId, after.mode() == RunMode.AUTONOMOUS ? "autonomous: the agent applies its recommendation"
                            : "supervised: the recommendation serves until an operator chooses", now));
        }
        return out;
    }

    private static ParetoRecord paretoRecord(String runId, ParetoOptions front) {
        List<ParetoRecord.Option> options = front.options().stream()
                .map(o -> new ParetoRecord.Option(o.id(), o.params(), o.qc(), o.er(), o.atoms())).toList();
        return new ParetoRecord(runId, front.frameId(), front.trigger(), front.kind().lattice().name(),
                front.kind().lattice().pixelSize(), front.recommended(), front.searchMs(), options, Instant.now());
    }
}
