package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.stemloop.image.Frame;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.LatticeEstimate;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.reward.Material;
import org.stemloop.reward.NoLatticeException;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RewardContext;

/**
 * The lattice {@code analyze} scores against: a named material at a known pixel size, or one
 * estimated from the frame's power spectrum (then in pixels, no pixel size needed).
 */
final class AnalysisLattice {

    private final Lattice lattice;
    private final double pixelSize;
    private final String source;
    private final String note;
    private final double periodPx;

    private AnalysisLattice(Lattice lattice, double pixelSize, String source, String note, double periodPx) {
        this.lattice = lattice;
        this.pixelSize = pixelSize;
        this.source = source;
        this.note = note;
        this.periodPx = periodPx;
    }

    /**
     * The lattice of {@code frame} (atoms bright): {@code material} at the told pixel size, calibrated on the
     * lattice as {@code preparation} says ({@link FramePreparation#pixelSize}), or the FFT's.
     */
    static AnalysisLattice resolve(Frame frame, Path file, String material, boolean fromFft, Double pixelSize,
            FramePreparation preparation) {
        if (material != null && fromFft) {
            throw new IllegalArgumentException("give --material or --lattice-from-fft, not both");
        }
        if (fromFft) {
            LatticeEstimate e;
            try {
                e = LatticeEstimator.require(frame);
            } catch (NoLatticeException refused) {
                throw new Cli.InputException("--lattice-from-fft refused " + file + ": " + refused.getMessage()
                        + (refused.getMessage().contains("--material") ? "" : "; give --material and --pixel-size"));
            }
            return new AnalysisLattice(e.toLattice(), 1.0, "fft",
                    "estimated from the image's FFT (confidence %.2f): %s".formatted(e.confidence(), e.note()),
                    Math.max(e.spacingPx(), e.secondSpacingPx()));
        }
        if (material == null) {
            throw new IllegalArgumentException("give --material graphene|srtio3 (with a pixel size) or --lattice-from-fft");
        }
        Lattice lattice = Lattice.of(Material.parse(material));
        double px;
        String where;
        if (pixelSize != null) {
            if (!(pixelSize > 0.001 && pixelSize < 100)) {
                throw new IllegalArgumentException("--pixel-size must be in (0.001, 100) Å: " + pixelSize);
            }
            px = pixelSize;
            where = "--pixel-size";
        } else {
            px = frame.pixelSizeAngstrom().orElseThrow(() -> new Cli.InputException(
                    file + " has no pixel size: give --pixel-size Å, or use --lattice-from-fft"));
            where = "the file";
        }
        PixelCalibration.Result c = preparation.pixelSize(frame, Material.parse(material), px);
        px = c.pixelSizeAngstrom();
        where += "; " + c.note();
        // the longest first-order plane spacing: graphene's (10) is 1.5 bonds, SrTiO3's (100) 1.41 columns apart
        return new AnalysisLattice(lattice, px, "material", "%s at %.4f Å/px (from %s)".formatted(lattice.name(), px, where),
                1.5 * lattice.nearestNeighbourPx(px));
    }

    RewardContext context(int height, int width) {
        return RewardContext.of(lattice, height, width, pixelSize);
    }

    SearchResult search(Frame frame, SearchSettings settings, SearchListener listener) {
        return LogStarSearch.run(frame, context(frame.height(), frame.width()), settings, listener);
    }

    /** The lattice's longest first-order plane spacing, pixels: what the crystal mask's windows must hold. */
    double periodPx() {
        return periodPx;
    }

    /** The search counting atoms on the crystal only, against the lattice's expectation over its area. */
    SearchResult search(Frame frame, CrystalMask mask, SearchSettings settings, SearchListener listener) {
        return LogStarSearch.run(frame, mask, context(frame.height(), frame.width()).over(mask), settings, listener);
    }

    String describe() {
        return note;
    }

    ObjectNode json(ObjectMapper json, int height, int width) {
        RewardContext c = context(height, width);
        ObjectNode n = json.createObjectNode();
        n.put("name", lattice.name());
        n.put("source", source);
        if ("material".equals(source)) {
            n.put("pixel_size_angstrom", pixelSize);
        }
        n.put("nearest_neighbour_px", c.nearestNeighbourPx());
        n.put("crowding_limit_px", c.crowdingLimitPx());
        n.put("expected_atoms", c.expectedCount());
        n.put("note", note);
        return n;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s)", lattice.name(), note);
    }
}
