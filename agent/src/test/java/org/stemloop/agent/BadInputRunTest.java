package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.store.Database;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.DecisionStore;
import org.stemloop.store.RunQueries;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.Mosquitto;

/**
 * Issue 8's bad-input check: {@code stemloop run} as its own process against a private Mosquitto, and a
 * burst of malformed frames and control messages from {@code mosquitto_pub} (a client nobody here wrote),
 * one of each class, interleaved with good frames. Every bad message is answered on the errors topic
 * (counted with {@code mosquitto_sub}), the good frames are all analysed and stored, a SQL-looking frame id
 * and operator name are stored verbatim, the run state is untouched by the bad control messages, and a good
 * frame after the burst still gets its detections.
 */
@Tag("integration")
class BadInputRunTest {

    private static final int WAIT_S = 60;
    private static final String SQL = "'; DROP TABLE frames; --";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Mosquitto broker;
    private AgentProcess agent;
    private Process errorsTap;

    @AfterEach
    void stop() throws Exception {
        if (errorsTap != null) {
            errorsTap.destroyForcibly().waitFor();
        }
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBurstOfBadInputIsAnsweredOnErrorsAndTheAgentKeepsServing() throws Exception {
        broker = Mosquitto.start(dir);
        Path mosquittoSub = Mosquitto.require("mosquitto_sub");
        Topics topics = new Topics("F");
        String db = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        // fixed parameters (no optimisation) keep it fast; small limits so the oversize cases stay small
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                optimise = false
                max-frame-bytes = 1048576
                max-frame-pixels = 65536
                max-control-bytes = 4096
                """);
        agent = AgentProcess.start(dir, Map.of(), "run", "--config", config.toString(), "--broker", broker.url(),
                "--instrument", "F", "--db", db, "--mode", "autonomous");
        try (TestClient client = new TestClient(broker.url(), topics)) {
            String runId = client.awaitField(topics.status(), "state", "online", WAIT_S).get("run_id").asText();
            Path errors = tapErrors(mosquittoSub, topics);
            List<String> expected = new ArrayList<>();

            good(topics, "g-1", npy(frame(1)));
            badFrames(topics, expected);
            good(topics, "g-2", fortranNpy(frame(2)));
            badControl(topics, expected);
            good(topics, SQL, npy(frame(3)));
            broker.publishFile(topics.frames(), file("env", FrameCodec.envelope("env-1", npy(frame(4)), 0.14, "graphene")));
            // over the MQTT 5 maximum packet size the agent announced (2 x 1 MiB + 64 KiB): the broker drops it
            broker.publishFile(topics.frames(), file("huge", new byte[3 << 20]), "-D", "publish", "user-property",
                    "frame_id", "huge-1");
            broker.publish(topics.control(), "{\"action\": \"reoptimize\", \"by\": \"" + SQL.replace("\"", "\\\"") + "\"}");
            good(topics, "g-5", npy(frame(5)));

            for (String id : List.of("g-1", "g-2", SQL, "env-1", "g-5")) {
                JsonNode d = client.awaitField(topics.detections(), "frame_id", id, WAIT_S);
                assertThat(d.get("atoms").size()).as("atoms found on %s", id).isGreaterThan(20);
            }
            // g-5 was analysed, so no bad message paused the run; the retained status is the latest state
            JsonNode status = retainedStatus(mosquittoSub, topics);
            assertThat(status.get("state").asText()).as("no bad message paused the run").isEqualTo("online");
            assertThat(status.get("mode").asText()).as("no bad message changed the mode").isEqualTo("autonomous");

            List<String> answered = awaitAnswers(topics, errors, expected.size());
            assertThat(answered).as("one answer per bad message, none for the good ones or the dropped one")
                    .containsExactlyInAnyOrderElementsOf(expected);

            agent.close();
            try (Database database = Database.open(db)) {
                assertThat(new RunQueries(database).frameIds(runId)).as("every good frame stored, no bad one")
                        .containsExactlyInAnyOrder("g-1", "g-2", SQL, "env-1", "g-5");
                // the loop's acquisition requests (autonomous mode, issue 20) are the agent's own decision rows
                assertThat(new DecisionStore(database).list(runId)).as("only the good control message was recorded, its name verbatim")
                        .filteredOn(d -> !"acquire-request".equals(d.action()))
                        .extracting(DecisionRecord::actor, DecisionRecord::action)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("claimed:" + SQL, "reoptimize")); // unsigned: claimed
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent output ---\n" + agent.output() + "\n--- mosquitto ---\n"
                    + broker.log(), e);
        }
    }

    /** One bad frame of each class; {@code expected} gets "kind frame_id" for each answer. */
    private void badFrames(Topics topics, List<String> expected) throws Exception {
        byte[] good = npy(frame(9));
        bad(topics, expected, "bad-frame", "text-1", "not an image".getBytes(StandardCharsets.UTF_8));
        bad(topics, expected, "bad-frame", "empty-1", new byte[0]);
        bad(topics, expected, "bad-frame", "cut-1", Arrays.copyOf(good, good.length / 2));
        bad(topics, expected, "frame-too-large", "lying-1", header("<f4", "(100000, 100000)", 64));
        bad(topics, expected, "frame-too-large", "pixels-1", header("|u1", "(512, 512)", 512 * 512));
        bad(topics, expected, "bad-frame", "negative-1", header("<f4", "(-64, 64)", 64));
        bad(topics, expected, "bad-frame", "zero-1", header("<f4", "(0, 64)", 0));
        bad(topics, expected, "bad-frame", "dtype-1", header("<c16", "(16, 16)", 16 * 16 * 16));
        bad(topics, expected, "bad-frame", "one-d-1", header("<f8", "(256,)", 256 * 8));
        bad(topics, expected, "bad-frame", "three-d-1", header("<f8", "(16, 16, 3)", 16 * 16 * 3 * 8));
        double[] nan = frame(10).pixels();
        nan[100] = Double.NaN;
        nan[200] = Double.POSITIVE_INFINITY;
        bad(topics, expected, "bad-frame", "nan-1", NpyCodec.encode(Frame.of(192, 192, nan)));
        bad(topics, expected, "frame-too-large", "big-1", new byte[(1 << 20) + 4096]);
        bad(topics, expected, "bad-frame-id", "x".repeat(64) + "...", good, "frame_id", "x".repeat(300));
        bad(topics, expected, "bad-pixel-size", "px-1", good, "frame_id", "px-1", "pixel_size_angstrom", "abc");
        bad(topics, expected, "bad-material", "gold-1", good, "frame_id", "gold-1", "material", "gold");
        bad(topics, expected, "bad-frame", SQL + "!", "x".getBytes(StandardCharsets.UTF_8));
        // a good NPY frame whose MQTT 5 content type says TIFF: the bridge hands the content type on
        broker.publishFile(topics.frames(), file("typed", good), "-D", "publish", "user-property", "frame_id", "typed-1",
                "-D", "publish", "content-type", "image/tiff");
        expected.add("bad-frame typed-1");
        broker.publishFile(topics.frames(), file("no-id", good));
        expected.add("missing-frame-id null");
        broker.publishFile(topics.frames(), file("env-bad", "{\"frame_id\": \"env-bad\", \"npy_base64\": \"!!\"}"
                .getBytes(StandardCharsets.UTF_8)));
        expected.add("bad-envelope env-bad");
    }

    /** One bad control message of each class; each is answered as bad-control without a frame id. */
    private void badControl(Topics topics, List<String> expected) throws Exception {
        List<String> messages = List.of("not json", "[1, 2]", "\"pause\"", "42", "{}", "{\"action\": \"explode\"}",
                "{\"action\": \"" + SQL + "\"}", "{\"action\": \"ρause\"}", "{\"action\": \"pause\"} {\"action\": \"resume\"}",
                "{\"action\": \"set-mode\", \"mode\": \"turbo\"}", "{\"action\": \"choose\", \"option\": -1}",
                "{\"action\": \"choose\", \"option\": 99999999999999999999}", "{\"action\": \"choose\", \"option\": 0}",
                "{\"action\": \"set-lattice\", \"material\": \"gold\"}", "{\"action\": \"pause\", \"by\": 42}",
                "{\"action\": \"pause\", \"by\": \"" + "x".repeat(200) + "\"}",
                "{\"action\": \"pause\", \"by\": \"" + "x".repeat(5000) + "\"}");
        for (String m : messages) {
            broker.publish(topics.control(), m);
            expected.add("bad-control null");
        }
        Mosquitto.runTool(List.of(Mosquitto.require("mosquitto_pub").toString(), "-V", "5", "-p",
                Integer.toString(broker.port()), "-q", "1", "-t", topics.control(), "-n"));
        expected.add("bad-control null");
    }

    private void bad(Topics topics, List<String> expected, String kind, String frameId, byte[] payload, String... props)
            throws Exception {
        List<String> args = new ArrayList<>();
        String[] p = props.length > 0 ? props : new String[] {"frame_id", frameId};
        for (int i = 0; i < p.length; i += 2) {
            args.addAll(List.of("-D", "publish", "user-property", p[i], p[i + 1]));
        }
        if (payload.length == 0) {
            // mosquitto_pub -n: a zero-length payload
            List<String> cmd = new ArrayList<>(List.of(Mosquitto.require("mosquitto_pub").toString(), "-V", "5", "-p",
                    Integer.toString(broker.port()), "-q", "1", "-t", topics.frames(), "-n"));
            cmd.addAll(args);
            Mosquitto.runTool(cmd);
        } else {
            broker.publishFile(topics.frames(), file("bad", payload), args.toArray(String[]::new));
        }
        expected.add(kind + " " + frameId);
    }

    private void good(Topics topics, String frameId, byte[] npy) throws Exception {
        broker.publishFile(topics.frames(), file("good", npy), "-D", "publish", "user-property", "frame_id", frameId,
                "-D", "publish", "user-property", "pixel_size_angstrom", "0.14", "-D", "publish", "user-property",
                "material", "graphene");
    }

    /** mosquitto_sub on the errors topic into a file, subscribed (a probe came through) before it returns. */
    private Path tapErrors(Path mosquittoSub, Topics topics) throws Exception {
        Path out = dir.resolve("errors.txt");
        errorsTap = new ProcessBuilder(mosquittoSub.toString(), "-V", "5", "-p", Integer.toString(broker.port()), "-q", "1",
                "-t", topics.errors()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            broker.publish(topics.errors(), "{\"probe\": true}");
            Thread.sleep(100);
            if (Files.readString(out).contains("probe")) {
                return out;
            }
        }
        throw new AssertionError("mosquitto_sub did not receive a probe within 10 s: " + Files.readString(out));
    }

    /** The retained status message, as mosquitto_sub gets it. */
    private JsonNode retainedStatus(Path mosquittoSub, Topics topics) throws Exception {
        Process p = new ProcessBuilder(mosquittoSub.toString(), "-V", "5", "-p", Integer.toString(broker.port()), "-t",
                topics.status(), "-C", "1", "-W", "10").start();
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("mosquitto_sub gets the retained status").isTrue();
        return JSON.readTree(p.getInputStream().readAllBytes());
    }

    /**
     * The answers ("kind frame_id") mosquitto_sub saw once {@code count} came and then the answers to two end
     * markers, a bad frame and a bad control message sent after them: the agent answers frames in order and
     * control messages in order, so by then any extra answer to the burst has arrived too. The markers'
     * answers are left out.
     */
    private List<String> awaitAnswers(Topics topics, Path errors, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        List<String> answers = answers(errors);
        while (answers.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answers = answers(errors);
        }
        broker.publishFile(topics.frames(), file("end", "end".getBytes(StandardCharsets.UTF_8)), "-D", "publish",
                "user-property", "frame_id", "end-1");
        broker.publish(topics.control(), "{\"action\": \"end-marker\"}");
        long controls = answers.stream().filter("bad-control null"::equals).count();
        while (System.nanoTime() < deadline && !(answers.contains("bad-frame end-1")
                && answers.stream().filter("bad-control null"::equals).count() > controls)) {
            Thread.sleep(100);
            answers = answers(errors);
        }
        assertThat(answers).as("the end markers were answered").contains("bad-frame end-1");
        List<String> out = new ArrayList<>(answers);
        out.remove("bad-frame end-1");
        out.remove("bad-control null");
        return out;
    }

    private static List<String> answers(Path errors) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(errors)) {
            JsonNode j = JSON.readTree(line);
            if (!j.has("probe")) {
                assertThat(j.get("detail").asText()).as("detail of %s", line).isNotBlank();
                out.add(j.get("error").asText() + " " + j.path("frame_id").asText(null));
            }
        }
        return out;
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, name, ".bin"), bytes);
    }

    private static Frame frame(long seed) {
        return Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 192).withNoiseLevel(0.1).withSeed(seed)).frame();
    }

    private static byte[] npy(Frame frame) {
        return NpyCodec.encode(frame);
    }

    /** The frame as NPY float64 in Fortran order (numpy's {@code np.asfortranarray}): columns first. */
    private static byte[] fortranNpy(Frame frame) {
        ByteBuffer data = ByteBuffer.allocate(frame.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < frame.width(); c++) {
            for (int r = 0; r < frame.height(); r++) {
                data.putDouble(frame.get(r, c));
            }
        }
        return withHeader("{'descr': '<f8', 'fortran_order': True, 'shape': (%d, %d), }"
                .formatted(frame.height(), frame.width()), data.array());
    }

    /** An NPY 1.0 file with this dtype and shape and {@code bodyBytes} zero bytes of data. */
    private static byte[] header(String dtype, String shape, int bodyBytes) {
        return withHeader("{'descr': '%s', 'fortran_order': False, 'shape': %s, }".formatted(dtype, shape),
                new byte[bodyBytes]);
    }

    private static byte[] withHeader(String dict, byte[] body) {
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        return out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }
}
