package org.stemloop.mqtt;

/**
 * The MQTT topics of one instrument, {@code stemloop/<instrument>/...} (DESIGN §3): the only place
 * topic names are spelled.
 *
 * @param instrument the instrument id, e.g. {@code microscope-1}: letters, digits, {@code - _ .}
 */
public record Topics(String instrument) {

    /** The instrument id used when none is configured. */
    public static final String DEFAULT_INSTRUMENT = "microscope-1";

    public Topics {
        if (instrument == null || !instrument.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "Instrument id must be 1-64 letters, digits, '-', '_' or '.': " + instrument);
        }
    }

    private String topic(String leaf) {
        return "stemloop/" + instrument + "/" + leaf;
    }

    /** In, QoS 1: frames as NPY bytes (MQTT 5 user properties) or a JSON envelope. */
    public String frames() {
        return topic("frames");
    }

    /** Out, QoS 1: the atoms found on each frame, JSON. */
    public String detections() {
        return topic("detections");
    }

    /** Out, QoS 1, retained: the Pareto options of the last optimisation, JSON. */
    public String pareto() {
        return topic("pareto");
    }

    /** In, QoS 1: operator actions, JSON {@code {"action": ...}}. */
    public String control() {
        return topic("control");
    }

    /** Out, retained, also the will: {@code {"state": "online"|"offline"|"paused", ...}}. */
    public String status() {
        return topic("status");
    }

    /**
     * Out, retained, also the will: the status of one agent of a share group, {@code .../status/<agent>}
     * (its MQTT client id), so that several agents on one instrument each keep their own.
     */
    public String agentStatus(String agent) {
        if (agent == null || agent.isEmpty() || agent.matches(".*[/+#].*")) {
            throw new IllegalArgumentException("An agent's status topic needs a client id without '/', '+' or '#': "
                    + agent);
        }
        return topic("status/" + agent);
    }

    /** Digital twin, out: the true atoms of each simulated frame, JSON, so a run can be scored live. */
    public String truth() {
        return topic("truth");
    }

    /** Digital twin, in: {@code {"size"?: px, "rate"?: frames/s}} changes what the twin publishes. */
    public String twin() {
        return topic("twin");
    }

    /** Out: every rejected input, JSON {@code {"frame_id"?, "error", "detail"}}. */
    public String errors() {
        return topic("errors");
    }

    /** Out, QoS 1: the points of interest of each analysed frame, JSON (issue 20). */
    public String poi() {
        return topic("poi");
    }

    /** Out, QoS 1: beam positions with dwell times for the microscope, JSON {@code {"request_id", "positions"}}. */
    public String acquire() {
        return topic("acquire");
    }

    /** In, QoS 1: the microscope's answers to acquire: an ack when it starts, a spectrum per position. */
    public String spectra() {
        return topic("spectra");
    }

    /** Out, QoS 1: each frame's tracking, the drift and the dopants' tracks (issue 20), JSON. */
    public String tracks() {
        return topic("tracks");
    }

    /** Out, QoS 1: sites confirmed by a spectrum (element, the atom it was linked to), JSON. */
    public String sites() {
        return topic("sites");
    }
}
