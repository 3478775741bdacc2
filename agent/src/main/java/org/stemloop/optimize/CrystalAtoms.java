package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.image.Frame;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.CrystalMaskEstimator;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.MaskMode;

/**
 * The one path from LoG detections to the atoms reported on a real frame (issue 15), shared by
 * {@code analyze} and the agent: the crystal mask ({@link #mask}), then the detections off the crystal
 * dropped and the rest refined to sub-pixel positions ({@link #keep}). The rewards are taken over the
 * crystal's area with {@link org.stemloop.reward.RewardContext#over(CrystalMask)} on the kept atoms'
 * whole-pixel positions (before refinement), so QC and ER score exactly what the search scored.
 *
 * <pre>{@code
 * CrystalMask m = CrystalAtoms.mask(MaskMode.AUTO, frame, CrystalAtoms.periodPx(lattice, pixelSize));
 * CrystalAtoms.Kept k = CrystalAtoms.keep(frame, blobs, m, nearestNeighbourPx, Refinement.GAUSS);
 * }</pre>
 *
 * @apiNote Cost: the mask ~50-100 ms for a 512² frame on one core ({@link CrystalMaskEstimator}); keeping is
 *          O(atoms), refining as {@link SubPixelRefiner}. Thread-safe (no state).
 */
public final class CrystalAtoms {

    private CrystalAtoms() {
    }

    /**
     * The atoms on the crystal, before and after refinement.
     *
     * @param onCrystal the detections inside the mask, whole pixels, in detection order (score these)
     * @param refined   the same atoms refined ({@link SubPixelRefiner.Refined#atoms()}: report these)
     * @param dropped   detections outside the mask
     */
    public record Kept(List<Blob> onCrystal, SubPixelRefiner.Refined refined, int dropped) {
        public Kept {
            onCrystal = List.copyOf(onCrystal);
            Objects.requireNonNull(refined, "refined");
        }

        /** The atoms to report: on the crystal, refined. */
        public List<Blob> atoms() {
            return refined.atoms();
        }
    }

    /**
     * The lattice's longest first-order plane spacing in pixels, what the mask's windows must hold
     * several of: 1.5 nearest-neighbour distances (graphene's (10) planes are 1.5 bonds apart, SrTiO3's
     * (100) 1.41 column distances).
     *
     * @param pixelSize the lattice's unit of length per pixel (1 for a lattice measured in pixels)
     */
    public static double periodPx(Lattice lattice, double pixelSize) {
        return 1.5 * lattice.nearestNeighbourPx(pixelSize);
    }

    /** The crystal of {@code frame}: estimated ({@link MaskMode#AUTO}) or the whole frame ({@link MaskMode#NONE}). */
    public static CrystalMask mask(MaskMode mode, Frame frame, double periodPx) {
        Objects.requireNonNull(mode, "mode");
        return mode == MaskMode.AUTO ? CrystalMaskEstimator.estimate(frame, periodPx)
                : CrystalMask.all(frame.height(), frame.width());
    }

    /**
     * The detections on the crystal of {@code mask}, then refined on {@code frame}.
     *
     * @param frame              the image with atoms bright (the one LoG ran on, or the recorded frame)
     * @param nearestNeighbourPx the lattice's nearest-neighbour distance, pixels: the refinement's disc
     */
    public static Kept keep(Frame frame, List<Blob> blobs, CrystalMask mask, double nearestNeighbourPx,
                            Refinement how) {
        if (mask.height() != frame.height() || mask.width() != frame.width()) {
            throw new IllegalArgumentException("Mask %d x %d does not fit the frame %d x %d".formatted(mask.height(),
                    mask.width(), frame.height(), frame.width()));
        }
        List<Blob> inside = onCrystal(blobs, mask);
        return new Kept(inside, SubPixelRefiner.refine(frame, inside, nearestNeighbourPx, how),
                blobs.size() - inside.size());
    }

    /** The blobs inside {@code mask}, in order. */
    public static List<Blob> onCrystal(List<Blob> blobs, CrystalMask mask) {
        if (mask.isAll()) {
            return blobs;
        }
        List<Blob> inside = new ArrayList<>(blobs.size());
        for (Blob b : blobs) {
            if (mask.contains(b.row(), b.col())) {
                inside.add(b);
            }
        }
        return inside;
    }
}
