package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.CrystalMask;

/**
 * The parameters the fast path uses now, where they came from, and what they are compared with to
 * notice drift.
 *
 * @param params      the LoG parameters (thresholds on the frame scaled to [0, 1])
 * @param source      {@code fixed} (configured), {@code optimiser} (the agent's recommendation) or
 *                    {@code operator} (a human's choice)
 * @param option      the Pareto option these are, or {@code null} for fixed parameters
 * @param kind        the kind of frame they were tuned for, or {@code null} when never optimised
 * @param referenceQc QC of the first frame analysed with them, {@code NaN} until then
 * @param referenceEr ER of that frame, {@code NaN} until then
 * @param referenceMask the crystal mask found on that frame, or {@code null} (not yet, or no mask): the fast
 *                    path counts atoms on it until the reference is set again, so QC and ER stay comparable
 *                    with the reference's (docs/agent.md, "Crystal mask")
 */
public record Tuning(LogParams params, String source, Integer option, FrameKind kind, double referenceQc,
                     double referenceEr, CrystalMask referenceMask) {

    public static final String FIXED = "fixed";
    public static final String OPTIMISER = "optimiser";
    public static final String OPERATOR = "operator";

    public Tuning {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(source, "source");
    }

    /** Without a reference mask. */
    public Tuning(LogParams params, String source, Integer option, FrameKind kind, double referenceQc,
                  double referenceEr) {
        this(params, source, option, kind, referenceQc, referenceEr, null);
    }

    /** Configured parameters, never optimised. */
    static Tuning fixed(LogParams params) {
        return new Tuning(params, FIXED, null, null, Double.NaN, Double.NaN);
    }

    /** An option of {@code front}, applied by {@code source}; its reference rewards come with the next frame. */
    static Tuning of(ParetoOptions front, ParetoOption option, String source) {
        return new Tuning(option.params(), source, option.id(), front.kind(), Double.NaN, Double.NaN);
    }

    boolean hasReference() {
        return !Double.isNaN(referenceQc) && !Double.isNaN(referenceEr);
    }

    /** The reference set by a frame without a mask. */
    Tuning withReference(double qc, double er) {
        return withReference(qc, er, null);
    }

    /** The reference set by a frame: its rewards and the crystal mask they were counted on ({@code null}: none). */
    Tuning withReference(double qc, double er, CrystalMask mask) {
        return new Tuning(params, source, option, kind, qc, er, mask);
    }

    /** Whether rewards {@code qc}, {@code er} moved more than {@code tolerance} from the reference. */
    boolean drifted(double qc, double er, double tolerance) {
        return hasReference() && Double.isFinite(qc) && Double.isFinite(er)
                && (Math.abs(qc - referenceQc) > tolerance || Math.abs(er - referenceEr) > tolerance);
    }
}
