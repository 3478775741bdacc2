package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.NpyWriter;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

class AnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.code(), run.out(), run.err());
    }

    private SimulatedFrame simulate(Material m, int size, double noise, long seed, Path file) throws IOException {
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(m, size).withNoiseLevel(noise).withSeed(seed));
        NpyWriter.write(sf.frame(), file);
        return sf;
    }

    @Test
    void writesTheContractFilesWithANonDominatedFrontAndGoodAtoms() throws IOException {
        Path npy = dir.resolve("frame.npy");
        SimulatedFrame sf = simulate(Material.SRTIO3, 192, 0.2, 21, npy);
        Path out = dir.resolve("out");
        Run r = run("analyze", npy.toString(), "--material", "srtio3", "--pixel-size", "0.25", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("<- recommended", "hypervolume", "expected");
        assertThat(r.err()).contains("generation 13/13");
        for (String f : List.of("pareto.json", "detections.json", "overlay.png", "pareto.png")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        JsonNode pareto = JSON.readTree(out.resolve("pareto.json").toFile());
        JsonNode options = pareto.get("options");
        assertThat(options.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode a : options) {
            assertThat(a.get("params").fieldNames()).toIterable()
                    .contains("min_sigma", "max_sigma", "num_sigma", "threshold", "overlap");
            for (JsonNode b : options) {
                boolean noWorse = a.at("/rewards/qc").asDouble() <= b.at("/rewards/qc").asDouble()
                        && a.at("/rewards/er").asDouble() <= b.at("/rewards/er").asDouble();
                boolean better = a.at("/rewards/qc").asDouble() < b.at("/rewards/qc").asDouble()
                        || a.at("/rewards/er").asDouble() < b.at("/rewards/er").asDouble();
                assertThat(noWorse && better).as("option %s dominates %s", a.get("id"), b.get("id")).isFalse();
            }
        }
        int rec = pareto.get("recommended").asInt();
        assertThat(pareto.get("hypervolume").asDouble()).isBetween(0.9, 1.0);
        assertThat(pareto.get("timing_ms").get("total").asLong()).isPositive();
        JsonNode det = JSON.readTree(out.resolve("detections.json").toFile());
        assertThat(det.get("option").asInt()).isEqualTo(rec);
        assertThat(det.get("atoms").size()).isEqualTo(options.get(rec).get("n_atoms").asInt());
        List<Point> found = new ArrayList<>();
        det.get("atoms").forEach(a -> found.add(new Point(a.get(0).asDouble(), a.get(1).asDouble())));
        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        double nn = 3.905 / Math.sqrt(2) / 0.25;
        assertThat(OneToOneMatching.match(found, truth, nn / 3).scores().f1()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void latticeFromFftNeedsNoPixelSizeAndSaysSo() throws IOException {
        Path npy = dir.resolve("g.npy");
        simulate(Material.GRAPHENE, 160, 0.1, 4, npy);
        Run r = run("analyze", npy.toString(), "--lattice-from-fft", "--quiet", "--out", dir.resolve("o").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.err()).isEmpty();
        JsonNode lattice = JSON.readTree(dir.resolve("o/pareto.json").toFile()).get("lattice");
        assertThat(lattice.get("source").asText()).isEqualTo("fft");
        assertThat(lattice.get("note").asText()).contains("estimated from the image's FFT");
    }

    @Test
    void windowsGiveAParameterMapAndOneConsensus() throws IOException {
        Path npy = dir.resolve("w.npy");
        simulate(Material.GRAPHENE, 160, 0.2, 6, npy);
        Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--window", "128",
                "--generations", "4", "--population", "16", "--quiet", "--out", dir.resolve("w").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        JsonNode w = JSON.readTree(dir.resolve("w/pareto.json").toFile()).get("windows");
        // 160 px, window 128, stride 26: origins 0 and 32 (flush with the edge; 26 would repeat it)
        assertThat(w.get("map").size()).isEqualTo(4);
        assertThat(w.get("map").get(3).get("row").asInt()).isEqualTo(32);
        assertThat(w.get("consensus_params").get("threshold").asDouble()).isPositive();
        assertThat(JSON.readTree(dir.resolve("w/detections.json").toFile()).get("option").isInt()).isTrue();
    }

    @Test
    void perWindowParametersWriteTheMergedAtomsAndEachCellsCount() throws IOException {
        Path npy = dir.resolve("w.npy");
        SimulatedFrame sf = simulate(Material.GRAPHENE, 160, 0.2, 7, npy);
        Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--window", "128",
                "--apply", "per-window", "--generations", "4", "--population", "16", "--quiet", "--out",
                dir.resolve("p").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("written: per-window parameters");
        JsonNode w = JSON.readTree(dir.resolve("p/pareto.json").toFile()).get("windows");
        JsonNode det = JSON.readTree(dir.resolve("p/detections.json").toFile());
        assertThat(det.get("option").isNull()).isTrue();
        assertThat(det.get("apply").asText()).isEqualTo("per-window");
        int atoms = det.get("atoms").size();
        assertThat(w.at("/per_window/n_atoms").asInt()).isEqualTo(atoms);
        int inCells = 0;
        for (JsonNode m : w.get("map")) {
            inCells += m.get("n_atoms_in_cell").asInt();
        }
        assertThat(inCells).isEqualTo(atoms);
        List<Point> found = new ArrayList<>();
        det.get("atoms").forEach(a -> found.add(new Point(a.get(0).asDouble(), a.get(1).asDouble())));
        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        assertThat(OneToOneMatching.match(found, truth, 10.14 / 3).scores().f1()).isGreaterThan(0.9);
    }

    @Test
    void classesGoIntoDetectionsWithTheirPictures() throws IOException {
        Path npy = dir.resolve("c.npy");
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 192).withNoiseLevel(0.1).withSeed(8)
                .withDefects(org.stemloop.sim.Defects.NONE.withDopants(0.05)));
        NpyWriter.write(sf.frame(), npy);
        Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--classes", "2",
                "--generations", "4", "--population", "16", "--quiet", "--out", dir.resolve("c").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("classes: 2");
        JsonNode det = JSON.readTree(dir.resolve("c/detections.json").toFile());
        assertThat(det.get("classes").size()).isEqualTo(det.get("atoms").size());
        assertThat(det.get("class_counts").size()).isEqualTo(2);
        for (String f : List.of("classes_scatter.png", "classes_centroids.png", "classes_dispersions.png")) {
            assertThat(dir.resolve("c").resolve(f)).isNotEmptyFile();
        }
        // the small class is the Si dopants: its atoms sit on true Si positions
        List<Point> si = sf.atoms().stream().filter(a -> a.label().equals("Si")).map(a -> new Point(a.row(), a.col()))
                .toList();
        List<Point> small = new ArrayList<>();
        for (int i = 0; i < det.get("atoms").size(); i++) {
            if (det.get("classes").get(i).asInt() == 1) {
                small.add(new Point(det.get("atoms").get(i).get(0).asDouble(), det.get("atoms").get(i).get(1).asDouble()));
            }
        }
        assertThat(si).hasSizeGreaterThan(5);
        assertThat(OneToOneMatching.match(small, si, 10.14 / 3).scores().f1()).isGreaterThan(0.8);
    }

    @Test
    void helpExplainsTheOutputsWithoutFormatWarnings() {
        Run r = run("analyze", "--help");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("pareto.json", "detections.json", "overlay.png", "stride 20% of W", "(default 1)");
        assertThat(r.err()).doesNotContain("WARN");
    }

    @Nested
    class BadInput {
        @Test
        void badClasses() throws IOException {
            Path npy = dir.resolve("f.npy");
            simulate(Material.GRAPHENE, 32, 0, 1, npy);
            Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--classes",
                    "many", "--out", dir.resolve("x").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--classes must be auto or a number 1-10: many");
        }

        @Test
        void perWindowWithoutWindows() throws IOException {
            Path npy = dir.resolve("f.npy");
            simulate(Material.GRAPHENE, 32, 0, 1, npy);
            Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--apply",
                    "per-window", "--out", dir.resolve("x").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--apply per-window needs --window W");
        }

        @Test
        void neitherMaterialNorFft() throws IOException {
            Path npy = dir.resolve("f.npy");
            simulate(Material.GRAPHENE, 32, 0, 1, npy);
            Run r = run("analyze", npy.toString(), "--out", dir.resolve("x").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).isEqualTo(
                    "stemloop analyze: give --material graphene|srtio3 (with a pixel size) or --lattice-from-fft");
        }

        @Test
        void materialWithoutPixelSize() throws IOException {
            Path npy = dir.resolve("f.npy");
            simulate(Material.GRAPHENE, 32, 0, 1, npy);
            Run r = run("analyze", npy.toString(), "--material", "graphene", "--out", dir.resolve("x").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("has no pixel size: give --pixel-size");
        }

        @Test
        void unknownMaterialAndMissingFile() {
            assertThat(run("analyze", dir.resolve("none.npy").toString(), "--material", "gold", "--pixel-size", "0.1",
                    "--out", dir.toString()).code()).isEqualTo(2);
            assertThat(run("analyze", "x.npy").code()).isEqualTo(2);
        }
    }

    /** Issue 15: a lattice with a hole, its negative (ABF-like), sub-pixel positions, the mask in both JSON files. */
    @Test
    void masksAHoleRefinesAndReadsDarkAtoms() throws IOException {
        SimulatedFrame sf = org.stemloop.sim.Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 384).withNoiseLevel(0.1)
                .withDefects(new org.stemloop.sim.Defects(0, 0, 1, 20, 0)).withSeed(4));
        Path npy = dir.resolve("dark.npy");
        NpyWriter.write(org.stemloop.detect.Contrast.DARK.brightAtoms(sf.frame()), npy);
        Path out = dir.resolve("dark");
        Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", "--quiet", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).contains("contrast dark (auto)", "masked", "gauss");
        JsonNode det = JSON.readTree(out.resolve("detections.json").toFile());
        assertThat(det.get("contrast").asText()).isEqualTo("dark");
        double masked = det.get("masked_fraction").asDouble();
        assertThat(masked).isBetween(0.02, 0.4);
        assertThat(JSON.readTree(out.resolve("pareto.json").toFile()).get("masked_fraction").asDouble()).isEqualTo(masked);
        JsonNode grid = det.get("mask").get("grid");
        int cell = det.get("mask").get("cell").asInt();
        long fractional = 0;
        for (JsonNode a : det.get("atoms")) {
            double row = a.get(0).asDouble(), col = a.get(1).asDouble();
            fractional += row != Math.rint(row) || col != Math.rint(col) ? 1 : 0;
            assertThat(grid.get((int) ((row + 0.5) / cell)).get((int) ((col + 0.5) / cell)).asInt())
                    .as("atom (%.1f, %.1f) on the crystal", row, col).isEqualTo(1);
        }
        assertThat(fractional).isGreaterThan(det.get("atoms").size() * 9L / 10);
        java.util.List<org.stemloop.eval.Point> truth = sf.atoms().stream()
                .map(a -> new org.stemloop.eval.Point(a.row(), a.col())).toList();
        java.util.List<org.stemloop.eval.Point> found = new java.util.ArrayList<>();
        det.get("atoms").forEach(a -> found.add(new org.stemloop.eval.Point(a.get(0).asDouble(), a.get(1).asDouble())));
        assertThat(org.stemloop.eval.OneToOneMatching.match(found, truth, 10.14 / 3).scores().f1()).isGreaterThan(0.9);
    }

    @Test
    void badRealImageOptionsAreNamed() throws IOException {
        Path npy = dir.resolve("f.npy");
        simulate(Material.GRAPHENE, 64, 0, 1, npy);
        for (String[] bad : new String[][] {{"--mask", "some"}, {"--refine", "spline"}, {"--contrast", "grey"}}) {
            Run r = run("analyze", npy.toString(), "--material", "graphene", "--pixel-size", "0.14", bad[0], bad[1],
                    "--out", dir.resolve("o").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains(bad[1]);
        }
    }
}
