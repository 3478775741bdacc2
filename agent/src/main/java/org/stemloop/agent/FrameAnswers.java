package org.stemloop.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.stemloop.mqtt.FrameRejected;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.FrameLog;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.store.StoredDetection;
import org.stemloop.store.StoredFrame;
import org.stemloop.store.UnetRecord;

/**
 * The publish step of the frame path: what goes back to the broker for a frame once it is committed (its
 * Pareto options, then its detections; the U-Net's after LoG*'s), for a frame the instrument had stored
 * before (its stored detections again, marked {@code "repeat": true}), and for a rejected frame (the errors
 * topic). Each future completes when the broker has the message (QoS 1); only then is the frame acknowledged.
 */
final class FrameAnswers {

    private static final FrameLog FRAMES = FrameLog.of(FrameAnswers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Publisher publisher;
    private final Topics topics;
    private final AgentMetrics metrics;
    private final FrameCommitStep commits;
    private final String unetModel;

    FrameAnswers(Publisher publisher, Topics topics, AgentMetrics metrics, FrameCommitStep commits, String unetModel) {
        this.publisher = publisher;
        this.topics = topics;
        this.metrics = metrics;
        this.commits = commits;
        this.unetModel = unetModel;
    }

    /** The Pareto options first (retained), so a client reading a detection already knows its option. */
    Future<Void> results(Analysed done, long startNanos) {
        FrameAnalysis a = done.analysis();
        ParetoOptions front = a.front(done.frame().frameId());
        Future<Void> pareto = front == null ? Future.succeededFuture()
                : publisher.publish(topics.pareto(), ParetoMessage.of(front, done.after(), a.mask(),
                        a.positions() == null ? null : a.positions().method()), true);
        return pareto.compose(v -> {
            ObjectNode json = Payloads.detectionsNode(done.frame().frameId(), done.before().runId(), a.method(),
                    a.params(), a.paramSource(), a.option(), a.atoms(), a.qc(), a.er(),
                    FrameAnalysisStep.millis(System.nanoTime() - startNanos));
            if (a.positions() != null) {
                FrameAnalysis.Positions p = a.positions();
                Payloads.addRefinement(json, p.method(), p.fitted(), p.centreOfMass(), p.unchanged());
            }
            Payloads.addMask(json, a.mask());
            addReading(json, a.reading());
            FrameClasses c = a.classes();
            if (c != null) {
                Payloads.addClasses(json, c.labels(), c.classes(), c.patchSide(), c.skipped(), c.ms());
            }
            return publisher.publish(topics.detections(), Payloads.bytes(json), false);
        });
    }

    /**
     * How the frame was read (issue 15, {@code FramePreparation}): {@code "contrast"} ({@code bright}, or
     * {@code dark}: inverted before LoG), {@code "contrast_source"} ({@code auto} or {@code option}, as
     * {@code analyze}'s detections.json), and {@code "pixel_size"}: the told and the used pixel size, Å, whether
     * the lattice calibrated it and why, or {@code null} without a material's lattice.
     */
    static void addReading(ObjectNode json, FrameAnalysis.Reading r) {
        if (r == null) {
            return;
        }
        json.put("contrast", r.contrast()).put("contrast_source", r.contrastSource());
        PixelCalibration.Result p = r.pixelSize();
        if (p == null) {
            json.putNull("pixel_size");
            return;
        }
        json.putObject("pixel_size").put("told_angstrom", p.toldAngstrom()).put("used_angstrom", p.pixelSizeAngstrom())
                .put("calibrated", p.corrected()).put("note", p.note());
    }

    /**
     * A frame id the instrument stored before (a resend, a redelivery after a hand-over): each stored detection
     * goes out again as it was stored, with the run that stored it and {@code "repeat": true}. A frame stored
     * as skipped or while paused has none, and gets nothing but its acknowledgement. In a share group, a frame
     * another member stored was answered by that member: acknowledged here without an answer.
     */
    Future<Void> repeat(String frameId, String runId, StoredFrame stored, long startNanos) {
        metrics.frameRepeated();
        if (stored.byAnotherMember()) {
            FRAMES.info(frameId, "Frame " + frameId + " was stored by another agent of the share group: not stored "
                    + "nor answered again");
            return Future.succeededFuture();
        }
        FRAMES.info(frameId, "Frame " + frameId + (stored.runId().equals(runId) ? " seen before in this run"
                : " was stored before (run " + stored.runId() + ")")
                + ": not stored again; answered with its stored detections");
        double ms = FrameAnalysisStep.millis(System.nanoTime() - startNanos);
        Future<Void> out = Future.succeededFuture();
        for (StoredDetection d : stored.detections()) {
            byte[] payload = Payloads.bytes(repeatNode(frameId, stored.runId(), d, ms));
            out = out.compose(v -> publisher.publish(topics.detections(), payload, false));
        }
        return out;
    }

    /** One stored detection as the detections topic carries it, marked as a repeat. */
    static ObjectNode repeatNode(String frameId, String runId, StoredDetection d, double latencyMs) {
        ObjectNode json;
        if (d.params() == null) { // the U-Net's shape: no LoG parameters, no rewards
            json = Payloads.object().put("frame_id", frameId).put("run_id", runId).put("method", d.method());
            json.putNull("params");
            json.putNull("param_source");
            json.putNull("option");
            json.putObject("rewards").putNull("qc").putNull("er");
        } else {
            json = Payloads.detectionsNode(frameId, runId, d.method(), d.params(), d.paramSource(), d.option(),
                    List.of(), d.qc(), d.er(), latencyMs);
        }
        if (d.model() != null) {
            json.put("model", d.model());
        }
        try {
            JsonNode atoms = JSON.readTree(d.atomsJson());
            json.set("atoms", atoms);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored atoms of frame " + frameId + " are not JSON", e);
        }
        if (d.params() == null) {
            json.put("latency_ms", latencyMs);
        }
        return json.put("repeat", true);
    }

    /**
     * After LoG*'s results went out: the U-Net's detections committed (once per frame) and published, or
     * its failure on the errors topic. A commit that fails fails the frame (not acknowledged, redelivered).
     */
    Future<Void> unet(Analysed done, long startNanos) {
        String frameId = done.frame().frameId();
        String runId = done.before().runId();
        return done.unet().transform(ar -> {
            if (ar.failed()) {
                FRAMES.warn(frameId, "U-Net failed on frame " + frameId + ": " + ar.cause().getMessage(), ar.cause());
                return publisher.error(frameId, "unet-failed", "U-Net " + unetModel + ": " + ar.cause().getMessage());
            }
            UnetOutcome r = ar.result();
            metrics.unetInference(r.ms());
            return commits.commitUnet(runId, frameId, new UnetRecord(unetModel, r.atoms()))
                    .compose(c -> publisher.publish(topics.detections(), Payloads.unetDetections(frameId, runId,
                            unetModel, r.atoms(), FrameAnalysisStep.millis(System.nanoTime() - startNanos), r.ms()),
                            false));
        });
    }

    /** A frame that cannot be analysed: on the errors topic, counted; it is acknowledged afterwards. */
    Future<Void> reject(FrameRejected rejected) {
        FRAMES.warn(rejected.frameId(), "Frame rejected: " + rejected.getMessage(), null);
        metrics.frameRejected();
        return publisher.error(rejected.frameId(), rejected.error(), rejected.getMessage());
    }

    /** The agent failed on a frame (not the frame's fault): on the errors topic; it stays unacknowledged. */
    Future<Void> failed(String frameId, Throwable e) {
        return publisher.error(frameId, "internal", String.valueOf(e.getMessage()));
    }
}
