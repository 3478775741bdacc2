package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.reward.MaskMode;

/**
 * How the agent analyses frames: the {@code analysis} group of the configuration (docs/operations.md,
 * "Configuration keys").
 *
 * @param mode      supervised or autonomous
 * @param params    the LoG parameters of the fast path until an optimiser or an operator changes them
 *                  (thresholds on the frame scaled to [0, 1])
 * @param material  the material assumed when a frame names none ({@code graphene}, {@code srtio3}), or
 *                  {@code null}: the lattice is then estimated from the frame's power spectrum
 * @param optimiser when and how LoG* runs ({@link OptimiserSettings#OFF}: fixed parameters)
 * @param unetModel the U-Net run beside LoG* on every frame ({@code graphene}, {@code srtio3} or an ONNX
 *                  file), or {@code null}: LoG* only
 * @param classes   sort each frame's LoG* atoms into classes with these settings (k fixed, or by BIC in a
 *                  range; docs/cluster.md), or {@code null}: off
 * @param mask      find the crystal and count atoms only on it ({@link MaskMode#AUTO}), or take the whole
 *                  frame as crystal ({@link MaskMode#NONE}); docs/agent.md, "Crystal mask"
 * @param refinement how the reported atoms get sub-pixel positions (LoG maxima with {@link Refinement#NONE})
 * @param preparation how each frame is read before LoG*: its contrast and pixel calibration (the keys
 *                  {@code contrast}, {@code calibrate}; {@code analyze}'s path); docs/agent.md, "Contrast and
 *                  pixel size"
 */
public record AnalysisSettings(RunMode mode, LogParams params, String material, OptimiserSettings optimiser,
                               String unetModel, ClassSettings classes, MaskMode mask, Refinement refinement,
                               FramePreparation preparation) {

    public AnalysisSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimiser, "optimiser");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(refinement, "refinement");
        Objects.requireNonNull(preparation, "preparation");
        if (unetModel != null && unetModel.isBlank()) {
            unetModel = null;
        }
    }

    /** Contrast auto and the pixel size from the lattice (the defaults of run). */
    public AnalysisSettings(RunMode mode, LogParams params, String material, OptimiserSettings optimiser,
                            String unetModel, ClassSettings classes, MaskMode mask, Refinement refinement) {
        this(mode, params, material, optimiser, unetModel, classes, mask, refinement, FramePreparation.DEFAULT);
    }

    /** With the crystal mask found from each reference frame and Gaussian sub-pixel positions (the defaults of run). */
    public AnalysisSettings(RunMode mode, LogParams params, String material, OptimiserSettings optimiser,
                            String unetModel, ClassSettings classes) {
        this(mode, params, material, optimiser, unetModel, classes, MaskMode.AUTO, Refinement.GAUSS);
    }

    /** LoG* with its default optimiser, no U-Net, no atom classes, mask auto, refinement gauss. */
    public static AnalysisSettings of(RunMode mode, LogParams params, String material) {
        return new AnalysisSettings(mode, params, material, OptimiserSettings.DEFAULT, null, null);
    }

    /** These settings with another mask and refinement. */
    public AnalysisSettings withAtoms(MaskMode newMask, Refinement newRefinement) {
        return new AnalysisSettings(mode, params, material, optimiser, unetModel, classes, newMask, newRefinement,
                preparation);
    }

    /** These settings reading frames as {@code newPreparation} says. */
    public AnalysisSettings withPreparation(FramePreparation newPreparation) {
        return new AnalysisSettings(mode, params, material, optimiser, unetModel, classes, mask, refinement,
                newPreparation);
    }
}
