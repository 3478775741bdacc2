package org.stemloop.poi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.image.Frame;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.CrystalMaskEstimator;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.Region;
import org.stemloop.sim.Simulator;

/**
 * Boundary and vacancy points on realistic frames ({@code simulate --realistic}, preset haadf-nion-graphene at 256²:
 * a vacuum hole and a contamination patch, no vacancies) three ways: every detection refined, no mask (what
 * {@link PoiRealisticFramesTest} measures); the atoms LoG* keeps on the crystal mask, the finder not told of the
 * mask (the agent before); the same atoms with the mask (the agent now). A boundary point is <em>right</em> when it
 * lies on the film (outside every region) within 2 nearest-neighbour distances of a hole or patch; a region is
 * <em>found</em> when a right boundary point lies within 2 nn of it (recall over the regions in the frame). These
 * frames hold no vacancy: every vacancy edge is false. The numbers are in docs/loop.md.
 */
class PoiMaskRealisticFramesTest {

    private static final int SEEDS = 6;

    @Test
    void theMaskMakesBoundariesRightAndRemovesFalseVacancies() {
        int[][] t = new int[3][7]; // per way: boundaries, right, vacancy edges, regions found, regions, at the edge, right
        for (long seed = 1; seed <= SEEDS; seed++) {
            RealisticFrame rf = Simulator.realistic(Preset.HAADF_NION_GRAPHENE.spec(256), seed);
            double px = rf.spec().pixelSizeAngstrom();
            double nn = Material.GRAPHENE.nearestNeighbourAngstrom() / px;
            Frame frame = RealisticGraphene.scaled(rf.frame());
            double sigma = 1.1 / 2.355 / px;
            List<Blob> raw = LogBlobDetector.detect(frame, LogParams.of(0.7 * sigma, 1.3 * sigma, 4, 0.01, 0.5));
            CrystalMask mask = CrystalMaskEstimator.estimate(frame, 1.5 * nn);
            List<Blob> all = SubPixelRefiner.refine(frame, raw, nn, Refinement.GAUSS).atoms();
            List<Blob> kept = CrystalAtoms.keep(frame, raw, mask, nn, Refinement.GAUSS).atoms();
            PoiGeometry g = new PoiGeometry(frame.height(), frame.width(), px, nn, 3);
            PoiFinder finder = new PoiFinder(PoiSettings.DEFAULT);
            List<List<PointOfInterest>> ways = List.of(finder.find(sites(frame, all), g),
                    finder.find(sites(frame, kept), g), finder.find(sites(frame, kept), g, mask));
            for (int w = 0; w < 3; w++) {
                score(ways.get(w), rf, nn, t[w]);
            }
            System.out.printf("seed %d: %s; %d detections, %d on the mask%n", seed, mask, all.size(), kept.size());
        }
        String[] names = {"all detections, no mask", "on the mask, finder without it (before)", "on the mask, finder with it (now)"};
        for (int w = 0; w < 3; w++) {
            System.out.printf("%s: %d boundaries, %d right (precision %.2f), regions found %d of %d (recall %.2f);"
                            + " %d vacancy edges (all false); boundaries at the crystal's edge %d (%d right)%n", names[w], t[w][0],
                    t[w][1], t[w][1] / (double) Math.max(1, t[w][0]), t[w][3], t[w][4],
                    t[w][3] / (double) Math.max(1, t[w][4]), t[w][2], t[w][5], t[w][6]);
        }
        double before = t[1][1] / (double) Math.max(1, t[1][0]);
        double now = t[2][1] / (double) Math.max(1, t[2][0]);
        assertThat(now).as("boundary precision with the mask (before %.2f)", before).isGreaterThan(before).isGreaterThan(0.5);
        assertThat(t[2][3]).as("regions found with the mask (before %d of %d)", t[1][3], t[1][4])
                .isGreaterThan(t[1][3]).isGreaterThanOrEqualTo((int) Math.ceil(0.75 * t[2][4]));
        assertThat(t[2][2]).as("false vacancy edges with the mask (before %d)", t[1][2]).isLessThanOrEqualTo(t[1][2]);
    }

    private static List<AtomSite> sites(Frame frame, List<Blob> blobs) {
        List<AtomSite> out = new ArrayList<>(blobs.size());
        for (Blob b : blobs) {
            out.add(new AtomSite(b.row(), b.col(), AtomSite.brightness(frame, b.row(), b.col()), -1));
        }
        return out;
    }

    private static void score(List<PointOfInterest> points, RealisticFrame rf, double nn, int[] into) {
        List<Region> visible = rf.regions().stream().filter(r -> inFrame(r, rf)).toList();
        boolean[] found = new boolean[visible.size()];
        for (PointOfInterest p : points) {
            if (p.kind() == PoiKind.VACANCY_EDGE) {
                into[2]++;
            } else if (p.kind() == PoiKind.BOUNDARY) {
                into[0]++;
                boolean right = false;
                for (int k = 0; k < visible.size(); k++) {
                    if (!rf.outsideCrystal(p.row(), p.col()) && near(visible.get(k), p.row(), p.col(), 2 * nn)) {
                        right = true;
                        found[k] = true;
                    }
                }
                into[1] += right ? 1 : 0;
                if (p.reason().startsWith("at the crystal's edge")) {
                    into[5]++;
                    into[6] += right ? 1 : 0;
                }
            }
        }
        for (int k = 0; k < found.length; k++) {
            into[3] += found[k] ? 1 : 0;
        }
        into[4] += visible.size();
    }

    /** Whether a point of the region lies within {@code d} of (row, col) (16 directions, 8 radii). */
    private static boolean near(Region region, double row, double col, double d) {
        for (int i = 0; i <= 8; i++) {
            for (int k = 0; k < 16; k++) {
                double a = 2 * Math.PI * k / 16;
                if (region.contains(row + d * i / 8 * Math.sin(a), col + d * i / 8 * Math.cos(a))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inFrame(Region region, RealisticFrame rf) {
        for (int r = 0; r < rf.frame().height(); r += 4) {
            for (int c = 0; c < rf.frame().width(); c += 4) {
                if (region.contains(r, c)) {
                    return true;
                }
            }
        }
        return false;
    }
}
