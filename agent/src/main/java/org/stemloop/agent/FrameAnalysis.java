package org.stemloop.agent;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.PixelCalibration;

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
 * @param mask         the crystal the atoms and rewards were counted on (the reference's, or found on this
 *                     frame), or {@code null}: none (no lattice to size it)
 * @param positions    how the atoms got their positions, or {@code null}: LoG maxima
 * @param reading      how the frame was read before LoG* (contrast, pixel size), or {@code null}: as sent
 */
public record FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                            double qc, double er, Optimisation optimisation, FrameClasses classes, CrystalMask mask,
                            Positions positions, Reading reading) {

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

    /** Without a reading (the frame analysed as sent). */
    public FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                         double qc, double er, Optimisation optimisation, FrameClasses classes, CrystalMask mask,
                         Positions positions) {
        this(method, params, paramSource, option, atoms, qc, er, optimisation, classes, mask, positions, null);
    }

    /** Without a mask or refined positions. */
    public FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                         double qc, double er, Optimisation optimisation, FrameClasses classes) {
        this(method, params, paramSource, option, atoms, qc, er, optimisation, classes, null, null);
    }

    /** Without classes. */
    public FrameAnalysis(String method, LogParams params, String paramSource, Integer option, List<Blob> atoms,
                         double qc, double er, Optimisation optimisation) {
        this(method, params, paramSource, option, atoms, qc, er, optimisation, null);
    }

    /** The same analysis with the atoms' classes. */
    FrameAnalysis withClasses(FrameClasses c) {
        return new FrameAnalysis(method, params, paramSource, option, atoms, qc, er, optimisation, c, mask, positions,
                reading);
    }

    /** The same analysis with the front computed on its frame. */
    FrameAnalysis withOptimisation(Optimisation o) {
        return new FrameAnalysis(method, params, paramSource, option, atoms, qc, er, o, classes, mask, positions,
                reading);
    }

    /** The same analysis with how its frame was read. */
    FrameAnalysis withReading(Reading r) {
        return new FrameAnalysis(method, params, paramSource, option, atoms, qc, er, optimisation, classes, mask,
                positions, r);
    }

    /** The fraction of the frame off the crystal, 0 to 1, or {@code NaN} without a mask. */
    public double maskedFraction() {
        return mask == null ? Double.NaN : mask.maskedFraction();
    }

    /**
     * How the atoms' positions were refined ({@code SubPixelRefiner}): the method's word and how many atoms
     * each way placed.
     */
    public record Positions(String method, int fitted, int centreOfMass, int unchanged) {
        public Positions {
            Objects.requireNonNull(method, "method");
        }
    }

    /**
     * How the frame was read before LoG* ({@code FramePreparation}, as {@code analyze} reads a file).
     *
     * @param contrast       {@code bright}, or {@code dark}: the frame was inverted
     * @param contrastSource {@code auto} (the image decided) or {@code option} (the {@code contrast} key)
     * @param pixelSize      the told and the used pixel size and why, or {@code null}: no material's lattice
     *                       (an FFT estimate in pixels, or none)
     */
    public record Reading(String contrast, String contrastSource, PixelCalibration.Result pixelSize) {
        public Reading {
            Objects.requireNonNull(contrast, "contrast");
            Objects.requireNonNull(contrastSource, "contrastSource");
        }
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
