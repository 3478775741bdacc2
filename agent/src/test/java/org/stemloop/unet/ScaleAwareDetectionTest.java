package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.eval.ScoringRadius;
import org.stemloop.eval.Scores;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.RealData;

/** The shipped graphene model on frames at a pixel size it was not trained at, resampled to its own. */
class ScaleAwareDetectionTest {

    private static Scores score(List<UnetAtom> found, List<Point> truth) {
        List<Point> f = found.stream().map(a -> new Point(a.row(), a.col())).toList();
        return OneToOneMatching.match(f, truth, ScoringRadius.defaultFor(truth)).scores();
    }

    /** Seed 4711 is used neither by the trainer nor by its held-out set. */
    @Test
    void findsTheAtomsOfAFinePixelledFrameOnceItsPixelSizeIsKnown() {
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 256).withPixelSize(0.078)
                .withNoiseLevel(0.1).withSeed(4711));
        List<Point> truth = sim.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        try (UnetDetector unet = UnetDetector.load("graphene")) {
            Frame uncalibrated = Frame.of(256, 256, sim.frame().pixels());
            UnetDetector.Result stated = unet.detect(uncalibrated.withPixelSize(0.078));
            assertThat(stated.scale().outHeight()).isEqualTo(143);
            assertThat(stated.mean().height()).as("maps come back at the frame's size").isEqualTo(256);
            assertThat(score(stated.atoms(), truth).f1()).as("stated pixel size").isGreaterThanOrEqualTo(0.95);
            UnetDetector.Result estimated = unet.detect(uncalibrated);
            assertThat(estimated.scale().source()).isEqualTo(FrameScale.Source.FFT_ESTIMATE);
            assertThat(score(estimated.atoms(), truth).f1()).as("FFT pixel size").isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * The real graphene frames of the workplace, against the original authors' AtomNet predictions
     * (a reference, not the truth): before resampling the model found 0.23-0.62 of them (F1).
     */
    @ParameterizedTest
    @CsvSource({"graphene_si_2nm, 0.078", "graphene_gb_4nm, 0.078", "graphene_gb_6nm, 0.117"})
    void agreesWithAtomNetOnRealGrapheneFrames(String name, double pixelSize) throws Exception {
        Frame frame = ImageReaders.read(RealData.file(name + ".npy")).withPixelSize(pixelSize);
        List<Point> atomnet = atomnet(RealData.file(name + ".atomnet.json"));
        try (UnetDetector unet = UnetDetector.load("graphene")) {
            Scores s = score(unet.detect(frame).atoms(), atomnet);
            assertThat(s.f1()).as("%s: %s", name, s).isGreaterThanOrEqualTo(MIN_REAL_F1);
        }
    }

    /** The floor (0.9; its goal is 0.93). */
    static final double MIN_REAL_F1 = 0.9;

    private static List<Point> atomnet(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Point> points = new ArrayList<>();
        for (JsonNode a : root.get("atoms")) {
            points.add(new Point(a.get(0).asDouble(), a.get(1).asDouble()));
        }
        return points;
    }
}
