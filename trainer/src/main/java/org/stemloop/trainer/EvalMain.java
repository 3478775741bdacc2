package org.stemloop.trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.cli.AtomListFile;
import org.stemloop.eval.Evaluation;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.eval.ScoringRadius;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.unet.HeatmapAtoms;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stemloop-eval}: scores U-Net ensembles on a fixed set of frames, in one process (models
 * loaded once). Two sets with disjoint seeds, so that models are chosen on one and reported on
 * the other (docs/unet.md, "Protocol"):
 * <ul>
 *   <li>{@code validation}: simulated frames only, seeds {@value #VALIDATION_SEED} on; this is
 *       where members and ensembles are chosen;</li>
 *   <li>{@code test}: simulated frames with seeds {@value #TEST_SEED} on, and the three real
 *       graphene frames against AtomNet's predictions ({@code --real DIR}); looked at once, after
 *       the choice.</li>
 * </ul>
 * Each set: the lattice simulator at noise 0, 0.1, 0.2 and the realistic simulator's Nion
 * graphene preset at dose 10 (the real frames' contrast-to-noise) and 50 e/px, two 512 x 512 frames
 * each; every frame handed to the detector with the pixel size it carries (the realistic frames'
 * told size, 3% off).
 */
@Command(name = "stemloop-eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores U-Net ensembles (each --ensemble a comma-separated list of ONNX files or shipped names).")
public final class EvalMain implements Callable<Integer> {

    static final long VALIDATION_SEED = 610_001;
    static final long TEST_SEED = 424_242;

    @Option(names = "--set", required = true, paramLabel = "validation|test")
    String set;

    @Option(names = "--ensemble", required = true, paramLabel = "A.onnx,B.onnx,...",
            description = "An ensemble to score; repeat to compare several.")
    List<String> ensembles;

    @Option(names = "--real", paramLabel = "DIR", description = "The real frames (test set only; default ../shared/data/real).")
    Path real = Path.of("../shared/data/real");

    @Option(names = "--frames", defaultValue = "2", description = "Frames per simulated condition (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", defaultValue = "512", description = "Simulated frame side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--out", description = "Also write the rows as TSV here.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalMain()).execute(args));
    }

    /** One scored frame set. */
    record Case(String name, List<Frame> frames, List<List<Point>> truths) {
    }

    @Override
    public Integer call() throws Exception {
        boolean test = switch (set) {
            case "validation" -> false;
            case "test" -> true;
            default -> throw new IllegalArgumentException("--set must be validation or test: " + set);
        };
        List<Case> cases = cases(test ? TEST_SEED : VALIDATION_SEED);
        if (test) {
            cases.addAll(realCases());
        }
        StringBuilder tsv = new StringBuilder("ensemble\tcase\ttp\tfp\tfn\tf1\n");
        for (String e : ensembles) {
            List<String> members = List.of(e.split(","));
            double sum = 0;
            int simCases = 0;
            try (UnetDetector d = UnetDetector.load(members, HeatmapAtoms.DEFAULT)) {
                for (Case c : cases) {
                    int tp = 0;
                    int fp = 0;
                    int fn = 0;
                    for (int i = 0; i < c.frames().size(); i++) {
                        List<Point> found = d.detect(c.frames().get(i)).atoms().stream().map(EvalMain::point).toList();
                        List<Point> truth = c.truths().get(i);
                        Scores s = Evaluation.of(found, truth, ScoringRadius.defaultFor(truth)).oneToOne().scores();
                        tp += s.tp();
                        fp += s.fp();
                        fn += s.fn();
                    }
                    Scores s = Scores.ofCounts(tp, fp, fn);
                    if (!c.name().startsWith("real-")) {
                        sum += s.f1();
                        simCases++;
                    }
                    String row = String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%d\t%.4f", e, c.name(), tp, fp, fn, s.f1());
                    System.out.println(row);
                    tsv.append(row).append('\n');
                }
            }
            String row = String.format(Locale.ROOT, "%s\tmean-simulated\t\t\t\t%.4f", e, sum / simCases);
            System.out.println(row);
            tsv.append(row).append('\n');
        }
        if (out != null) {
            Files.writeString(out, tsv);
        }
        return 0;
    }

    private List<Case> cases(long seed) {
        List<Case> cases = new ArrayList<>();
        for (double noise : new double[] {0, 0.1, 0.2}) {
            List<Frame> fs = new ArrayList<>();
            List<List<Point>> ts = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(noise).withSeed(seed + i);
                SimulatedFrame sim = Simulator.simulate(spec);
                fs.add(sim.frame().withPixelSize(spec.pixelSizeAngstrom()));
                ts.add(sim.atoms().stream().map(a -> new Point(a.row(), a.col())).toList());
            }
            cases.add(new Case("lattice-noise" + noise, fs, ts));
        }
        for (double dose : new double[] {10, 50}) {
            List<Frame> fs = new ArrayList<>();
            List<List<Point>> ts = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                RealisticFrame f = Simulator.realistic(Preset.HAADF_NION_GRAPHENE.spec(size).withDose(dose), seed + i);
                fs.add(f.frame());
                ts.add(f.atoms().stream().map(a -> new Point(a.row(), a.col())).toList());
            }
            cases.add(new Case("realistic-dose" + (int) dose, fs, ts));
        }
        return cases;
    }

    private List<Case> realCases() throws Exception {
        List<Case> cases = new ArrayList<>();
        String[][] specs = {{"graphene_si_2nm", "0.078"}, {"graphene_gb_4nm", "0.078"}, {"graphene_gb_6nm", "0.117"}};
        for (String[] s : specs) {
            Path image = real.resolve(s[0] + ".npy");
            Path truth = real.resolve(s[0] + ".atomnet.json");
            if (!Files.exists(image) || !Files.exists(truth)) {
                throw new IllegalArgumentException("Missing real frame or its AtomNet predictions: " + image + ", " + truth);
            }
            Frame f = ImageReaders.read(image).withPixelSize(Double.parseDouble(s[1]));
            cases.add(new Case("real-" + s[0], List.of(f), List.of(AtomListFile.read(truth, "truth"))));
        }
        return cases;
    }

    private static Point point(UnetAtom a) {
        return new Point(a.row(), a.col());
    }
}
