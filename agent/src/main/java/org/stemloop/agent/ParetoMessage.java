package org.stemloop.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stemloop.mqtt.Payloads;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.RewardContext;

/**
 * The retained message on the {@code pareto} topic (DESIGN §3): {@code {"frame_id", "run_id",
 * "options": [{"id", "params", "rewards": {"qc", "er"}, "n_atoms", "label"}], "recommended", "mode",
 * "trigger", "lattice", "unambiguous", "lattice_context", "applied", "applied_by", "search_ms", "masked_fraction",
 * "mask"}}. The
 * options are distinct readings of the frame ({@code OptionSelection}); {@code lattice_context} (expected
 * atoms, nearest-neighbour distance and crowding limit in pixels) lets a client explain an option on the frame. {@code params} is written exactly as
 * in the detections, so a client can compare the two.
 */
final class ParetoMessage {

    private ParetoMessage() {
    }

    /** The message for {@code front} without its frame's mask ({@code masked_fraction}, {@code mask} null). */
    static byte[] of(ParetoOptions front, RunState state) {
        return of(front, state, null, null);
    }

    /**
     * The message for {@code front}; {@code state} says which option serves now and who chose it; {@code mask}
     * is the crystal the front's atoms were counted on ({@link Payloads#addMask}), or {@code null};
     * {@code refinement} how the agent refines the atoms it reports ({@code gauss}, {@code com}, {@code none}),
     * so a client previewing an option does as the agent does, or {@code null}.
     */
    static byte[] of(ParetoOptions front, RunState state, CrystalMask mask, String refinement) {
        ObjectNode root = Payloads.object().put("frame_id", front.frameId()).put("run_id", state.runId());
        ArrayNode options = root.putArray("options");
        for (ParetoOption o : front.options()) {
            ObjectNode node = options.addObject().put("id", o.id());
            node.set("params", Payloads.params(o.params()));
            node.putObject("rewards").put("qc", o.qc()).put("er", o.er());
            node.put("n_atoms", o.atoms());
            node.put("label", o.label());
        }
        root.put("unambiguous", front.options().size() == 1);
        RewardContext c = front.kind().lattice().context(front.kind().height(), front.kind().width());
        root.putObject("lattice_context").put("expected_atoms", c.expectedCount())
                .put("nearest_neighbour_px", c.nearestNeighbourPx()).put("crowding_limit_px", c.crowdingLimitPx());
        root.put("recommended", front.recommended()).put("mode", state.mode().id()).put("trigger", front.trigger());
        root.put("lattice", front.kind().describe());
        Tuning t = state.tuning();
        boolean fromThisFront = t.option() != null && state.options() != null
                && state.options().frameId().equals(front.frameId());
        if (fromThisFront) {
            root.put("applied", t.option()).put("applied_by", t.source());
        } else {
            root.putNull("applied").put("applied_by", t.source());
        }
        root.put("search_ms", front.searchMs());
        if (refinement != null) {
            root.put("refinement", refinement);
        }
        return Payloads.bytes(Payloads.addMask(root, mask));
    }
}
