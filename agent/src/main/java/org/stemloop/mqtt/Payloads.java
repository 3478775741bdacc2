package org.stemloop.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.MaskGrid;
import org.stemloop.unet.UnetAtom;

/**
 * The JSON the agent publishes (DESIGN §3): detections, errors, status (the pareto message is
 * built by the agent's {@code ParetoMessage} from these parts). Field names are the
 * contract with clients nobody here wrote; change them only with {@code broker-config/asyncapi.yaml}.
 */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /**
     * {@code {"frame_id", "run_id", "method", "params", "param_source", "option", "atoms": [[row, col, sigma], ...],
     * "rewards": {"qc", "er"}, "latency_ms"}}; a {@code NaN} reward and a missing option are written as
     * {@code null}.
     */
    public static byte[] detections(String frameId, String runId, String method, LogParams params, String paramSource,
                                    Integer option, List<Blob> atoms, double qc, double er, double latencyMs) {
        return bytes(detectionsNode(frameId, runId, method, params, paramSource, option, atoms, qc, er, latencyMs));
    }

    /** The detections message as a JSON tree, to add optional parts ({@link #addClasses}) before sending. */
    public static ObjectNode detectionsNode(String frameId, String runId, String method, LogParams params,
                                            String paramSource, Integer option, List<Blob> atoms, double qc, double er,
                                            double latencyMs) {
        ObjectNode root = JSON.createObjectNode().put("frame_id", frameId).put("run_id", runId).put("method", method);
        root.set("params", params(params));
        root.put("param_source", paramSource);
        if (option == null) {
            root.putNull("option");
        } else {
            root.put("option", option);
        }
        ArrayNode rows = root.putArray("atoms");
        for (Blob b : atoms) {
            rows.addArray().add(b.row()).add(b.col()).add(b.sigma());
        }
        ObjectNode rewards = root.putObject("rewards");
        putNumber(rewards, "qc", qc);
        putNumber(rewards, "er", er);
        root.put("latency_ms", latencyMs);
        return root;
    }

    /**
     * Adds the crystal mask (issue 15) to a LoG* detections or pareto message: {@code "masked_fraction"} (0 to 1,
     * the part of the frame off the crystal) and {@code "mask": {"cell", "rows", "cols", "grid": ["0110...",
     * ...]}} (one string per grid row from the top, {@code '1'} crystal, {@code '0'} masked, cells of {@code cell}
     * px; {@code MaskGrid}); both {@code null} when the frame had no mask (no lattice to size it).
     */
    public static ObjectNode addMask(ObjectNode message, CrystalMask mask) {
        if (mask == null) {
            message.putNull("masked_fraction");
            message.putNull("mask");
            return message;
        }
        message.put("masked_fraction", mask.maskedFraction());
        ObjectNode m = message.putObject("mask").put("cell", mask.cell()).put("rows", mask.gridRows())
                .put("cols", mask.gridCols());
        ArrayNode grid = m.putArray("grid");
        MaskGrid.rows(mask).forEach(grid::add);
        return message;
    }

    /**
     * Adds how the atoms' rows and columns were refined to a LoG* detections message: {@code "refinement":
     * {"method": "gauss"|"com"|"none", "fitted", "centre_of_mass", "unchanged"}} (atoms placed each way).
     */
    public static ObjectNode addRefinement(ObjectNode detections, String method, int fitted, int centreOfMass,
                                           int unchanged) {
        detections.putObject("refinement").put("method", method).put("fitted", fitted)
                .put("centre_of_mass", centreOfMass).put("unchanged", unchanged);
        return detections;
    }

    /**
     * Adds the atoms' classes to a LoG* detections message (the agent's {@code classes} option; absent
     * when it is off, so older clients see the message unchanged): {@code "classes": [c, ...]} parallel
     * to {@code "atoms"} (0 the largest class), {@code "class_counts": [n0, n1, ...]} and
     * {@code "classification": {"classes": k, "patch_px", "ms"}}; a frame left unclassified has
     * {@code "classes": null} and {@code "classification": {"skipped": reason, "ms"}}.
     *
     * @param labels  each atom's class, or {@code null} when skipped
     * @param patchSide side of the patches in pixels (ignored when skipped)
     * @param skipped why the frame was not classified, or {@code null}
     */
    public static ObjectNode addClasses(ObjectNode detections, int[] labels, int classes, int patchSide, String skipped,
                                        long ms) {
        ObjectNode info = detections.putObject("classification");
        if (labels == null) {
            detections.putNull("classes");
            info.put("skipped", skipped);
        } else {
            ArrayNode c = detections.putArray("classes");
            int[] counts = new int[classes];
            for (int l : labels) {
                c.add(l);
                counts[l]++;
            }
            ArrayNode n = detections.putArray("class_counts");
            for (int k : counts) {
                n.add(k);
            }
            info.put("classes", classes).put("patch_px", patchSide);
        }
        info.put("ms", ms);
        // the tree's field order is insertion order: keep "classification" after the classes
        detections.set("classification", detections.remove("classification"));
        return detections;
    }

    /**
     * The U-Net's detections: {@code {"frame_id", "run_id", "method": "unet", "model", "params": null,
     * "param_source": null, "option": null, "atoms": [[row, col, probability, uncertainty], ...], "rewards": {"qc": null,
     * "er": null}, "latency_ms", "inference_ms"}} (the same fields as LoG*'s, so one client reads both).
     */
    public static byte[] unetDetections(String frameId, String runId, String model, List<UnetAtom> atoms,
                                        double latencyMs, double inferenceMs) {
        ObjectNode root = JSON.createObjectNode().put("frame_id", frameId).put("run_id", runId).put("method", "unet")
                .put("model", model);
        root.putNull("params");
        root.putNull("param_source");
        root.putNull("option");
        ArrayNode rows = root.putArray("atoms");
        for (UnetAtom a : atoms) {
            // the 4th value: the ensemble members' disagreement at the atom (variance; 0 for one model)
            rows.addArray().add(a.row()).add(a.col()).add(a.probability()).add(a.variance());
        }
        root.putObject("rewards").putNull("qc").putNull("er");
        root.put("latency_ms", latencyMs);
        root.put("inference_ms", inferenceMs);
        return bytes(root);
    }

    /** The {@code params} object as in {@code analyze}'s pareto.json. */
    public static ObjectNode params(LogParams p) {
        ObjectNode node = JSON.createObjectNode().put("min_sigma", p.minSigma()).put("max_sigma", p.maxSigma())
                .put("num_sigma", p.numSigma());
        putNumber(node, "threshold", p.threshold());
        return node.put("overlap", p.overlap());
    }

    /**
     * {@code {"frame_id"?, "error", "detail"}}; {@code frameId} may be {@code null}. The detail is one line of at
     * most {@value Printable#MAX_DETAIL} characters, whatever the rejected input held.
     */
    public static byte[] error(String frameId, String error, String detail) {
        ObjectNode root = JSON.createObjectNode();
        if (frameId != null) {
            root.put("frame_id", Printable.of(frameId));
        }
        return bytes(root.put("error", error).put("detail", Printable.of(detail, Printable.MAX_DETAIL)));
    }

    /** {@code {"state", "instrument", "run_id"?, "mode"?}}; {@code runId} and {@code mode} may be {@code null}. */
    public static byte[] status(String state, String instrument, String runId, String mode) {
        return bytes(statusNode(state, instrument, runId, mode));
    }

    /**
     * A running agent's status: {@code {"state", "instrument", "run_id", "mode", "frame_policy", "frames_skipped",
     * "broker"}}: how it handles a backlog, how many frames it skipped so far in this run, and the broker
     * connection ({@code "connected"|"reconnected"}); after an outage also {@code "reconnects"} (since the agent
     * started), {@code "outage_ms"} and {@code "reconnect_attempts"} of the last outage.
     */
    public static byte[] status(String state, String instrument, String runId, String mode, String framePolicy,
                                long framesSkipped, BrokerLink link) {
        ObjectNode root = statusNode(state, instrument, runId, mode).put("frame_policy", framePolicy)
                .put("frames_skipped", framesSkipped);
        root.put("broker", link.word());
        if (link.reconnects() > 0) {
            root.put("reconnects", link.reconnects()).put("outage_ms", link.lastOutageMs())
                    .put("reconnect_attempts", link.lastAttempts());
        }
        return bytes(root);
    }

    private static ObjectNode statusNode(String state, String instrument, String runId, String mode) {
        ObjectNode root = JSON.createObjectNode().put("state", state).put("instrument", instrument);
        if (runId != null) {
            root.put("run_id", runId);
        }
        if (mode != null) {
            root.put("mode", mode);
        }
        return root;
    }

    /** An empty JSON object to build a payload in (the pareto message is built by the agent). */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The UTF-8 bytes of a JSON payload. */
    public static byte[] bytes(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

}
