package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyWriter;
import org.stemloop.mqtt.BrokerSettings;
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
import org.stemloop.twin.DigitalTwin;

/**
 * The check: the project's own {@code broker-config/mosquitto.conf} and {@code stemloop.acl}
 * (paths and port substituted) with a password file made by {@code mosquitto_passwd}; {@code stemloop
 * run} logs in as {@code stemloop-agent}, its web UI as {@code stemloop-web}. An instrument's
 * credentials ({@code viewer}, {@code microscope}) and a person's console ({@code operator}) publishing
 * control messages, and a {@code viewer} publishing a frame, through {@code mosquitto_pub} (a client nobody
 * here wrote), change nothing; the web UI's user's ({@code stemloop-web}) control messages do. The
 * microscope's refusal of an acquisition request out of its field reaches the errors topic (issue 20). And no password, of any of them, ever shows in the agent's
 * output, its files, its topics or its command line.
 */
@Tag("integration")
class BrokerAclTest {

    private static final int WAIT_S = 60;
    private static final List<String> USERS = List.of("microscope", "stemloop-agent", "operator", "viewer",
            "stemloop-web");

    @TempDir
    Path dir;

    private Mosquitto broker;
    private AgentProcess agent;
    /** Each user's password: random, so that finding one anywhere is no coincidence. */
    private final Map<String, String> passwords = new LinkedHashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void onlyTheOperatorControlsTheAgentAndNoSecretLeaks() throws Exception {
        Path passwd = passwordFile();
        broker = Mosquitto.start(dir, "tcp", port -> projectBrokerConfig(port, passwd));
        Topics topics = new Topics("acl-1");
        String dbPassword = "db-" + UUID.randomUUID();
        String webLoginPassword = "ui-" + UUID.randomUUID();
        String db = "jdbc:h2:%s;USER=stemloop;PASSWORD=%s".formatted(dir.resolve("db").toAbsolutePath(), dbPassword);
        Path webPasswordFile = Files.writeString(dir.resolve("web-broker-password"), passwords.get("stemloop-web") + "\n");
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                broker = %s
                username = stemloop-agent
                instrument = acl-1
                db = %s
                mode = supervised
                http-port = 0
                web-username = stemloop-web
                web-password-file = %s
                """.formatted(broker.url(), db, webPasswordFile));
        agent = AgentProcess.start(dir, Map.of("STEMLOOP_BROKER_PASSWORD", passwords.get("stemloop-agent"),
                "STEMLOOP_PASSWORD", webLoginPassword), "run", "--config", config.toString());
        MqttConnectionOptions operator = new MqttConnectionOptions();
        operator.setUserName("operator");
        operator.setPassword(passwords.get("operator").getBytes(StandardCharsets.UTF_8));
        try (TestClient client = new TestClient(broker.url(), topics, operator)) {
            JsonNode online = client.awaitField(topics.status(), "state", "online", WAIT_S);
            String runId = online.get("run_id").asText();
            assertThat(online.get("mode").asText()).isEqualTo("supervised");
            awaitWebUiConnected();

            // an instrument's credentials try to take control, or to slip in a frame: the broker refuses
            Path npy = dir.resolve("frame.npy");
            NpyWriter.write(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 96).withNoiseLevel(0.1)
                    .withSeed(7)).frame(), npy);
            for (String intruder : List.of("viewer", "microscope", "operator")) {
                assertRefused(publish(intruder, topics.control(),
                        "-m", "{\"action\":\"set-mode\",\"mode\":\"autonomous\",\"by\":\"intruder-" + intruder + "\"}"));
                assertRefused(publish(intruder, topics.control(), "-m", "{\"action\":\"pause\",\"by\":\"intruder-"
                        + intruder + "\"}"));
            }
            assertRefused(publish("viewer", topics.frames(), "-f", npy.toString(),
                    "-D", "publish", "user-property", "frame_id", "from-viewer"));
            // the microscope's own frames (the digital twin logs in as the microscope; and a broken one, for an
            // errors message) do get through
            try (DigitalTwin twin = DigitalTwin.start(new BrokerSettings(broker.url(), "twin", "microscope",
                    passwords.get("microscope"), topics, 0), SimulationSpec.of(Material.GRAPHENE, 96), 10, 1)) {
                assertThat(twin.awaitDone(WAIT_S * 1000L)).as("the twin published its frame").isTrue();
                // the loop (issue 20): a request with a position outside the field (as the agent's user may send
                // on acquire) is refused by the twin, logged in as the microscope, on errors: the ACL lets it
                publish("stemloop-agent", topics.acquire(), "-m", ("{\"request_id\": \"acq-acl\", \"frame_id\": \"%s\", "
                        + "\"positions\": [{\"poi_id\": \"p1\", \"row\": -40, \"col\": 12, \"dwell_ms\": 20}]}")
                        .formatted(DigitalTwin.frameId(1)));
                JsonNode refused = client.awaitField(topics.errors(), "error", "out-of-field", WAIT_S);
                assertThat(refused.get("detail").asText()).contains("acq-acl", "p1", "outside");
            }
            publish("microscope", topics.frames(), "-m", "not an image",
                    "-D", "publish", "user-property", "frame_id", "broken-1");
            client.awaitField(topics.detections(), "frame_id", DigitalTwin.frameId(1), WAIT_S);
            client.awaitField(topics.errors(), "frame_id", "broken-1", WAIT_S);
            assertThat(client.transcript()).as("no status change from an intruder").doesNotContain("autonomous")
                    .doesNotContain("\"paused\"");

            // the web UI's broker user's control messages take effect: the path itself works (unsigned, so the
            // agent records the actor as claimed:erin)
            publish("stemloop-web", topics.control(), "-m", "{\"action\":\"set-mode\",\"mode\":\"autonomous\",\"by\":\"erin\"}");
            client.awaitField(topics.status(), "mode", "autonomous", WAIT_S);
            publish("stemloop-web", topics.control(), "-m", "{\"action\":\"pause\",\"by\":\"erin\"}");
            client.awaitField(topics.status(), "state", "paused", WAIT_S);
            publish("stemloop-web", topics.control(), "-m", "{\"action\":\"no-such-action\",\"by\":\"erin\"}");
            client.awaitField(topics.errors(), "error", "bad-control", WAIT_S);

            // a wrong password is named as such (the agent's bridge alone, with the agent's user name)
            assertThat(BridgeStart.failure(new BrokerSettings(broker.url(), "wrong-password", "stemloop-agent",
                    "wrong-" + UUID.randomUUID(), topics, 0))).contains("not authorised");

            String commandLine = Files.readString(Path.of("/proc", Long.toString(agent.process().pid()), "cmdline"))
                    .replace('\0', ' ');
            assertThat(agent.stop(30)).as("run stops on SIGTERM").isTrue();
            client.awaitField(topics.status(), "state", "offline", WAIT_S);

            try (Database database = Database.open(db)) {
                assertThat(new RunQueries(database).frameIds(runId)).containsExactly(DigitalTwin.frameId(1));
                // mosquitto_pub does not sign: the agent (which has its key) records the name as claimed only
                assertThat(new DecisionStore(database).list(runId)).extracting(DecisionRecord::actor).contains("claimed:erin")
                        .doesNotContain("erin").noneMatch(actor -> actor.contains("intruder"));
            }

            List<String> secrets = new ArrayList<>(passwords.values());
            secrets.add(dbPassword);
            secrets.add(webLoginPassword);
            String everything = "--- output ---\n" + agent.output() + "\n--- command line ---\n" + commandLine
                    + "\n--- topics ---\n" + client.transcript() + "\n--- log files ---\n" + logFiles();
            for (String secret : secrets) {
                assertThat(everything).as("a password in the agent's output, command line, topics or log files")
                        .doesNotContain(secret);
            }
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent output ---\n" + agent.output() + "\n--- mosquitto ---\n"
                    + broker.log(), e);
        }
    }

    /** broker-config/mosquitto.conf itself, its port and paths replaced; checked to be closed to strangers first. */
    private String projectBrokerConfig(int port, Path passwd) {
        Path brokerConfig = projectFile("broker-config");
        String conf;
        try {
            conf = Files.readString(brokerConfig.resolve("mosquitto.conf"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(conf).as("broker-config/mosquitto.conf").containsPattern("(?m)^allow_anonymous false$")
                .containsPattern("(?m)^password_file stemloop.passwd$").containsPattern("(?m)^acl_file stemloop.acl$")
                .containsPattern("(?m)^listener 1883 127.0.0.1$");
        return conf.replaceFirst("(?m)^listener 1883 127.0.0.1$", "listener " + port + " 127.0.0.1")
                .replaceFirst("(?m)^password_file .*$", "password_file " + passwd)
                .replaceFirst("(?m)^acl_file .*$", "acl_file " + brokerConfig.resolve("stemloop.acl"))
                .replaceFirst("(?m)^persistence_location .*$", "persistence_location " + dir.resolve("mosquitto-data")
                        + "/");
    }

    /** A Mosquitto password file with every user of the ACL, made by mosquitto_passwd. */
    private Path passwordFile() throws Exception {
        Path file = dir.resolve("stemloop.passwd");
        Path tool = Mosquitto.require("mosquitto_passwd");
        for (String user : USERS) {
            passwords.put(user, user.substring(0, 3) + "-" + UUID.randomUUID());
            List<String> cmd = new ArrayList<>(List.of(tool.toString()));
            if (!Files.exists(file)) {
                cmd.add("-c");
            }
            cmd.addAll(List.of("-b", file.toString(), user, passwords.get(user)));
            assertThat(run(cmd, Map.of())).as("mosquitto_passwd " + user).isNotNull();
        }
        return file;
    }

    /**
     * mosquitto_pub as {@code user} (MQTT 5, QoS 1, debug output); its credentials come from its options
     * file in a folder of its own, as a lab would set it up. Returns what it printed.
     */
    private String publish(String user, String topic, String... message) throws Exception {
        Path home = Files.createDirectories(dir.resolve("clients").resolve(user));
        Files.writeString(home.resolve("mosquitto_pub"), "-u " + user + "\n-P " + passwords.get(user) + "\n");
        List<String> cmd = new ArrayList<>(List.of(Mosquitto.require("mosquitto_pub").toString(), "-V", "5", "-d",
                "-p", Integer.toString(broker.port()), "-q", "1", "-t", topic));
        cmd.addAll(List.of(message));
        return run(cmd, Map.of("XDG_CONFIG_HOME", home.toString()));
    }

    private static void assertRefused(String mosquittoPubOutput) {
        // MQTT 5: the broker answers the publish with PUBACK reason 135, "not authorized", and drops it
        assertThat(mosquittoPubOutput).as("mosquitto_pub output").contains("RC:135");
    }

    private static String run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finishes", cmd.get(0)).isTrue();
        assertThat(p.exitValue()).as(cmd.get(0) + ": " + out).isZero();
        return out;
    }

    private void awaitWebUiConnected() throws InterruptedException {
        for (int i = 0; i < WAIT_S * 10; i++) {
            if (agent.output().contains("  web ")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the web UI did not start (as stemloop-web)");
    }

    /** Every *.log file the agent left in its working folder. */
    private String logFiles() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") && !p.endsWith("mosquitto.log")).toList()) {
                all.append(f).append('\n').append(Files.readString(f, StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    private static Path projectFile(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(name))) {
                return p.resolve(name);
            }
        }
        throw new AssertionError(name + " not found above " + Path.of("").toAbsolutePath());
    }
}
