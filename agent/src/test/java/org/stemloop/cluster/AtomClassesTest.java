package org.stemloop.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

class AtomClassesTest {

    @TempDir
    Path dir;

    /** Graphene with 3% Si dopants and holes, 0.14 Å/px (C-C 10.1 px). */
    static SimulatedFrame dopedGraphene(int size, double noise, long seed) {
        return Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(noise).withSeed(seed)
                .withDefects(Defects.NONE.withDopants(0.03).withHoles(3, 6)));
    }

    /**
     * The truth's labels with hole context: a carbon atom with fewer than 3 true neighbours within
     * 1.25 spacings, away from the frame's border, sits on a hole's edge ("C-edge").
     */
    static List<String> labels(SimulatedFrame sf, double spacing) {
        List<TrueAtom> atoms = sf.atoms();
        List<String> out = new ArrayList<>();
        for (TrueAtom a : atoms) {
            int near = 0;
            for (TrueAtom b : atoms) {
                near += a != b && Math.hypot(a.row() - b.row(), a.col() - b.col()) < 1.25 * spacing ? 1 : 0;
            }
            boolean inside = a.row() > spacing && a.col() > spacing && a.row() < sf.spec().height() - 1 - spacing
                    && a.col() < sf.spec().width() - 1 - spacing;
            out.add(a.label().equals("C") && near < 3 && inside ? "C-edge" : a.label());
        }
        return out;
    }

    static List<Blob> atTruth(SimulatedFrame sf) {
        return sf.atoms().stream().map(a -> new Blob(Math.round(a.row()), Math.round(a.col()), 2)).toList();
    }

    @Test
    void siliconDopantsFormTheirOwnClassOnNoisyGraphene() throws Exception {
        double spacing = 1.42 / 0.14;
        for (double noise : new double[] {0.1, 0.3}) {
            SimulatedFrame sf = dopedGraphene(384, noise, 41);
            List<String> truth = labels(sf, spacing);
            AtomClasses c = AtomClasses.classify(sf.frame(), atTruth(sf), spacing, ClassSettings.AUTO);
            ClassPurity p = ClassPurity.of(c.labels(), c.classes(), truth);
            ClassPurity species = ClassPurity.of(c.labels(), c.classes(), sf.atoms().stream().map(TrueAtom::label).toList());
            System.out.printf("noise %.1f: k=%d bic=%s species purity %.4f; with hole edges: purity %.3f Si recall %.3f precision %.3f C-edge recall %.3f %s%n",
                    noise, c.classes(), java.util.Arrays.toString(c.bic()), species.purity(), p.purity(), p.recall("Si"), p.precision("Si"),
                    p.recall("C-edge"), p.table());
            assertThat(p.totals().get("Si")).isGreaterThan(20);
            assertThat(species.purity()).isGreaterThan(0.99);
            assertThat(p.recall("Si")).isGreaterThan(0.9);
            assertThat(p.precision("Si")).isGreaterThan(0.9);
            ClassPictures.writeAll(c, dir, "n" + noise, "PCA of atom patches");
        }
        assertThat(dir.resolve("n0.1_scatter.png")).isNotEmptyFile();
    }

    @Test
    void sameSeedSameClasses() {
        SimulatedFrame sf = dopedGraphene(192, 0.2, 42);
        AtomClasses a = AtomClasses.classify(sf.frame(), atTruth(sf), 10.14, ClassSettings.AUTO);
        AtomClasses b = AtomClasses.classify(sf.frame(), atTruth(sf), 10.14, ClassSettings.AUTO);
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.bic()).isEqualTo(b.bic());
        assertThat(a.counts()[0]).isGreaterThanOrEqualTo(a.counts()[a.classes() - 1]);
        AtomClasses fixed = AtomClasses.classify(sf.frame(), atTruth(sf), 10.14, ClassSettings.fixed(3));
        assertThat(fixed.classes()).isEqualTo(3);
        assertThat(fixed.bic()).hasSize(1);
        assertThat(fixed.centroids()).hasNumberOfRows(3);
        assertThat(fixed.centroids()[0]).hasSize(fixed.patchSide() * fixed.patchSide());
    }

    @Nested
    class Pieces {
        @Test
        void mixtureFindsTwoWellSeparatedBlobsAndBicPrefersTwo() {
            Random rng = new Random(7);
            double[][] x = new double[300][];
            for (int i = 0; i < 300; i++) {
                double cx = i < 200 ? 0 : 5;
                x[i] = new double[] {cx + rng.nextGaussian() * 0.5, rng.nextGaussian() * (i < 200 ? 1 : 0.3)};
            }
            GaussianMixture one = GaussianMixture.fit(x, 1, 1);
            GaussianMixture two = GaussianMixture.fit(x, 2, 1);
            GaussianMixture three = GaussianMixture.fit(x, 3, 1);
            assertThat(two.bic()).isLessThan(one.bic()).isLessThan(three.bic() + Math.abs(three.bic()));
            assertThat(two.bic()).isLessThan(three.bic());
            int[] l = two.predict(x);
            for (int i = 1; i < 300; i++) {
                assertThat(l[i] == l[0]).as("point %d", i).isEqualTo(i < 200);
            }
            double[] w = two.weights();
            assertThat(Math.max(w[0], w[1])).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(0.01));
        }

        @Test
        void pcaFindsTheDirectionOfLargestVariance() {
            Random rng = new Random(3);
            double[][] x = new double[500][];
            for (int i = 0; i < 500; i++) {
                double t = rng.nextGaussian() * 3;
                double u = rng.nextGaussian() * 0.5;
                x[i] = new double[] {t / Math.sqrt(2) - u / Math.sqrt(2), t / Math.sqrt(2) + u / Math.sqrt(2), 1.0};
            }
            Pca p = Pca.fit(x, 2);
            assertThat(p.components()[0][0]).isCloseTo(1 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.02));
            assertThat(p.components()[0][1]).isCloseTo(1 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.02));
            assertThat(p.variances()[0]).isCloseTo(9, org.assertj.core.data.Offset.offset(1.0));
            assertThat(p.variances()[1]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.05));
            assertThat(p.explained(0) + p.explained(1)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
        }

        @Test
        void eigenDecompositionOfAKnownMatrix() {
            SymmetricEigen e = SymmetricEigen.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
            assertThat(e.values).containsExactly(new double[] {5, 3, 1}, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(e.vectors[0]).containsExactly(new double[] {0, 0, 1}, org.assertj.core.data.Offset.offset(1e-12));
        }

        @Test
        void patchesRepeatTheEdgeBeyondTheFrame() {
            double[] p = new double[5 * 5];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            double[][] patch = AtomPatches.extract(Frame.of(5, 5, p), List.of(new Blob(0, 0, 1)), 1);
            assertThat(patch[0]).containsExactly(0, 0, 1 / 24.0, 0, 0, 1 / 24.0, 5 / 24.0, 5 / 24.0, 6 / 24.0);
        }

        @Test
        void purityCountsTheMajorityOfEachClass() {
            ClassPurity p = ClassPurity.of(new int[] {0, 0, 0, 1, 1}, 2, List.of("C", "C", "Si", "Si", "Si"));
            assertThat(p.purity()).isEqualTo(0.8);
            assertThat(p.recall("Si")).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(p.precision("Si")).isEqualTo(1.0);
            assertThat(p.majority()).containsExactly("C", "Si");
        }

        @Test
        void tooFewAtomsFail() {
            assertThatThrownBy(() -> AtomClasses.classify(Frame.of(32, 32, new double[32 * 32]),
                    List.of(new Blob(5, 5, 1)), 10, ClassSettings.AUTO)).hasMessageContaining("Too few atoms");
        }
    }
}
