package org.stemloop.agent;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;

/**
 * The atoms found on one frame, with the parameters that found them and their rewards, and the
 * Pareto front when the frame was optimised.
 *
 * @param method       {@code log*} (or {@code unet} later)
 * @param params       the LoG parameters used
 * @param paramSource  where they came from: {@code fixed}, {@code optimiser}, {@code operator}
 * @param option       the Pareto option {@code params} are, or {@code null}
 * @param atoms        the atoms, an immutable list
 * @param qc           quantity reward |N - N_expected| / N_expected, or {@code NaN} without a lattice
 * @param er           crowding reward, or {@code NaN} without a lattice
 * @param optimisation the front computed on this frame, or {@code null} (fast path)
 * @param classes      the atoms' classes ({@code classes} option), or {@code null} when the option is off
 */
public record FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                            double qc, double er, Optimisation optimisation, FrameClasses classes) {

    public FrameAnalysis {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(paramSource, "paramSource");
        atoms = List.copyOf(atoms);
        if (classes != null && classes.labels() != null && classes.labels().length != atoms.size()) {
            throw new IllegalArgumentException("Classes for %d atoms, not %d".formatted(classes.labels().length,
                    atoms.size()));
        }
    }

    /** Without classes. */
    public FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                         double qc, double er, Optimisation optimisation) {
        this(method, params, paramSource, option, atoms, qc, er, optimisation, null);
    }

    /** The same analysis with the atoms' classes. */
    FrameAnalysis withClasses(FrameClasses c) {
        return new FrameAnalysis(method, params, paramSource, option, atoms, qc, er, optimisation, c);
    }

    /** A fast-path analysis: no option, no front. */
    public FrameAnalysis(String method, LogParams params, String paramSource, List<Blob> atoms, double qc, double er) {
        this(method, params, paramSource, null, atoms, qc, er, null);
    }

    /** The front of this frame, named after it, or {@code null}. */
    ParetoOptions front(String frameId) {
        return optimisation == null ? null : new ParetoOptions(frameId, optimisation.trigger(), optimisation.kind(),
                optimisation.options(), optimisation.recommended(), optimisation.searchMs());
    }

    /**
     * A front computed on the frame.
     *
     * @param trigger     why: {@code no-parameters}, {@code frame-changed}, {@code drift}, {@code reoptimize}
     * @param kind        the lattice and size it was tuned for
     * @param options     the options, ids 0..n-1
     * @param recommended the knee's id
     * @param searchMs    milliseconds the search took
     */
    public record Optimisation(String trigger, FrameKind kind, List<ParetoOption> options, int recommended,
                               long searchMs) {
        public Optimisation {
            options = List.copyOf(options);
        }
    }
}
