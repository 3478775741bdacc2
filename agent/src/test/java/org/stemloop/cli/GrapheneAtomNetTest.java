package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.eval.Evaluation;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.testsupport.RealData;

/**
 * LoG* on the three real graphene images against the original authors' AtomNet predictions (issue 15):
 * {@code analyze --material graphene --pixel-size P --mask auto --refine none} (seed 1), scored one to one
 * within a third of the predictions' median nearest-neighbour distance, as {@code stemloop evaluate}.
 *
 * <p>The bars are what the crystal mask of 2026-12-02 reaches with the lattice-calibrated pixel size (si_2nm 0.869, gb_4nm 0.891, gb_6nm 0.853,
 * docs/benchmarks.md), a little under: the goal, 0.93 on each, is <b>not</b> met, and this test
 * does not pretend it is. Most of what is left are detections and predictions 4-8 px apart (the two
 * disagree by 2.2 px RMS on these very noisy frames) and AtomNet's own edge rule (no atom within 5 px
 * of the frame edge). The real images are needed (skipped without them, failed under CI=true).
 */
@Tag("integration")
class GrapheneAtomNetTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} Å/px: F1 >= {2}")
    @CsvSource({"graphene_si_2nm, 0.078, 0.86", "graphene_gb_4nm, 0.078, 0.88", "graphene_gb_6nm, 0.117, 0.84"})
    void logStarAgreesWithAtomNet(String name, String pixelSize, double bar) {
        Path image = RealData.file(name + ".npy");
        Path truth = RealData.file(name + ".atomnet.json");
        Path out = dir.resolve(name);
        CliRun r = CliRun.of("analyze", image.toString(), "--material", "graphene", "--pixel-size", pixelSize,
                "--mask", "auto", "--refine", "none", "--seed", "1", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<Point> predicted = AtomListFile.read(truth, "truth");
        List<Point> detected = AtomListFile.read(out.resolve("detections.json"), "detections");
        Scores s = Evaluation.atDefaultRadius(detected, predicted).oneToOne().scores();
        assertThat(s.f1()).as("%s: %d detections, tp %d, fp %d, fn %d", name, detected.size(), s.tp(), s.fp(), s.fn())
                .isGreaterThanOrEqualTo(bar);
    }
}
