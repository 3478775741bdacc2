package org.stemloop.bench;

import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.detect.Contrast;
import org.stemloop.detect.Refinement;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.OptionSelection;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.MaskMode;
import org.stemloop.reward.Material;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RewardContext;

/**
 * LoG* as {@code analyze --material M} runs it with its defaults ({@code --contrast auto --calibrate
 * lattice --mask auto --refine gauss}): the contrast detected, the told pixel size corrected from
 * the lattice, the crystal estimated, the search scoring the crystal only, the recommended option's
 * atoms on the crystal, refined by a Gaussian fit. Unlike {@link LogStarFinder}, which searches the
 * whole frame at the pixel size it is given, this one is for frames with holes, contamination and a
 * calibration error (the realistic simulator, real images).
 */
public record AnalyzeLogStarFinder(SearchSettings settings) implements AtomFinder {

    @Override
    public String method() {
        return LogStarFinder.METHOD;
    }

    /** The told pixel size is the frame's own ({@code context} is not used: the lattice decides). */
    @Override
    public List<Point> find(Frame recorded, Material material, RewardContext context) {
        double told = recorded.pixelSizeAngstrom().orElseThrow(() -> new IllegalArgumentException(
                "LoG* as analyze runs it needs the frame's pixel size; this frame has none"));
        Frame frame = Contrast.detect(recorded).brightAtoms(recorded);
        Lattice lattice = Lattice.of(material);
        double px = PixelCalibration.of(frame, material, told).pixelSizeAngstrom();
        RewardContext ctx = RewardContext.of(lattice, frame.height(), frame.width(), px);
        CrystalMask mask = CrystalAtoms.mask(MaskMode.AUTO, frame, CrystalAtoms.periodPx(lattice, px));
        return Point.ofBlobs(onCrystal(frame, mask, ctx, settings));
    }

    /**
     * The search on the crystal of {@code mask}, the recommended option, its atoms on the crystal,
     * refined: the one path of {@code analyze}, {@code bench real} and this finder.
     */
    static List<Blob> onCrystal(Frame frame, CrystalMask mask, RewardContext ctx, SearchSettings settings) {
        SearchResult r = LogStarSearch.run(frame, mask, ctx.over(mask), settings, SearchListener.NONE);
        List<Blob> atoms = OptionSelection.of(r, ctx.nearestNeighbourPx()).recommended().atoms();
        return CrystalAtoms.keep(frame, atoms, mask, ctx.nearestNeighbourPx(), Refinement.GAUSS).refined().atoms();
    }
}
