package org.stemloop.poi;

import java.util.ArrayList;
import java.util.List;

/**
 * Which points of interest get a spectrum: in the order given (dopants first, each kind by score), one dwell
 * each, until the frame's budget or what is left of the run's would be exceeded.
 */
public final class AcquisitionPlanner {

    private AcquisitionPlanner() {
    }

    /**
     * @param points  the frame's points of interest, in order of priority
     * @param budget  the dose budget
     * @param spentMs dwell time the run's earlier requests already asked for, ms
     * @return the positions, possibly none (the run's budget is spent, or no points)
     */
    public static List<BeamPosition> plan(List<PointOfInterest> points, DoseBudget budget, double spentMs) {
        double allowed = Math.min(budget.perFrameMs(), budget.perRunMs() - spentMs);
        List<BeamPosition> out = new ArrayList<>();
        double total = 0;
        for (PointOfInterest p : points) {
            if (total + budget.dwellMs() > allowed + 1e-9) {
                break;
            }
            out.add(new BeamPosition(p.id(), p.row(), p.col(), p.xAngstrom(), p.yAngstrom(), budget.dwellMs()));
            total += budget.dwellMs();
        }
        return List.copyOf(out);
    }

    /** The dwell time of {@code positions} together, ms. */
    public static double dwellSum(List<BeamPosition> positions) {
        return positions.stream().mapToDouble(BeamPosition::dwellMs).sum();
    }
}
