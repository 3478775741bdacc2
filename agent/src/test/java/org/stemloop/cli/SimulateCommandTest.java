package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Noise;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;
import org.stemloop.sim.TruthJson;

class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void withMqttItIsADigitalTwinThatPublishesFramesAndTruth() throws Exception {
        try (org.stemloop.testsupport.Mosquitto broker = org.stemloop.testsupport.Mosquitto.start(dir)) {
            org.eclipse.paho.mqttv5.client.MqttClient listener = new org.eclipse.paho.mqttv5.client.MqttClient(
                    broker.url(), "simulate-listener", new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            listener.connect(new org.eclipse.paho.mqttv5.client.MqttConnectionOptions());
            java.util.List<String> ids = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            listener.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("stemloop/sim-1/truth", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) ->
                            ids.add(new ObjectMapper().readTree(m.getPayload()).get("frame_id").asText())});
            try {
                Run run = Run.of("simulate", "--material", "srtio3", "--size", "48", "--noise", "0.1",
                        "--mqtt", broker.url(), "--instrument", "sim-1", "--rate", "20", "--frames", "3");
                assertThat(run.code).as(run.err).isEqualTo(0);
                assertThat(run.out).contains("stemloop twin: srtio3 48 x 48 px", "published 3 frames");
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (ids.size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(ids).containsExactly("twin-000001", "twin-000002", "twin-000003");
            } finally {
                listener.disconnect();
                listener.close();
            }
        }
    }

    @Test
    void withoutOutOrMqttItSaysWhatIsMissing() {
        Run run = Run.of("simulate", "--material", "graphene");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("give --out DIR (files) or --mqtt URL (digital twin)");
    }

    @Test
    void writesAFrameAndTruthThatReadBack() throws IOException {
        Run run = Run.of("simulate", "--material", "graphene", "--size", "48", "--width", "80", "--noise", "0.3",
                "--seed", "9", "--dopants", "0.1", "--out", dir.toString());
        assertThat(run.code).isEqualTo(0);
        assertThat(run.err).isEmpty();
        assertThat(run.out.lines()).hasSize(1);
        assertThat(run.out).contains("graphene 48 x 80 px", "frame.npy", "truth.json");

        SimulatedFrame expected = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 48).withSize(48, 80)
                .withNoise(Noise.level(0.3)).withDefects(Defects.NONE.withDopants(0.1)).withSeed(9));

        ByteBuffer npy = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("frame.npy"))).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        npy.get(magic);
        assertThat(magic).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLength = Short.toUnsignedInt(npy.getShort());
        byte[] header = new byte[headerLength];
        npy.get(header);
        String dict = new String(header, StandardCharsets.US_ASCII);
        assertThat(dict).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (48, 80), }").endsWith("\n");
        assertThat((10 + headerLength) % 64).isZero();
        assertThat(npy.remaining()).isEqualTo(8 * 48 * 80);
        double[] pixels = new double[48 * 80];
        npy.asDoubleBuffer().get(pixels);
        assertThat(pixels).containsExactly(expected.frame().pixels());

        JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        assertThat(truth.get("material").asText()).isEqualTo("graphene");
        assertThat(truth.get("pixel_size_angstrom").asDouble()).isEqualTo(0.14);
        assertThat(truth.get("noise").asDouble()).isEqualTo(0.3);
        assertThat(truth.get("seed").asLong()).isEqualTo(9);
        assertThat(truth.get("atoms").size()).isEqualTo(expected.atoms().size());
        JsonNode first = truth.get("atoms").get(0);
        assertThat(first.get(0).asDouble()).isEqualTo(expected.atoms().get(0).row());
        assertThat(first.get(1).asDouble()).isEqualTo(expected.atoms().get(0).col());
        assertThat(first.get(2).asText()).isEqualTo(expected.atoms().get(0).label());

        List<TrueAtom> readBack = TruthJson.readAtoms(dir.resolve("truth.json"));
        assertThat(readBack).isEqualTo(expected.atoms());
    }

    @Test
    void srtio3WithEveryNoiseWritesLabelledColumns() throws IOException {
        Run run = Run.of("simulate", "--material", "srtio3", "--size", "64", "--noise", "0.1", "--shot-noise", "50",
                "--scan-noise", "0.5", "--rotation", "10", "--pixel-size", "0.2", "--vacancies", "0.05",
                "--out", dir.resolve("nested/out").toString());
        assertThat(run.code).isEqualTo(0);
        List<TrueAtom> atoms = TruthJson.readAtoms(dir.resolve("nested/out/truth.json"));
        assertThat(atoms).extracting(TrueAtom::label).contains("Sr", "Ti-O").doesNotContain("C", "O");
    }

    @Nested
    class Realistic {

        @Test
        void presetWritesCountsAndATruthWithTheTrueAndToldPixelSize() throws IOException {
            Run run = Run.of("simulate", "--preset", "haadf-srtio3", "--size", "128", "--seed", "4", "--dose", "80",
                    "--calibration-error", "0.04", "--out", dir.toString());
            assertThat(run.code).isEqualTo(0);
            assertThat(run.err).isEmpty();
            assertThat(run.out).contains("srtio3 (haadf-srtio3) 128 x 128 px at 0.12 Å/px (told 0.1248)", "dose 80.0");
            RealisticFrame expected = Simulator.realistic(Preset.HAADF_SRTIO3.spec(128).withDose(80)
                    .withCalibrationError(0.04), 4);
            JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
            assertThat(truth.get("material").asText()).isEqualTo("srtio3");
            assertThat(truth.get("pixel_size_angstrom").asDouble()).isEqualTo(0.12);
            assertThat(truth.get("told_pixel_size_angstrom").asDouble()).isCloseTo(0.1248, within(1e-12));
            assertThat(truth.get("preset").asText()).isEqualTo("haadf-srtio3");
            assertThat(truth.get("realistic").get("dose_electrons_per_pixel").asDouble()).isEqualTo(80);
            assertThat(truth.get("regions").size()).isEqualTo(2);
            assertThat(TruthJson.readAtoms(dir.resolve("truth.json"))).isEqualTo(expected.atoms());
            assertThat(Files.size(dir.resolve("frame.npy"))).isEqualTo(128 + 8L * 128 * 128);
            assertThat(dir.resolve("truth.png")).exists();
        }

        @Test
        void realisticTakesTheHaadfPresetOfTheMaterialAndTheGivenRotation() throws IOException {
            Run run = Run.of("simulate", "--realistic", "--material", "graphene", "--size", "64", "--rotation", "15",
                    "--contrast", "abf", "--out", dir.toString());
            assertThat(run.code).isEqualTo(0);
            JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
            assertThat(truth.get("preset").asText()).isEqualTo("haadf-nion-graphene");
            assertThat(truth.get("realistic").get("rotation_degrees").asDouble()).isEqualTo(15);
            assertThat(truth.get("realistic").get("contrast").asText()).isEqualTo("abf");
        }

        @Test
        void badRealisticOptionsAreNamed() {
            assertBadInput("Dose (electrons per pixel) must be in [0, 1000000000]: -3.0", "--preset", "abf-srtio3",
                    "--dose", "-3");
            assertBadInput("Unknown preset: gold", "--preset", "gold");
            assertBadInput("--material graphene does not match --preset haadf-srtio3", "--preset", "haadf-srtio3",
                    "--material", "graphene");
            assertBadInput("--noise is for the idealised simulator", "--realistic", "--material", "srtio3",
                    "--noise", "0.2");
            assertBadInput("Calibration error must be in [-0.2, 0.2]: 0.3", "--realistic", "--material", "srtio3",
                    "--calibration-error", "0.3");
        }
    }

    @Nested
    class BadArguments {

        @Test
        void negativeNoise() {
            assertBadInput("--noise must be >= 0: -0.5", "--material", "graphene", "--noise", "-0.5");
        }

        @Test
        void sizeOutOfRange() {
            assertBadInput("Height must be in [16, 8192] pixels: 15", "--material", "graphene", "--size", "15");
            assertBadInput("Width must be in [16, 8192] pixels: 9000", "--material", "graphene", "--width", "9000");
        }

        @Test
        void unknownMaterial() {
            assertBadInput("Unknown material: gold (expected graphene or srtio3)", "--material", "gold");
        }

        @Test
        void grapheneOnlyDefects() {
            assertBadInput("Dopants are implemented for graphene only", "--material", "srtio3", "--dopants", "0.1");
        }

        @Test
        void notANumber() {
            assertBadInput("'--size'", "--material", "graphene", "--size", "big");
        }

        @Test
        void missingOutput() {
            Run run = Run.of("simulate", "--material", "graphene");
            assertThat(run.code).isEqualTo(2);
            assertThat(run.err).contains("--out");
        }
    }

    private void assertBadInput(String message, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "simulate";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "--out";
        args[options.length + 2] = dir.resolve("bad").toString();
        Run run = Run.of(args);
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err).startsWith("stemloop simulate: ").contains(message);
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    /** One run of the command line with stdout and stderr captured. */
    private record Run(int code, String out, String err) {
        static Run of(String... args) {
            CliRun run = CliRun.of(args);
            return new Run(run.code(), run.out(), run.err());
        }
    }

    @Test
    void theTwinLogsInWithAUserNameThePasswordFromTheEnvironmentAndACa() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "read when connecting");
        SimulateCommand twin = new SimulateCommand();
        new picocli.CommandLine(twin).parseArgs("--material", "graphene", "--mqtt", "ssl://scope:8883", "--username",
                "microscope", "--broker-ca", ca.toString());
        org.stemloop.mqtt.BrokerSettings broker = twin.brokerSettings("from-env");
        assertThat(broker.username()).isEqualTo("microscope");
        assertThat(broker.password()).isEqualTo("from-env");
        assertThat(broker.tls().caFile()).isEqualTo(ca);
        assertThat(broker.tls().verifyHostname()).isTrue();

        SimulateCommand plain = new SimulateCommand();
        new picocli.CommandLine(plain).parseArgs("--material", "graphene", "--mqtt", "tcp://scope:1883", "--broker-ca",
                ca.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.brokerSettings(null))
                .isInstanceOf(Cli.InputException.class).hasMessageContaining("needs an ssl:// broker URL");
    }
}
