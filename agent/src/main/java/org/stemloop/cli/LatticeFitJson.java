package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.stemloop.detect.Contrast;
import org.stemloop.eval.LatticeFit;
import org.stemloop.eval.LatticeReference;
import org.stemloop.reward.LatticeCell;

/** The JSON {@code evaluate --lattice-fit} prints: scores, the fitted lattice and what the reference is. */
final class LatticeFitJson {

    private LatticeFitJson() {
    }

    static ObjectNode of(ObjectMapper json, LatticeReference ref, Path image, Contrast contrast, int detections) {
        ObjectNode root = json.createObjectNode();
        EvaluateCommand.putScores(root, ref.scores());
        root.put("reference", "lattice fitted to the detections (self-consistency, not the truth)");
        root.put("image", image.toString());
        root.put("contrast", contrast.word());
        root.put("radius", ref.radius());
        root.put("margin", ref.margin());
        root.put("n_expected", ref.expected().size());
        root.put("n_detections", detections);
        if (Double.isNaN(ref.meanError())) {
            root.putNull("mean_error");
        } else {
            root.put("mean_error", ref.meanError());
        }
        LatticeFit fit = ref.fit();
        LatticeCell c = fit.cell();
        ObjectNode lattice = root.putObject("lattice");
        lattice.putArray("a1").add(c.a1Row()).add(c.a1Col());
        lattice.putArray("a2").add(c.a2Row()).add(c.a2Col());
        double[] sides = c.sidesPx();
        lattice.putArray("sides_px").add(sides[0]).add(sides[1]);
        lattice.put("angle_deg", Math.toDegrees(Math.acos((c.a1Row() * c.a2Row() + c.a1Col() * c.a2Col()) / (sides[0] * sides[1]))));
        lattice.put("nearest_neighbour_px", c.nearestNeighbourPx());
        ArrayNode sites = lattice.putArray("sites");
        for (int s = 0; s < c.sites().size(); s++) {
            LatticeCell.Site site = c.sites().get(s);
            ObjectNode n = sites.addObject();
            n.putArray("offset").add(site.row()).add(site.col());
            n.put("brightness", site.brightness());
            n.put("fitted", fit.fitted().get(s));
            int index = s;
            n.put("expected", ref.expected().stream().filter(col -> col.site() == index).count());
        }
        lattice.put("inliers", fit.inliers());
        lattice.put("rms_residual_px", fit.rmsPx());
        lattice.put("spectrum", c.note());
        return root;
    }
}
