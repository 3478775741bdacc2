package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge's steps (connection and reconnect, inbound flow and acknowledgement, outbound queue) against a fake
 * Paho client, in the interleavings that lost or doubled frames before: a delivery during a reconnect, a delivery
 * while the queue is full, a restart with messages in flight, an acknowledgement only after the commit, and a
 * clean stop with frames in hand. The frame path is a consumer on the event bus that the test answers by hand.
 */
@ExtendWith(VertxExtension.class)
class MqttBridgeStepsTest {

    private static final Topics TOPICS = new Topics("unit");
    private static final String FRAMES = TOPICS.frames();

    private final FakePaho paho = new FakePaho();
    private final FakePaho controlPaho = new FakePaho();
    private final BlockingQueue<Message<Buffer>> frames = new LinkedBlockingQueue<>();
    private MqttBridge bridge;
    private String deployment;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        vertx.eventBus().<Buffer>consumer(Addresses.FRAMES_IN, frames::add);
        BrokerSettings settings = new BrokerSettings("tcp://127.0.0.1:1", "agent-unit", null, null, TOPICS, 3600);
        bridge = new MqttBridge(settings, () -> "online".getBytes(), "offline".getBytes(),
                new AtomicReference<>(BrokerLink.FIRST), 8, InputLimits.MQTT_MAX_PACKET, paho, controlPaho);
        deployment = vertx.deployVerticle(bridge).await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void undeploy(Vertx vertx) throws Exception {
        if (deployment != null) {
            vertx.undeploy(deployment).await(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyConnectionResumesTheSamePersistentSession() throws Exception {
        paho.clients.get(0).lose();
        eventually(() -> paho.clients.size() == 2 && paho.last().subscribed.contains(FRAMES), "reconnected");
        for (FakePaho.Client c : paho.clients) {
            assertThat(c.options.isCleanStart()).as("clean start off: the broker keeps the session").isFalse();
            assertThat(c.options.getSessionExpiryInterval()).as("session expiry").isEqualTo(3600L);
            assertThat(c.options.getReceiveMaximum()).isEqualTo(8);
            assertThat(c.subscribed).as("subscribed again on every connection").containsExactly(FRAMES);
            assertThat(c.unsubscribed).as("control and spectra of a session persisted before the control session")
                    .contains(TOPICS.control(), TOPICS.spectra());
        }
        assertThat(paho.clients.get(0).closed).as("the spent client is released").isTrue();
    }

    @Test
    void controlAndSpectraComeOnTheirOwnPersistentSessionAndPassUnacknowledgedFrames(Vertx vertx) throws Exception {
        BlockingQueue<Message<Buffer>> control = new LinkedBlockingQueue<>();
        BlockingQueue<Message<Buffer>> spectra = new LinkedBlockingQueue<>();
        vertx.eventBus().<Buffer>consumer(Addresses.CONTROL_IN, control::add);
        vertx.eventBus().<Buffer>consumer(Addresses.SPECTRA_IN, spectra::add);
        FakePaho.Client framesClient = paho.last();
        FakePaho.Client controlClient = controlPaho.last();
        assertThat(controlClient.subscribed).containsExactlyInAnyOrder(TOPICS.control(), TOPICS.spectra());
        assertThat(controlClient.options.isCleanStart()).as("persistent: approvals sent during a restart arrive")
                .isFalse();
        assertThat(controlClient.options.getSessionExpiryInterval()).isEqualTo(3600L);
        assertThat(controlClient.options.getWillDestination()).as("the status and its will are the frame session's")
                .isNull();
        // the frame session's window is full: eight frames taken, none committed
        for (int i = 1; i <= 8; i++) {
            framesClient.deliver(FRAMES, FakePaho.frame(i, "f-" + i));
        }
        eventually(() -> frames.size() == 8, "eight frames in hand");
        MqttMessage pause = new MqttMessage("{\"action\":\"pause\"}".getBytes(), 1, false, null);
        pause.setId(1);
        controlClient.deliver(TOPICS.control(), pause);
        control.poll(10, TimeUnit.SECONDS).reply(null);
        MqttMessage spectrum = new MqttMessage("{}".getBytes(), 1, false, null);
        spectrum.setId(2);
        controlClient.deliver(TOPICS.spectra(), spectrum);
        spectra.poll(10, TimeUnit.SECONDS).reply(null);
        eventually(() -> controlClient.acks.equals(List.of(1, 2)), "control and spectrum acknowledged on their session");
        assertThat(framesClient.acks).as("the frames are still in hand").isEmpty();
        controlClient.lose();
        eventually(() -> controlPaho.clients.size() == 2 && controlPaho.last().subscribed.contains(TOPICS.control()),
                "the control session reconnected and subscribed again");
        assertThat(paho.clients).as("the frame session is left alone").hasSize(1);
    }

    @Test
    void aRefusedControlSessionStopsTheStartAndLeavesNoFrameSessionOpen(Vertx vertx) throws Exception {
        FakePaho framesOnly = new FakePaho();
        FakePaho refused = new FakePaho();
        refused.down = true;
        BrokerSettings settings = new BrokerSettings("tcp://127.0.0.1:1", "agent-two", null, null, TOPICS, 3600);
        MqttBridge other = new MqttBridge(settings, () -> "online".getBytes(), "offline".getBytes(),
                new AtomicReference<>(BrokerLink.FIRST), 8, InputLimits.MQTT_MAX_PACKET, framesOnly, refused);
        Future<String> deployed = vertx.deployVerticle(other);
        eventually(deployed::isComplete, "the start ends");
        assertThat(deployed.failed()).isTrue();
        assertThat(deployed.cause()).hasMessageContaining("control session agent-two-control");
        eventually(() -> framesOnly.last().closed, "the frame session closed");
        assertThat(framesOnly.last().published).as("no online status announced").isEmpty();
    }

    @Test
    void aFrameIsAcknowledgedOnlyAfterTheFramePathRepliesThatItIsCommitted() throws Exception {
        FakePaho.Client c = paho.last();
        c.deliver(FRAMES, FakePaho.frame(7, "f-7"));
        Message<Buffer> m = frames.poll(10, TimeUnit.SECONDS);
        assertThat(m.headers().get("frame_id")).isEqualTo("f-7");
        Thread.sleep(200);
        assertThat(c.acks).as("nothing acknowledged before the commit").isEmpty();
        m.reply(null);
        eventually(() -> c.acks.equals(List.of(7)), "acknowledged after the reply");
    }

    @Test
    void aDeliveryWhoseConnectionWentIsAnsweredOnlyThroughTheRedeliveryOnTheNewConnection() throws Exception {
        FakePaho.Client first = paho.last();
        first.deliver(FRAMES, FakePaho.frame(5, "f-5"));
        Message<Buffer> inHand = frames.poll(10, TimeUnit.SECONDS);
        first.lose();
        eventually(() -> paho.clients.size() == 2 && paho.last().subscribed.contains(FRAMES), "reconnected");
        FakePaho.Client second = paho.last();
        inHand.reply(null);
        // the broker resends what its session holds unacknowledged, with a packet id of the new connection
        second.deliver(FRAMES, FakePaho.frame(1, "f-5"));
        frames.poll(10, TimeUnit.SECONDS).reply(null);
        eventually(() -> second.acks.equals(List.of(1)), "the redelivered copy acknowledged");
        assertThat(first.acks).as("no PUBACK for a packet id of a connection that is gone").isEmpty();
    }

    @Test
    void aDeliveryDeferredByAFullQueueIsAskedForAgainOnANewConnection() throws Exception {
        FakePaho.Client first = paho.last();
        first.deliver(FRAMES, FakePaho.frame(3, "f-3"));
        frames.poll(10, TimeUnit.SECONDS).fail(Addresses.DEFERRED, "the agent's frame queue is full");
        eventually(() -> paho.clients.size() == 2 && paho.last().subscribed.contains(FRAMES), "a reconnect on purpose");
        assertThat(first.connected).as("the old connection was closed").isFalse();
        FakePaho.Client second = paho.last();
        second.deliver(FRAMES, FakePaho.frame(1, "f-3"));
        frames.poll(10, TimeUnit.SECONDS).reply(null);
        eventually(() -> second.acks.equals(List.of(1)), "acknowledged once taken");
        assertThat(first.acks).isEmpty();
    }

    @Test
    void messagesInFlightWhenTheBrokerRestartsGoOutAgainInOrderAfterTheStatus(Vertx vertx) throws Exception {
        paho.holdPublishes = true;
        Future<?> a = publish(vertx, "stemloop/unit/detections", "A");
        Future<?> b = publish(vertx, "stemloop/unit/detections", "B");
        eventually(() -> paho.last().published.size() == 3, "status, A and B in flight");
        paho.down = true;
        paho.holdPublishes = false;
        paho.last().lose();
        Future<?> c = publish(vertx, "stemloop/unit/detections", "C");
        Thread.sleep(1_500);
        assertThat(a.isComplete() || b.isComplete() || c.isComplete()).as("nothing done while the broker is away")
                .isFalse();
        paho.down = false;
        eventually(() -> a.succeeded() && b.succeeded() && c.succeeded(), "all three delivered after the restart");
        assertThat(paho.last().published).containsExactly("stemloop/unit/status online",
                "stemloop/unit/detections A", "stemloop/unit/detections B", "stemloop/unit/detections C");
    }

    @Test
    void aCleanStopFinishesTheFrameInHandAndLeavesLaterDeliveriesToTheBroker(Vertx vertx) throws Exception {
        FakePaho.Client c = paho.last();
        c.deliver(FRAMES, FakePaho.frame(1, "f-1"));
        Message<Buffer> inHand = frames.poll(10, TimeUnit.SECONDS);
        Future<Void> stopped = vertx.undeploy(deployment);
        deployment = null;
        Thread.sleep(200);
        c.deliver(FRAMES, FakePaho.frame(2, "f-2"));
        assertThat(frames.poll(300, TimeUnit.MILLISECONDS)).as("a delivery after the stop is not taken").isNull();
        assertThat(stopped.isComplete()).as("the stop waits for the frame in hand").isFalse();
        inHand.reply(null);
        stopped.await(10, TimeUnit.SECONDS);
        assertThat(c.acks).containsExactly(1);
        assertThat(c.published).last().isEqualTo("stemloop/unit/status offline");
    }

    private static Future<?> publish(Vertx vertx, String topic, String payload) {
        return vertx.eventBus().request(Addresses.PUBLISH, Buffer.buffer(payload),
                new DeliveryOptions().addHeader(Addresses.TOPIC, topic).addHeader(Addresses.RETAIN, "false"));
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 15 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
