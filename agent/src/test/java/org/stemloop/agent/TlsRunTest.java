package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyWriter;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.BrokerTls;
import org.stemloop.mqtt.PemTls;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.Mosquitto;
import org.stemloop.testsupport.TestCertificates;

/**
 * TLS end to end: {@code stemloop run} against a Mosquitto TLS listener that requires client
 * certificates (CA and certificates made with openssl here), serving its web UI over HTTPS; and the
 * clear refusals when the CA, the client certificate or the host name is wrong.
 */
@Tag("integration")
class TlsRunTest {

    private static final int WAIT_S = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path pki;
    static TestCertificates certs;

    @TempDir
    Path dir;

    private Mosquitto broker;
    private AgentProcess agent;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(pki.resolve("good"));
    }

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
    void runTalksTlsWithAClientCertificateAndServesHttps() throws Exception {
        broker = Mosquitto.start(dir, "ssl", port -> tlsListener(port, certs, true));
        Topics topics = new Topics("T");
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                broker = ssl://localhost:%d
                broker-ca = %s
                broker-cert = %s
                broker-key = %s
                instrument = T
                db = jdbc:h2:%s
                mode = autonomous
                http-port = 0
                https-cert = %s
                https-key = %s
                """.formatted(broker.port(), certs.ca(), certs.clientCert(), certs.clientKey(),
                dir.resolve("db").toAbsolutePath(), certs.serverCert(), certs.serverKey()));
        agent = AgentProcess.start(dir, Map.of(), "run", "--config", config.toString());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(PemTls.context(certs.ca(), certs.clientCert(), certs.clientKey()).getSocketFactory());
        try (TestClient client = new TestClient("ssl://localhost:" + broker.port(), topics, options)) {
            client.awaitField(topics.status(), "state", "online", WAIT_S);

            // a frame from a client nobody here wrote, over TLS with its own client certificate
            Path npy = dir.resolve("frame.npy");
            NpyWriter.write(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.1)
                    .withSeed(3)).frame(), npy);
            mosquittoPub(topics.frames(), "-f", npy.toString(), "-D", "publish", "user-property", "frame_id", "tls-1",
                    "-D", "publish", "user-property", "material", "graphene",
                    "-D", "publish", "user-property", "pixel_size_angstrom", "0.14");
            JsonNode detections = client.awaitField(topics.detections(), "frame_id", "tls-1", WAIT_S);
            assertThat(detections.get("atoms").size()).as("atoms found in the frame sent over TLS").isGreaterThan(20);

            String base = "https://127.0.0.1:" + webPort();
            // the connect timeout covers the TLS handshake too, slow on a busy machine with a cold JIT
            HttpClient https = HttpClient.newBuilder().sslContext(PemTls.context(certs.ca(), null, null))
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<String> login = https.send(get(base + "/login.html"), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("<title>stemloop · log in</title>");
            JsonNode health = JSON.readTree(https.send(get(base + "/api/health"),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(health.get("mqtt").asText()).as("the web UI's own MQTT client, over TLS").isEqualTo("connected");
            HttpResponse<String> csrf = https.send(get(base + "/api/csrf"), HttpResponse.BodyHandlers.ofString());
            // no session before login (issue 18): the login's CSRF token is a cookie of its own, Secure behind HTTPS
            assertThat(csrf.headers().allValues("set-cookie")).as("login CSRF cookie behind HTTPS")
                    .anySatisfy(c -> assertThat(c).startsWith("stemloop.login-csrf=").contains("Secure", "HTTPOnly"))
                    .noneSatisfy(c -> assertThat(c).startsWith("stemloop.session="));

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(get(base.replace("https:", "http:") + "/login.html"),
                    HttpResponse.BodyHandlers.ofString())).as("plain HTTP on the HTTPS port").isInstanceOf(IOException.class);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent output ---\n" + agent.output() + "\n--- mosquitto ---\n"
                    + broker.log(), e);
        }
    }

    @Test
    void clientsWithoutTheCaOrTheirCertificateOrForAnotherHostAreRefusedClearly() throws Exception {
        broker = Mosquitto.start(dir, "ssl", port -> tlsListener(port, certs, true));
        String url = "ssl://localhost:" + broker.port();
        assertThat(connectFailure(url, BrokerTls.DEFAULT)).as("without broker-ca")
                .contains("not signed by a trusted CA").contains("broker-ca");
        assertThat(connectFailure(url, new BrokerTls(certs.ca(), null, null, true))).as("without a client certificate")
                .contains("TLS handshake failed");
        broker.close();

        TestCertificates elsewhere = TestCertificates.create(pki.resolve("elsewhere"), "DNS:broker.elsewhere.example");
        Path other = Files.createDirectories(dir.resolve("elsewhere"));
        broker = Mosquitto.start(other, "ssl", port -> tlsListener(port, elsewhere, false));
        assertThat(connectFailure("ssl://localhost:" + broker.port(), new BrokerTls(elsewhere.ca(), null, null, true)))
                .as("a certificate for another host").contains("does not name the host");
    }

    private static String connectFailure(String url, BrokerTls tls) throws Exception {
        return BridgeStart.failure(new BrokerSettings(url, "tls-refused", null, null, new Topics("T"), 0, tls));
    }

    /** A Mosquitto TLS listener; {@code requireClientCert}: only clients with a certificate of the CA get in. */
    private static String tlsListener(int port, TestCertificates c, boolean requireClientCert) {
        return """
                listener %d localhost
                cafile %s
                certfile %s
                keyfile %s
                require_certificate %s
                allow_anonymous true
                persistence false
                """.formatted(port, c.ca(), c.serverCert(), c.serverKey(), requireClientCert);
    }

    private void mosquittoPub(String topic, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Mosquitto.require("mosquitto_pub").toString(), "-V", "5",
                "-h", "localhost", "-p", Integer.toString(broker.port()), "--cafile", certs.ca().toString(),
                "--cert", certs.clientCert().toString(), "--key", certs.clientKey().toString(), "-q", "1", "-t", topic));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("mosquitto_pub finishes").isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    /** The web UI's port, from the line {@code web https://127.0.0.1:PORT/} that run prints. */
    private int webPort() throws InterruptedException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("web +https://127\\.0\\.0\\.1:(\\d+)/");
        for (int i = 0; i < WAIT_S * 10; i++) {
            java.util.regex.Matcher m = line.matcher(agent.output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run did not print its https:// web address");
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
    }
}
