package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * What the next frame is analysed with: an immutable snapshot, swapped whole when a control message
 * or a frame's analysis changes it, so a frame in flight keeps the state it started with.
 *
 * <p>Who changes the parameters (issue 4): after an optimisation the recommended option serves in
 * both modes, except that in {@code supervised} mode an operator's choice is kept when the trigger
 * was only drift (the new options are offered, the human decides). In {@code autonomous} mode the
 * agent always applies its recommendation. An operator's {@code choose} applies in both modes to the
 * frames analysed after it.
 *
 * @param runId          this run's id
 * @param mode           supervised or autonomous
 * @param paused         when true, frames are stored (metadata) and acknowledged but not analysed
 * @param material       the material assumed when a frame names none (e.g. {@code graphene}), or {@code null}
 * @param pixelSize      Å/px assumed when a frame gives none, or {@code NaN}
 * @param tuning         the parameters in use
 * @param options        the last Pareto front offered, or {@code null} before the first optimisation
 * @param reoptimize     why the next frame must be optimised ({@code reoptimize}, {@code set-lattice}), or {@code null}
 * @param lastFrameId    the last frame analysed, or {@code null}
 */
public record RunState(String runId, RunMode mode, boolean paused, String material, double pixelSize, Tuning tuning,
                       ParetoOptions options, String reoptimize, String lastFrameId) {

    public RunState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tuning, "tuning");
    }

    /** A new run with fixed parameters and nothing offered yet. */
    public static RunState start(String runId, RunMode mode, LogParams params, String material) {
        return new RunState(runId, mode, false, material, Double.NaN, Tuning.fixed(params), null, null, null);
    }

    /** The LoG parameters of the fast path. */
    public LogParams params() {
        return tuning.params();
    }

    /** Where {@link #params()} came from: {@code fixed}, {@code optimiser}, {@code operator}. */
    public String paramSource() {
        return tuning.source();
    }

    /** This state, paused or running. */
    public RunState withPaused(boolean newPaused) {
        return new RunState(runId, mode, newPaused, material, pixelSize, tuning, options, reoptimize, lastFrameId);
    }

    /** This state in another mode. */
    public RunState withMode(RunMode newMode) {
        return new RunState(runId, newMode, paused, material, pixelSize, tuning, options, reoptimize, lastFrameId);
    }

    /** This state with the next frame optimised, for {@code why}. */
    public RunState withReoptimize(String why) {
        return new RunState(runId, mode, paused, material, pixelSize, tuning, options, why, lastFrameId);
    }

    /** The run's lattice changed: frames without their own metadata assume these; the next frame is optimised. */
    public RunState withLattice(String newMaterial, double newPixelSize) {
        return new RunState(runId, mode, paused, newMaterial, newPixelSize, tuning, options, "set-lattice",
                lastFrameId);
    }

    /** An operator chose {@code option} of the current front: it serves the frames after now. */
    RunState withChoice(ParetoOption option) {
        return new RunState(runId, mode, paused, material, pixelSize, Tuning.of(options, option, Tuning.OPERATOR),
                options, reoptimize, lastFrameId);
    }

    /** Whether a new front's recommendation replaces the current parameters (see the class comment). */
    boolean recommendationServes(String trigger) {
        return mode == RunMode.AUTONOMOUS || !Tuning.OPERATOR.equals(tuning.source()) || !"drift".equals(trigger);
    }

    /**
     * The state after frame {@code frameId} was analysed: its front (if any) offered and perhaps
     * applied, the reference rewards set by the first frame that used the parameters.
     */
    RunState afterFrame(String frameId, FrameAnalysis analysis) {
        Tuning t = tuning;
        ParetoOptions o = options;
        String again = reoptimize;
        ParetoOptions front = analysis.front(frameId);
        if (front != null) {
            o = front;
            again = null;
            if (recommendationServes(front.trigger())) {
                t = Tuning.of(front, front.recommendedOption(), Tuning.OPTIMISER);
            } else {
                // the operator's choice stays; its reference moves to what this frame showed
                t = t.withReference(analysis.qc(), analysis.er(), analysis.mask());
            }
        }
        if (t.params().equals(analysis.params()) && !t.hasReference() && Double.isFinite(analysis.qc())
                && Double.isFinite(analysis.er())) {
            // the mask goes with the reference: the fast path counts on it until the reference is set again
            t = t.withReference(analysis.qc(), analysis.er(), analysis.mask());
        }
        return new RunState(runId, mode, paused, material, pixelSize, t, o, again, frameId);
    }

    /** The status word of the status topic: {@code online} or {@code paused}. */
    public String statusWord() {
        return paused ? "paused" : "online";
    }
}
