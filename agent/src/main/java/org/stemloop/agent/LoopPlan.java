package org.stemloop.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.poi.AcquisitionPlanner;
import org.stemloop.poi.AtomSite;
import org.stemloop.poi.BeamPosition;
import org.stemloop.poi.DoseBudget;
import org.stemloop.poi.PoiFinder;
import org.stemloop.poi.PoiGeometry;
import org.stemloop.poi.PoiSettings;
import org.stemloop.poi.PointOfInterest;
import org.stemloop.reward.CentredSquare;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.Honeycomb;
import org.stemloop.reward.Lattice;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.LoopStore;

/**
 * One frame's step of the loop, on the loop's worker thread: its points of interest, its acquisition request
 * within the dose budget, both stored with the agent's decision (once per frame).
 */
final class LoopPlan {

    private static final PoiFinder FINDER = new PoiFinder(PoiSettings.DEFAULT);

    private LoopPlan() {
    }

    /** An atom a spectrum was linked to and how far from it the beam was, pixels. */
    record Link(int atom, double distancePx) {
    }

    /**
     * A frame planned.
     *
     * @param storedNow   false when the frame was planned before (redelivered): nothing to publish again
     * @param request     the acquisition request, or {@code null} when there is nothing to ask (or no budget)
     * @param matchRadius spectra are linked to atoms within this many pixels
     */
    record Planned(String frameId, boolean storedNow, ObjectNode poiJson, ObjectNode request, List<Blob> atoms,
                   double matchRadius) {

        /** The atom nearest {@code (row, col)} within the matching radius, or {@code null}. */
        Link nearestAtom(double row, double col) {
            Link best = null;
            for (int i = 0; i < atoms.size(); i++) {
                double d = Math.hypot(atoms.get(i).row() - row, atoms.get(i).col() - col);
                if (d <= matchRadius && (best == null || d < best.distancePx())) {
                    best = new Link(i, d);
                }
            }
            return best;
        }
    }

    static Planned plan(AnalysedFrame f, RunMode mode, DoseBudget budget, LoopStore store) {
        Frame frame = f.frame();
        PoiGeometry g = geometry(f);
        List<AtomSite> sites = new ArrayList<>(f.atoms().size());
        for (int i = 0; i < f.atoms().size(); i++) {
            Blob b = f.atoms().get(i);
            sites.add(new AtomSite(b.row(), b.col(), AtomSite.brightness(frame, b.row(), b.col()), f.classes() == null ? -1 : f.classes()[i]));
        }
        // the mask LoG* kept these atoms on: boundaries at the crystal's edge, no vacancies in a hole
        List<PointOfInterest> points = FINDER.find(sites, g, maskOf(f));
        double held = store.dwellHeld(f.runId());
        List<BeamPosition> positions = AcquisitionPlanner.plan(points, budget, held);
        String requestId = positions.isEmpty() ? null : requestId(f.runId(), f.frameId());
        String state = mode == RunMode.AUTONOMOUS ? "sent" : "pending";
        ObjectNode request = requestId == null ? null : LoopJson.request(requestId, f.runId(), f.frameId(), state,
                positions, budget, held, frame.height(), frame.width(), g.pixelSizeAngstrom());
        Instant now = Instant.now();
        List<DecisionRecord> decisions = request == null ? List.of() : List.of(new DecisionRecord(f.runId(),
                DecisionRecord.AGENT, "acquire-request", requestId, f.frameId(),
                "%d of %d points, %.0f ms (frame budget %.0f, run %.0f of %.0f ms held); %s".formatted(positions.size(),
                        points.size(), AcquisitionPlanner.dwellSum(positions), budget.perFrameMs(), held,
                        budget.perRunMs(), mode == RunMode.AUTONOMOUS ? "autonomous: sent" : "supervised: waits for "
                                + "an operator's approve-acquire"), now));
        LoopStore.Acquisition row = request == null ? null : new LoopStore.Acquisition(requestId, f.runId(),
                f.frameId(), state, AcquisitionPlanner.dwellSum(positions), request.toString(), now);
        boolean stored = store.commitPoi(f.runId(), f.frameId(), points, row, decisions);
        return new Planned(f.frameId(), stored, LoopJson.poi(f.runId(), f.frameId(), points, request), request,
                f.atoms(), g.nearestNeighbour() / 2);
    }

    /** The frame's crystal mask when there is one of its size, else {@code null} (the rules without a mask). */
    static CrystalMask maskOf(AnalysedFrame f) {
        CrystalMask m = f.mask();
        return m != null && m.height() == f.frame().height() && m.width() == f.frame().width() ? m : null;
    }

    /** Same run and frame, same id: a redelivered frame does not make a second request. */
    static String requestId(String runId, String frameId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((runId + "\n" + frameId).getBytes(StandardCharsets.UTF_8));
            return "acq-" + HexFormat.of().formatHex(h, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The lattice the atoms were found for, else one read off the atoms themselves: the median distance to the
     * nearest atom, and the coordination of a honeycomb (the twin's and the paper's graphene).
     */
    static PoiGeometry geometry(AnalysedFrame f) {
        Frame frame = f.frame();
        double px = frame.pixelSizeAngstrom().orElse(Double.NaN);
        if (f.kind() != null) {
            Lattice lattice = f.kind().lattice().lattice();
            double scale = f.kind().lattice().pixelSize();
            if (Double.isNaN(px) && !FrameLattice.FFT.equals(f.kind().lattice().name())) {
                px = scale;
            }
            int coordination = lattice instanceof Honeycomb ? 3 : lattice instanceof CentredSquare ? 4
                    : lattice.atomsPerCell() == 1 ? 4 : 3;
            return new PoiGeometry(frame.height(), frame.width(), px, lattice.nearestNeighbour() / scale, coordination);
        }
        return new PoiGeometry(frame.height(), frame.width(), px, medianNearest(f.atoms()), 3);
    }

    private static double medianNearest(List<Blob> atoms) {
        if (atoms.size() < 2) {
            return 1;
        }
        double[] d = new double[atoms.size()];
        for (int i = 0; i < d.length; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < d.length; j++) {
                if (i != j) {
                    best = Math.min(best, Math.hypot(atoms.get(i).row() - atoms.get(j).row(),
                            atoms.get(i).col() - atoms.get(j).col()));
                }
            }
            d[i] = best;
        }
        Arrays.sort(d);
        return Math.max(1, d[d.length / 2]);
    }
}
