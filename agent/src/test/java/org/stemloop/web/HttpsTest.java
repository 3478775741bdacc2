package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.PemTls;
import org.stemloop.mqtt.Topics;
import org.stemloop.testsupport.Mosquitto;
import org.stemloop.testsupport.TestCertificates;

/**
 * The web UI over HTTPS from a PKCS#12 keystore (the PEM form runs in {@code TlsRunTest}): a whole
 * login through the JDK's HttpClient trusting only the test CA, the session cookie {@code Secure}.
 */
@Tag("integration")
class HttpsTest {

    @TempDir
    Path dir;

    @Test
    void anOperatorLogsInOverHttpsWithAKeystoreCertificate() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("pki"));
        Path keystore = certs.serverPkcs12("ks-pass-1");
        Path users = dir.resolve("users.txt");
        UserFile.ensureFirstOperator(users, "op-secret-0001");
        Vertx vertx = Vertx.vertx();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            BrokerSettings mqtt = new BrokerSettings(broker.url(), "https-test", null, null, new Topics("https"), 0);
            WebConfig config = new WebConfig("127.0.0.1", 0, users, "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                    mqtt, true, new HttpsSettings(null, null, keystore, "ks-pass-1"));
            WebServer web = WebServer.start(vertx, config).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            String base = "https://127.0.0.1:" + web.port();
            HttpSession session = new HttpSession(base, PemTls.context(certs.ca(), null, null));

            HttpResponse<String> page = session.get("/login.html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>stemloop · log in</title>");
            assertThat(page.headers().firstValue("Strict-Transport-Security")).as("HSTS over HTTPS")
                    .hasValueSatisfying(v -> assertThat(v).startsWith("max-age=31536000"));
            HttpResponse<String> login = session.login(UserFile.FIRST_OPERATOR, "op-secret-0001");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.headers().allValues("set-cookie")).as("a new session id at login, Secure")
                    .anySatisfy(c -> assertThat(c).startsWith("stemloop.session=").contains("; Secure").containsIgnoringCase("; HttpOnly"));
            assertThat(session.json("/api/me").get("role").asText()).isEqualTo("operator");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
