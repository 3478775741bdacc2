package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's embedded broker with {@link BrokerAccess#forDemo}: no anonymous or wrong-password client
 * gets in (tried with Debian's Python paho), and only the agent and the web UI's users may publish
 * control or results; the twin may publish frames and nothing the agent answers to as control, and its
 * refusals of acquisition requests on errors (issue 20); the web UI reads the loop's topics.
 */
@Tag("integration")
class EmbeddedBrokerAuthTest {

    private static final Topics TOPICS = new Topics("auth-" + ProcessHandle.current().pid());
    private static BrokerAccess access;
    private static EmbeddedBroker broker;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        access = BrokerAccess.forDemo(TOPICS);
        broker = EmbeddedBroker.start(0, access);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static MqttClient as(String user, String password) throws Exception {
        MqttClient c = new MqttClient(broker.url(), user + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o);
        return c;
    }

    private static MqttClient as(String user) throws Exception {
        return as(user, access.user(user).password());
    }

    @Test
    void anonymousAndWrongPasswordClientsAreRefusedByPythonPaho() throws Exception {
        Path script = dir.resolve("connect.py");
        Files.writeString(script, """
                import sys, paho.mqtt.client as mqtt
                port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
                c = mqtt.Client(client_id="py-" + user, protocol=mqtt.MQTTv5)
                if user != "-":
                    c.username_pw_set(user, password)
                codes = []
                c.on_connect = lambda cl, u, f, rc, p=None: codes.append(int(rc.value if hasattr(rc, "value") else rc))
                c.connect("127.0.0.1", port)
                for _ in range(50):
                    c.loop(0.1)
                    if codes:
                        break
                print(codes[0] if codes else "none")
                """);
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
        assertThat(python(script, "-", "-")).as("anonymous").isNotEqualTo("0");
        assertThat(python(script, BrokerAccess.WEB, "wrong-password-123")).as("wrong password").isNotEqualTo("0");
        assertThat(python(script, BrokerAccess.WATCH, access.user(BrokerAccess.WATCH).password()))
                .as("the right password").isEqualTo("0");
    }

    @Test
    void onlyTheWebUiAndTheAgentPublishControlAndOnlyTheAgentPublishesResults() throws Exception {
        MqttClient agent = as(BrokerAccess.AGENT);
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        IMqttMessageListener record = (t, m) -> seen.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
        agent.subscribe(new MqttSubscription[] {new MqttSubscription(TOPICS.control(), 1),
                new MqttSubscription(TOPICS.pareto(), 1), new MqttSubscription(TOPICS.frames(), 1)},
                new IMqttMessageListener[] {record, record, record});
        // each attempt on a client of its own: HiveMQ may disconnect a client that publishes where it may not
        for (String user : List.of(BrokerAccess.WATCH, BrokerAccess.TWIN, BrokerAccess.WEB)) {
            MqttClient c = as(user);
            tryPublish(c, TOPICS.pareto(), "{\"forged-by\":\"" + user + "\"}");
            quietly(c);
        }
        for (String user : List.of(BrokerAccess.WATCH, BrokerAccess.TWIN)) {
            MqttClient c = as(user);
            tryPublish(c, TOPICS.control(), "{\"action\":\"pause\",\"by\":\"" + user + "\"}");
            quietly(c);
        }
        MqttClient web = as(BrokerAccess.WEB);
        tryPublish(web, TOPICS.control(), "{\"action\":\"pause\",\"by\":\"web\"}");
        MqttClient twin = as(BrokerAccess.TWIN);
        tryPublish(twin, TOPICS.frames(), "frame-from-twin");
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(TOPICS.control() + " {\"action\":\"pause\",\"by\":\"web\"}");
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(TOPICS.frames() + " frame-from-twin");
        assertThat(seen.poll(1, TimeUnit.SECONDS)).as("nothing else got through").isNull();

        // nobody but the agent reads control (it names the operators)
        LinkedBlockingQueue<String> spied = new LinkedBlockingQueue<>();
        MqttClient watch = as(BrokerAccess.WATCH);
        try {
            watch.subscribe(new MqttSubscription[] {new MqttSubscription(TOPICS.control(), 1)},
                    new IMqttMessageListener[] {(t, m) -> spied.add(t)});
        } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
            // refused at once: as good as refused silently
        }
        tryPublish(web, TOPICS.control(), "{\"action\":\"resume\",\"by\":\"web\"}");
        assertThat(seen.poll(10, TimeUnit.SECONDS)).contains("resume");
        assertThat(spied.poll(1, TimeUnit.SECONDS)).isNull();

        // the twin refuses a request it cannot serve on errors (issue 20: out of the field); the web UI reads the
        // loop's topics (tracks included)
        LinkedBlockingQueue<String> errors = new LinkedBlockingQueue<>();
        MqttClient reader = as(BrokerAccess.WEB);
        reader.subscribe(new MqttSubscription[] {new MqttSubscription(TOPICS.errors(), 1),
                        new MqttSubscription(TOPICS.poi(), 1), new MqttSubscription(TOPICS.acquire(), 1),
                        new MqttSubscription(TOPICS.sites(), 1), new MqttSubscription(TOPICS.tracks(), 1)},
                new IMqttMessageListener[] {(t, m) -> errors.add(t + " " + new String(m.getPayload(), StandardCharsets.UTF_8)),
                        (t, m) -> errors.add(t), (t, m) -> errors.add(t), (t, m) -> errors.add(t), (t, m) -> errors.add(t)});
        MqttClient refusing = as(BrokerAccess.TWIN);
        tryPublish(refusing, TOPICS.errors(), "{\"error\":\"out-of-field\",\"detail\":\"p1\"}");
        assertThat(errors.poll(10, TimeUnit.SECONDS)).isEqualTo(TOPICS.errors()
                + " {\"error\":\"out-of-field\",\"detail\":\"p1\"}");
        // the live view's dopant trails too
        for (String topic : List.of(TOPICS.poi(), TOPICS.acquire(), TOPICS.sites(), TOPICS.tracks())) {
            tryPublish(agent, topic, "{}");
            assertThat(errors.poll(10, TimeUnit.SECONDS)).as("the web UI reads " + topic).isEqualTo(topic);
        }
        for (MqttClient c : List.of(agent, web, twin, watch, reader, refusing)) {
            quietly(c);
        }
    }

    private static void quietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.close();
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            // already dropped by the broker
        }
    }

    /** Publishes at QoS 1; a broker's "not authorized" answer is an exception here, and that is fine. */
    private static void tryPublish(MqttClient c, String topic, String payload) {
        try {
            c.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
        } catch (org.eclipse.paho.mqttv5.common.MqttException refused) {
            // the broker said no
        }
    }

    private static String python(Path script, String user, String password) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), Integer.toString(broker.port()), user,
                password).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String[] lines = out.split("\n");
        return lines[lines.length - 1].strip();
    }
}
