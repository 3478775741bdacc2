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
import org.stemloop.eval.Evaluation;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

/**
 * Points of interest on realistic frames ({@code simulate --realistic}: Poisson counts, scan distortion, a hole,
 * contamination): the permissive rules (every irregular atom a point) against the default ones (a real missing
 * site agreed on, clustered irregularity, a cap). A point is <em>right</em> when the true atom under it (within
 * nn/2) has fewer true neighbours than the lattice's 3 (vacancy edge) or not exactly 3, or is amorphous
 * (boundary). The numbers are in docs/loop.md.
 */
class PoiRealisticFramesTest {

    @Test
    void theDefaultRulesGiveFewerAndTruerPointsThanThePermissiveOnes() {
        int[] permissive = new int[4]; // edges, right edges, boundaries, right boundaries
        int[] strict = new int[4];
        int atoms = 0;
        int frames = 4;
        for (long seed = 1; seed <= frames; seed++) {
            RealisticFrame rf = Simulator.realistic(Preset.HAADF_NION_GRAPHENE.spec(256), seed);
            double px = rf.spec().pixelSizeAngstrom();
            double nn = Material.GRAPHENE.nearestNeighbourAngstrom() / px;
            Frame frame = RealisticGraphene.scaled(rf.frame());
            double sigma = 1.1 / 2.355 / px;
            List<Blob> blobs = SubPixelRefiner.refine(frame, LogBlobDetector.detect(frame,
                    LogParams.of(0.7 * sigma, 1.3 * sigma, 4, 0.01, 0.5)), nn, Refinement.GAUSS).atoms();
            List<AtomSite> sites = new ArrayList<>();
            for (Blob b : blobs) {
                sites.add(new AtomSite(b.row(), b.col(), AtomSite.brightness(frame, b.row(), b.col()), -1));
            }
            atoms += sites.size();
            Evaluation e = Evaluation.of(Point.ofBlobs(blobs), rf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList(), nn / 3);
            PoiGeometry g = new PoiGeometry(frame.height(), frame.width(), px, nn, 3);
            count(new PoiFinder(PoiSettings.PERMISSIVE).find(sites, g), rf.atoms(), nn, permissive);
            count(new PoiFinder(PoiSettings.DEFAULT).find(sites, g), rf.atoms(), nn, strict);
            System.out.printf("seed %d: %d atoms detected, %d true, detection %s%n", seed, sites.size(), rf.atoms().size(), e.oneToOne().scores());
        }
        System.out.printf("realistic graphene 256², %d frames, %d atoms: permissive %d vacancy edges (%d right), %d boundaries"
                + " (%d right); default %d vacancy edges (%d right), %d boundaries (%d right)%n", frames, atoms,
                permissive[0], permissive[1], permissive[2], permissive[3], strict[0], strict[1], strict[2], strict[3]);
        assertThat(strict[0] + strict[2]).as("points per frame with the default rules")
                .isLessThanOrEqualTo(frames * 2 * PoiSettings.DEFAULT.maxPerKind());
        assertThat(strict[0] + strict[2]).isLessThan((permissive[0] + permissive[2]) / 2);
        // Vacancy edges are what these rules judge; boundaries without the crystal mask are mostly false under
        // either rule set (0.06 right), and the agent judges them with the mask (PoiMaskRealisticFramesTest).
        double vacancyBefore = permissive[1] / (double) Math.max(1, permissive[0]);
        double vacancyAfter = strict[1] / (double) Math.max(1, strict[0]);
        assertThat(vacancyAfter).as("share of vacancy edges that are right").isGreaterThan(vacancyBefore);
        assertThat(strict[1] + strict[3]).as("right points kept").isPositive();
    }

    private static void count(List<PointOfInterest> points, List<TrueAtom> truth, double nn, int[] into) {
        for (PointOfInterest p : points) {
            if (p.kind() == PoiKind.DOPANT) {
                continue;
            }
            TrueAtom t = null;
            for (TrueAtom a : truth) {
                if (Math.hypot(a.row() - p.row(), a.col() - p.col()) <= nn / 2
                        && (t == null || Math.hypot(a.row() - p.row(), a.col() - p.col())
                        < Math.hypot(t.row() - p.row(), t.col() - p.col()))) {
                    t = a;
                }
            }
            int k = p.kind() == PoiKind.VACANCY_EDGE ? 0 : 2;
            into[k]++;
            if (t == null) {
                continue;
            }
            TrueAtom at = t;
            long neighbours = truth.stream().filter(a -> a != at
                    && Math.hypot(a.row() - at.row(), a.col() - at.col()) <= 1.3 * nn).count();
            boolean right = k == 0 ? neighbours < 3 : neighbours != 3 || "amorphous".equals(at.label());
            if (right) {
                into[k + 1]++;
            }
        }
    }
}
