package org.stemloop.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The only verticle that talks to the broker (Eclipse Paho MQTT 5): frames, control messages and spectra in,
 * everything on {@link Addresses#PUBLISH} out. It wires three steps, each on this verticle's context:
 * {@link BrokerConnection} (connection and reconnect), {@link InboundFlow} (flow control and the
 * acknowledgement after commit) and {@link OutboundQueue} (publish, in order, holding what comes while
 * the connection is away).
 *
 * <p>Two MQTT sessions, each a {@link BrokerConnection} with its own {@link InboundFlow}: the <b>frame session</b>
 * (the client id) takes the frames, publishes everything and carries the status and its will; the <b>control
 * session</b> ({@link BrokerSettings#controlClientId()}, same broker, TLS and credentials) takes the control
 * messages and the spectra. MQTT 5's Receive Maximum counts every unacknowledged QoS 1 message of a session and
 * the broker delivers a session's messages in order, and a frame is acknowledged only after its commit: on one
 * session a {@code pause} or a spectrum waited behind every frame the agent had not finished. On its own session
 * it arrives at once. The control session is persistent too (clean start off, the same session expiry): an
 * approval or a spectrum sent while the agent restarts is delivered when it is back.
 *
 * <p>Exactly once from the broker's acknowledgement to the database: a persistent session (the same client
 * id, clean start off, a session expiry) so the broker keeps every frame it acknowledged to the microscope
 * until the agent acknowledges it; QoS 1 both ways; an incoming message is acknowledged only when its consumer
 * replies, which the frame path does after the commit; the frame store keeps each frame id once per
 * instrument, so a redelivery is answered again, never stored again. Status: retained {@code online} (or
 * whatever {@code status} says) on every connect, a retained {@code offline} will.
 *
 * <p>In a share group ({@link BrokerSettings#shareGroup()}) frames come through the MQTT 5 shared subscription
 * {@code $share/GROUP/...frames} (each frame to one member), control messages still through a plain
 * subscription (every member sees them), and the status goes to the agent's own status topic.
 *
 * <p>A clean stop hands over ({@link #stop}): deliveries after it are left to the broker, the messages already
 * taken finish and are acknowledged (10 s at most), then the retained {@code offline} and the disconnect.
 */
public final class MqttBridge extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final int QOS = 1;
    /** Frames the broker may have in flight to the agent, unacknowledged. */
    static final int RECEIVE_MAXIMUM = 20;
    /**
     * Control messages and spectra the broker may have in flight on the control session: each is answered in
     * milliseconds, and one request brings up to {@code dose-per-frame-ms / dwell-ms} spectra (10 by default) at once.
     */
    static final int CONTROL_RECEIVE_MAXIMUM = 32;
    /** How long a clean stop waits for the frames already taken to finish. */
    private static final long DRAIN_MS = 10_000;

    private final BrokerSettings settings;
    private final Supplier<byte[]> status;
    private final byte[] offline;
    private final int receiveMaximum;
    private final long maximumPacketSize;
    private final AtomicReference<BrokerLink> link;
    private final PahoClient.Factory clients;
    private final PahoClient.Factory controlClients;
    private BrokerConnection connection;
    private InboundFlow inbound;
    private BrokerConnection control;
    private InboundFlow controlInbound;
    private OutboundQueue outbound;

    /**
     * @param settings the broker and topics
     * @param status   the status payload to publish (retained) on every connect
     * @param offline  the will: the status payload the broker publishes when the agent vanishes
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline) {
        this(settings, status, offline, new AtomicReference<>(BrokerLink.FIRST), RECEIVE_MAXIMUM,
                InputLimits.MQTT_MAX_PACKET);
    }

    /**
     * @param link              the connection's story (outages, reconnects), shared with the status payload
     * @param receiveMaximum    MQTT 5 Receive Maximum (1-65535): the most unacknowledged QoS 1 messages (frames
     *                          and control) the broker may send this client at once; the rest wait at the broker
     * @param maximumPacketSize MQTT 5 Maximum Packet Size ({@link InputLimits#maximumPacketSize()}): the broker
     *                          drops larger packets instead of sending them, so a huge payload never reaches this
     *                          process's memory
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline,
                      AtomicReference<BrokerLink> link, int receiveMaximum, long maximumPacketSize) {
        this(settings, status, offline, link, receiveMaximum, maximumPacketSize,
                PahoClient.paho(settings.url(), settings.clientId()),
                PahoClient.paho(settings.url(), settings.controlClientId()));
    }

    /**
     * As above, with the frame session's Paho clients made by {@code clients} and the control session's by
     * {@code controlClients} (unit tests: fake clients).
     */
    MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline, AtomicReference<BrokerLink> link,
               int receiveMaximum, long maximumPacketSize, PahoClient.Factory clients,
               PahoClient.Factory controlClients) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = Objects.requireNonNull(status, "status");
        this.offline = offline.clone();
        this.link = Objects.requireNonNull(link, "link");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive-maximum must be 1-65535: " + receiveMaximum);
        }
        this.receiveMaximum = receiveMaximum;
        this.maximumPacketSize = maximumPacketSize;
        this.clients = Objects.requireNonNull(clients, "clients");
        this.controlClients = Objects.requireNonNull(controlClients, "controlClients");
    }

    /** Whether both sessions are connected to the broker now; safe from any thread. */
    public boolean connected() {
        return connection != null && connection.connected() && control != null && control.connected();
    }

    @Override
    public Future<?> start() throws Exception {
        connection = new BrokerConnection(context, settings, connectionOptions(), clients, link,
                new BrokerConnection.Listener() {
                    @Override
                    public void connected(boolean reconnect) {
                        if (reconnect) {
                            LOG.info(outbound.waiting() + " messages waited for the connection");
                        }
                        subscribeAndAnnounce()
                                .onFailure(e -> LOG.error("Resubscribe after reconnect failed: " + e.getMessage()));
                    }

                    @Override
                    public void message(PahoClient source, String topic, MqttMessage message) {
                        inbound.deliver(source, topic, message);
                    }
                });
        inbound = new InboundFlow(context, connection, settings.topics());
        outbound = new OutboundQueue(context, connection);
        // its own outages are logged, not counted in the status's broker story (that is the frame session's)
        control = new BrokerConnection(context, settings, controlOptions(), controlClients,
                new AtomicReference<>(BrokerLink.FIRST), new BrokerConnection.Listener() {
                    @Override
                    public void connected(boolean reconnect) {
                        subscribeControl().onFailure(e -> LOG.error("Control session: resubscribe failed: "
                                + e.getMessage()));
                    }

                    @Override
                    public void message(PahoClient source, String topic, MqttMessage message) {
                        controlInbound.deliver(source, topic, message);
                    }
                }, " (control session " + settings.controlClientId() + ")");
        controlInbound = new InboundFlow(context, control, settings.topics());
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, this::onPublishRequest);
        return connection.connectFirst()
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "Cannot connect to MQTT broker %s: %s".formatted(settings.url(), settings.explainConnectFailure(e)),
                        e)))
                // the control session refused (e.g. an ACL keyed on client ids): no frame session left open either
                .compose(v -> control.connectFirst().recover(e -> connection.close(null).transform(closed ->
                        Future.failedFuture(new IllegalStateException("Cannot connect the control session %s to MQTT "
                                .formatted(settings.controlClientId()) + "broker %s: %s".formatted(settings.url(),
                                settings.explainConnectFailure(e)), e)))))
                .compose(v -> subscribeControl())
                .compose(v -> subscribeAndAnnounce());
    }

    @Override
    public Future<?> stop() {
        return Future.join(inbound.drain(DRAIN_MS), controlInbound.drain(DRAIN_MS)).eventually(() -> {
            outbound.close("the agent is stopping");
            return control.close(null).eventually(() ->
                    connection.close(MessageSigning.message(vertx, settings.statusTopic(), offline, QOS, true)));
        });
    }

    /**
     * The control session's options: persistent like the frame session's (what came while the agent was away is
     * delivered when it is back), its own window, no will (the status is the frame session's).
     */
    MqttConnectionOptions controlOptions() {
        MqttConnectionOptions o = persistentSession(CONTROL_RECEIVE_MAXIMUM);
        settings.applyTo(o);
        return o;
    }

    /** What both sessions ask for: the same persistent session each time, reconnected by us, this window. */
    private MqttConnectionOptions persistentSession(int window) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(window);
        o.setMaximumPacketSize(maximumPacketSize);
        return o;
    }

    /** The frame session's options on every connection: the same persistent session each time. */
    MqttConnectionOptions connectionOptions() {
        // Mosquitto lets an MQTT 5 client's receive maximum (Paho: 65,535) override its own window of 20:
        // keep the window small, so frames queue at the broker, not in memory, and an outage or a crash
        // leaves at most this many frames taken but not acknowledged (each is redelivered: answered again)
        MqttConnectionOptions o = persistentSession(receiveMaximum);
        o.setWill(settings.statusTopic(), new MqttMessage(offline, QOS, true, null));
        o.setWillMessageProperties(MessageSigning.willProperties(vertx, settings.statusTopic(), offline));
        settings.applyTo(o);
        return o;
    }

    /**
     * Renewed on every (re)connect: a broker that lost the session still delivers to us. The status goes
     * out first (it tells of the outage), then what waited for the connection, in order.
     */
    private Future<Void> subscribeAndAnnounce() {
        // a session persisted by an agent before the control session subscribed control and spectra here: those
        // would come twice (and wait behind frames again), so drop them; a failure only costs the log line
        return connection.subscribe(settings.frameSubscription())
                .compose(v -> connection.unsubscribe(settings.topics().control(), settings.topics().spectra())
                        .recover(e -> {
                            LOG.warn("Frame session: cannot drop the old control and spectra subscriptions: "
                                    + e.getMessage());
                            return Future.succeededFuture();
                        }))
                .compose(v -> outbound.enqueue(settings.statusTopic(), status.get(), true, true));
    }

    /**
     * Control and spectra on the control session, renewed on each of its (re)connects. Plain subscriptions, also in
     * a share group: every member hears every control message (and every spectrum, as before).
     */
    private Future<Void> subscribeControl() {
        return control.subscribe(settings.topics().control(), settings.topics().spectra());
    }

    private void onPublishRequest(Message<Buffer> message) {
        String topic = message.headers().get(Addresses.TOPIC);
        boolean retain = Boolean.parseBoolean(message.headers().get(Addresses.RETAIN));
        outbound.enqueue(topic, message.body().getBytes(), retain, false)
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> message.fail(500, "Cannot publish to %s: %s".formatted(topic, e.getMessage())));
    }
}
