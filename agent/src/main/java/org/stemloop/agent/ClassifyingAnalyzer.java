package org.stemloop.agent;

import java.util.List;
import java.util.Objects;
import org.stemloop.cluster.AtomClasses;
import org.stemloop.cluster.AtomSpacing;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;

/**
 * The {@code classes} option: another analyzer's LoG* atoms sorted into classes by what their
 * surroundings look like ({@link AtomClasses}: patch PCA, Gaussian mixture, k fixed or by BIC).
 * The patch size comes from the atoms' own median spacing, so it needs no lattice (half of it, at
 * most {@value #MAX_PATCH_RADIUS} px, which bounds the time). A frame with
 * too few atoms for the classes asked for, or with so many that the mixture would hold up the
 * next frames, keeps its atoms and carries the reason instead of classes.
 *
 * @apiNote Cost: ~0.1-0.3 s for 2,000 atoms with 11 x 11 patches and k = 2-4 by BIC (docs/cluster.md),
 *          on the analysis thread after the detection; frames wait behind it.
 */
final class ClassifyingAnalyzer implements FrameAnalyzer {

    /** Above this many atoms a frame is not classified: the mixture's time grows with the atoms. */
    static final int MAX_ATOMS = 20_000;

    /**
     * Largest patch radius, pixels. PCA's eigen-decomposition grows with the cube of the patch's
     * pixels: 17 x 17 patches cost ~0.2 s, while a frame whose detections are sparse (a wrong
     * threshold finding only the dopants: 55 atoms 35 px apart on 512² graphene) would ask for
     * 35 x 35 and hold the analysis thread for minutes. Wider spacings see the atom and its
     * nearest surroundings only.
     */
    static final int MAX_PATCH_RADIUS = 8;

    private final FrameAnalyzer inner;
    private final ClassSettings settings;

    ClassifyingAnalyzer(FrameAnalyzer inner, ClassSettings settings) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public FrameAnalysis analyze(Frame frame, String material, RunState state) {
        FrameAnalysis a = inner.analyze(frame, material, state);
        return a.withClasses(classify(frame, a.atoms()));
    }

    FrameClasses classify(Frame frame, List<Blob> atoms) {
        long start = System.nanoTime();
        int need = Math.max(settings.maxClasses(), 2) * 3; // AtomClasses' own minimum
        if (atoms.size() < need) {
            return FrameClasses.skipped("too few atoms: %d (need %d for up to %d classes)".formatted(atoms.size(), need,
                    settings.maxClasses()), millis(start));
        }
        if (atoms.size() > MAX_ATOMS) {
            return FrameClasses.skipped("too many atoms: %d (at most %d)".formatted(atoms.size(), MAX_ATOMS),
                    millis(start));
        }
        int radius = (int) Math.max(2, Math.min(MAX_PATCH_RADIUS, Math.round(AtomSpacing.median(atoms) / 2)));
        AtomClasses c = AtomClasses.classify(frame, atoms, 2.0 * radius, new ClassSettings(settings.minClasses(),
                settings.maxClasses(), settings.components(), radius, settings.seed()));
        return new FrameClasses(c.labels(), c.classes(), c.patchSide(), null, millis(start));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
