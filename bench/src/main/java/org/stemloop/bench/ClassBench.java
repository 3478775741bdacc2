package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.stemloop.cluster.AtomClasses;
import org.stemloop.cluster.ClassPurity;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.Blob;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.MatchedPair;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ParameterSpace;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

/**
 * Atom classes against the simulator's labels (the paper's Figure 5, scored): graphene with 3 %
 * Si dopants and 3 holes of 6 Å, LoG*'s recommended atoms classified without labels
 * ({@link AtomClasses}, k by BIC), then each detection matched one-to-one to a true atom (radius
 * d/3) and the classes of the matched ones scored against the true species ({@link ClassPurity}).
 * Unmatched detections (noise blobs in the holes) are classified but not scored.
 */
public final class ClassBench {

    /**
     * One frame's result.
     *
     * @param classes    k chosen by BIC
     * @param detections LoG* atoms classified
     * @param matched    of them, matched to a true atom (scored)
     * @param purity     species purity of the matched atoms' classes
     * @param siRecall   share of matched Si in Si-majority classes (NaN without Si)
     * @param siPrecision share of atoms in Si-majority classes that are Si (NaN when no class is Si-majority)
     * @param ms         classification time (patches, PCA, mixtures), milliseconds
     */
    public record Row(int size, double noise, long seed, int classes, int detections, int matched, double purity,
            double siRecall, double siPrecision, long ms) {

        public static final String CSV_HEADER = "size,noise,seed,classes,detections,matched,purity,si_recall,si_precision,ms";

        public String csv() {
            return String.format(Locale.ROOT, "%d,%.2f,%d,%d,%d,%d,%.4f,%.4f,%.4f,%d", size, noise, seed, classes,
                    detections, matched, purity, siRecall, siPrecision, ms);
        }
    }

    /** A row with the classes it scored (for the pictures). */
    public record Case(Row row, AtomClasses classes) {

        public Case {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(classes, "classes");
        }
    }

    private ClassBench() {
    }

    /** Simulates, searches, classifies and scores one frame of {@code size}² pixels. */
    public static Case run(int size, double noise, long seed, ClassSettings settings) {
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(noise)
                .withSeed(seed).withDefects(Defects.NONE.withDopants(0.03).withHoles(3, 6)));
        RewardContext ctx = RewardContext.of(Lattice.graphene(), size, size, sf.spec().pixelSizeAngstrom());
        double d = ctx.nearestNeighbourPx();
        List<Blob> atoms = LogStarSearch.run(sf.frame(), ctx, ParameterSpace.forSpacing(d), Rewards.paper(),
                SearchSettings.DEFAULT.withSeed(seed), SearchListener.NONE).recommendedAtoms();
        long t0 = System.nanoTime();
        AtomClasses classes = AtomClasses.classify(sf.frame(), atoms, d, settings);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<TrueAtom> truth = sf.atoms();
        MatchResult match = OneToOneMatching.match(Point.ofBlobs(atoms),
                truth.stream().map(a -> new Point(a.row(), a.col())).toList(), d / 3);
        int[] matchedClasses = new int[match.pairs().size()];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < matchedClasses.length; i++) {
            MatchedPair p = match.pairs().get(i);
            matchedClasses[i] = classes.labels()[p.prediction()];
            labels.add(truth.get(p.truth()).label());
        }
        ClassPurity purity = ClassPurity.of(matchedClasses, classes.classes(), labels);
        return new Case(new Row(size, noise, seed, classes.classes(), atoms.size(), matchedClasses.length,
                purity.purity(), purity.recall("Si"), purity.precision("Si"), ms), classes);
    }
}
