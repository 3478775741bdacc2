package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.store.Database;
import org.stemloop.store.LoopStore;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.Mosquitto;

/**
 * Issue 20's autonomous check as a user makes it: {@code stemloop demo --mode autonomous} in a process of its own,
 * and {@code mosquitto_sub} (a client nobody here wrote) logged in as the demo's printed read-only {@code viewer}
 * on {@code poi}, {@code acquire}, {@code spectra} and {@code sites}. Within 90 s of the start: points of interest,
 * a request, the twin's spectra and a confirmed site; after the demo stops, the sites are in its database.
 */
@Tag("integration")
class DemoLoopTest {

    /**
     * The bar, from the command's start (JVM, broker, agent and twin starting included). On a machine shared
     * with other builds {@code -Dstemloop.test.loopSeconds=N} allows longer; the test prints what it measured.
     */
    private static final int WITHIN_S = Integer.getInteger("stemloop.test.loopSeconds", 90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private AgentProcess demo;
    private Process sub;

    @AfterEach
    void stop() throws InterruptedException {
        if (sub != null) {
            sub.destroy();
            sub.waitFor(5, TimeUnit.SECONDS);
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void autonomousDemoShowsPointsRequestsSpectraAndStoredSitesToAnOutsideClientWithin90s() throws Exception {
        Path subBinary = Mosquitto.require("mosquitto_sub", "mosquitto-clients");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String jdbc = "jdbc:h2:" + dir.resolve("demo").toAbsolutePath();
        long start = System.nanoTime();
        // demo's defaults (256 px realistic twin, 1 frame/s, the U-Net beside LoG*); only where it keeps its files
        demo = AgentProcess.start(dir, Map.of(), "demo", "--mode", "autonomous", "--mqtt-port", Integer.toString(port),
                "--db", jdbc, "--users", dir.resolve("users.txt").toString());
        Matcher login = awaitOutput(Pattern.compile("broker login viewer / (\\S+) "), start);
        double started = (System.nanoTime() - start) / 1e9;
        Matcher run = Pattern.compile("stemloop demo: run (\\S+)").matcher(demo.output());
        assertThat(run.find()).as(demo.output()).isTrue();
        assertThat(demo.output()).contains("mode     autonomous", "watch it: mosquitto_sub");

        String t = "stemloop/microscope-1/";
        Path heard = dir.resolve("viewer.txt");
        sub = new ProcessBuilder(subBinary.toString(), "-V", "5", "-p", Integer.toString(port), "-u", "viewer", "-P",
                login.group(1), "-q", "1", "-v", "-t", t + "poi", "-t", t + "acquire", "-t", t + "spectra", "-t",
                t + "sites").redirectOutput(heard.toFile()).redirectError(dir.resolve("viewer.err").toFile()).start();

        JsonNode poi = await(heard, t + "poi", p -> p.path("points").size() > 0 && p.path("request").isObject(),
                "points of interest with a request", start);
        JsonNode acquire = await(heard, t + "acquire", a -> a.path("positions").size() > 0, "a request", start);
        await(heard, t + "spectra", s -> "spectrum".equals(s.path("type").asText())
                && s.path("counts").size() > 0, "a spectrum from the twin", start);
        JsonNode site = await(heard, t + "sites", s -> s.has("element"), "a site", start);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("DemoLoopTest: the demo printed its logins after %.1f s; poi, acquire, spectra and a site seen "
                + "by mosquitto_sub %.1f s after the start (first poi: frame %s, %d points; request %s, %d positions); "
                + "load average %s%n", started, seconds,
                poi.path("frame_id").asText(), poi.path("points").size(), acquire.path("request_id").asText(),
                acquire.path("positions").size(), loadAverage());
        assertThat(site.get("element").asText()).isIn("Si", "C", "unknown");
        assertThat(demo.output()).contains("acquire acq-");

        assertThat(demo.stop(30)).as("demo stops on SIGTERM").isTrue();
        try (Database db = Database.open(jdbc)) {
            assertThat(new LoopStore(db).sites(run.group(1)).values().stream().mapToInt(Integer::intValue).sum())
                    .as("sites stored in the demo's database").isPositive();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private Matcher awaitOutput(Pattern pattern, long start) throws InterruptedException {
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(WITHIN_S)) {
            Matcher m = pattern.matcher(demo.output());
            if (m.find()) {
                return m;
            }
            if (!demo.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("demo did not print " + pattern + ":\n" + demo.output());
    }

    /** The first message on {@code topic} that {@code test} accepts, before 90 s from {@code start}. */
    private JsonNode await(Path file, String topic, Predicate<JsonNode> test, String what, long start)
            throws IOException, InterruptedException {
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(WITHIN_S)) {
            for (JsonNode m : messages(file, topic)) {
                if (test.test(m)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("mosquitto_sub saw no %s on %s within %d s of the demo's start (load average %s); it heard %d lines;"
                .formatted(what, topic, WITHIN_S, loadAverage(), Files.readAllLines(file).size()) + "\n--- demo ---\n" + demo.output()
                + "\n--- mosquitto_sub stderr ---\n" + Files.readString(dir.resolve("viewer.err")));
    }

    private static List<JsonNode> messages(Path file, String topic) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(topic + " ")) {
                try {
                    out.add(JSON.readTree(line.substring(topic.length() + 1)));
                } catch (IOException partial) {
                    // the line being written
                }
            }
        }
        return out;
    }
}
