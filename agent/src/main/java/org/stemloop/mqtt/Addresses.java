package org.stemloop.mqtt;

/**
 * The event-bus addresses of the agent, all in one place. The MQTT bridge is the only verticle that
 * talks to the broker; everything else talks to it through these addresses.
 */
public final class Addresses {

    /**
     * Frames from the broker. Body: the MQTT payload ({@code Buffer}); headers: the message's user
     * properties and {@link #RECEIVED_AT}. Request-reply: the bridge acknowledges the frame to the
     * broker when the reply arrives, so reply only once the frame is committed.
     */
    public static final String FRAMES_IN = "stemloop.frames.in";

    /** Control messages from the broker; body the JSON payload; request-reply as {@link #FRAMES_IN}. */
    public static final String CONTROL_IN = "stemloop.control.in";

    /**
     * Messages for the broker. Body: the payload; headers {@link #TOPIC} and {@link #RETAIN}. The
     * reply comes when the broker has acknowledged the message (QoS 1).
     */
    public static final String PUBLISH = "stemloop.mqtt.publish";

    /**
     * The failure code of a {@link #FRAMES_IN} reply for a frame deferred (the agent's queue was full): an
     * ordinary event under Mosquitto, left unacknowledged for the broker to send again, not an error.
     */
    public static final int DEFERRED = 503;

    /** Spectra from the broker (issue 20); body the JSON payload; request-reply as {@link #FRAMES_IN}. */
    public static final String SPECTRA_IN = "stemloop.spectra.in";

    /**
     * Published (not sent) by the frame pipeline after a frame's detections went out: a local object of the
     * agent package (the frame, its atoms and lattice), for the steps that follow the analysis.
     */
    public static final String ANALYSED = "stemloop.frames.analysed";

    /** An operator's approval of an acquisition request, from the control verticle; JSON; replies or fails(400). */
    public static final String APPROVE_ACQUIRE = "stemloop.acquire.approve";

    /** Header: the full MQTT topic of a message to publish. */
    public static final String TOPIC = "topic";
    /** Header: {@code true} to publish retained. */
    public static final String RETAIN = "retain";
    /** Header: when the bridge received the message, epoch milliseconds. */
    public static final String RECEIVED_AT = "x-received-at-ms";

    /** Header: the MQTT 5 content type of the message, when the sender set one (checked against the payload). */
    public static final String CONTENT_TYPE = "x-content-type";

    private Addresses() {
    }
}
