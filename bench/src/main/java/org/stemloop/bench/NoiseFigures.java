package org.stemloop.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.MatchedPair;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Canvas;
import org.stemloop.image.Frame;
import org.stemloop.image.Overlay;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.sim.SimulatedFrame;

/**
 * The noise sweep's pictures: TP/FP/FN/F1 against noise per material (the paper's Figure 2), and
 * frames at a few noise levels with each method's detections marked (its Figure 1).
 */
public final class NoiseFigures {

    static final Color[] METHOD_COLOURS = {new Color(0x1f4e9c), new Color(0xc0501c), new Color(0x2e8b57)};
    private static final Color TP = new Color(0x22c55e);
    private static final Color FP = new Color(0xef4444);
    private static final Color FN = new Color(0xfacc15);

    private NoiseFigures() {
    }

    /** {@code noise_curves_<material>.png}: per-frame TP, FP, FN and the one-to-one F1 against noise. */
    public static Path writeCurves(NoiseSweep.Result result, String material, Path dir) throws IOException {
        List<String> methods = methods(result);
        List<LineChart.Series> tp = new ArrayList<>();
        List<LineChart.Series> fp = new ArrayList<>();
        List<LineChart.Series> fn = new ArrayList<>();
        List<LineChart.Series> f1 = new ArrayList<>();
        for (int k = 0; k < methods.size(); k++) {
            String method = methods.get(k);
            List<NoiseRow> rows = result.rows().stream()
                    .filter(r -> r.method().equals(method) && r.material().equals(material)).toList();
            double[] x = rows.stream().mapToDouble(NoiseRow::noise).toArray();
            Color c = METHOD_COLOURS[k % METHOD_COLOURS.length];
            boolean dashed = k % 2 == 1;
            tp.add(new LineChart.Series(method, c, dashed, x, rows.stream().mapToDouble(r -> (double) r.tp() / r.frames()).toArray()));
            fp.add(new LineChart.Series(method, c, dashed, x, rows.stream().mapToDouble(r -> (double) r.fp() / r.frames()).toArray()));
            fn.add(new LineChart.Series(method, c, dashed, x, rows.stream().mapToDouble(r -> (double) r.fn() / r.frames()).toArray()));
            f1.add(new LineChart.Series(method, c, dashed, x, rows.stream().mapToDouble(NoiseRow::f1).toArray()));
        }
        Path file = dir.resolve("noise_curves_" + material + ".png");
        LineChart.write("%s, %d x %d px: the paper's TP / FP / FN per frame, and one-to-one F1".formatted(
                        material, result.settings().size(), result.settings().size()), "noise level",
                List.of(new LineChart.Panel("TP (paper)", "atoms", tp), new LineChart.Panel("FP (paper)", "atoms", fp),
                        new LineChart.Panel("FN (paper)", "atoms", fn), new LineChart.Panel("F1 (one-to-one)", "", f1)),
                file);
        return file;
    }

    /**
     * {@code noise_examples_<material>.png}: frame 0 at up to four noise levels (columns), one row
     * per method; green circles are matched detections, red ones false, yellow crosses missed atoms.
     */
    public static Path writeExamples(NoiseSweep.Result result, Material material, Path dir) throws IOException {
        List<String> methods = methods(result);
        double[] levels = pickLevels(result.settings().noises());
        int size = result.settings().size();
        int zoom = size <= 160 ? 2 : 1;
        int tile = size * zoom;
        int gap = 8;
        int left = 70;
        int top = 54;
        BufferedImage image = Canvas.draw(left + levels.length * (tile + gap), top + methods.size() * (tile + gap) + 24, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(material.id() + ": detections at increasing noise (green: matched, red: false, yellow +: missed)",
                    10, 20);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            for (int c = 0; c < levels.length; c++) {
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "noise %.1f", levels[c]), left + c * (tile + gap), top - 8);
                SimulatedFrame sf = NoiseSweep.frame(material, size, levels[c], result.settings().seed(), 0);
                RewardContext ctx = NoiseSweep.context(sf);
                List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
                for (int m = 0; m < methods.size(); m++) {
                    List<Point> found = example(result, methods.get(m), material.id(), levels[c]);
                    Overlay o = marked(sf.frame(), truth, found, ctx.nearestNeighbourPx() / 3).zoom(zoom);
                    g.drawImage(o.image(), left + c * (tile + gap), top + m * (tile + gap), null);
                }
            }
            g.setColor(Color.BLACK);
            for (int m = 0; m < methods.size(); m++) {
                g.drawString(methods.get(m), 8, top + m * (tile + gap) + tile / 2);
            }
        });
        Path file = dir.resolve("noise_examples_" + material.id() + ".png");
        Canvas.writePng(image, file);
        return file;
    }

    /** {@code frame} with green circles on matched detections, red on false ones, yellow crosses on missed atoms. */
    static Overlay marked(Frame frame, List<Point> truth, List<Point> found, double radius) {
        MatchResult match = OneToOneMatching.match(found, truth, radius);
        boolean[] matchedFound = new boolean[found.size()];
        boolean[] matchedTruth = new boolean[truth.size()];
        for (MatchedPair p : match.pairs()) {
            matchedFound[p.prediction()] = true;
            matchedTruth[p.truth()] = true;
        }
        Overlay o = Overlay.of(frame, 0.5, 99.5);
        double r = Math.max(1.5, radius);
        for (int i = 0; i < found.size(); i++) {
            o.circle(found.get(i).row(), found.get(i).col(), r, matchedFound[i] ? TP : FP);
        }
        for (int i = 0; i < truth.size(); i++) {
            if (!matchedTruth[i]) {
                o.cross(truth.get(i).row(), truth.get(i).col(), r, FN);
            }
        }
        return o;
    }

    private static List<Point> example(NoiseSweep.Result result, String method, String material, double noise) {
        return result.examples().stream()
                .filter(e -> e.method().equals(method) && e.material().equals(material) && e.noise() == noise)
                .findFirst().map(NoiseSweep.Example::found).orElse(List.of());
    }

    static List<String> methods(NoiseSweep.Result result) {
        return result.rows().stream().map(NoiseRow::method).distinct().toList();
    }

    /** Up to four levels spread over the sweep: its first, its last, and two between. */
    static double[] pickLevels(double[] noises) {
        double[] sorted = noises.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length <= 4) {
            return sorted;
        }
        int n = sorted.length - 1;
        return new double[] {sorted[0], sorted[n / 3], sorted[2 * n / 3], sorted[n]};
    }
}
