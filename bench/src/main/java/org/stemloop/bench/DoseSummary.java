package org.stemloop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeds of one method, material and dose taken together: mean F1, and the lowest F1 with the
 * seed that scored it (the issue asks every seed to reach the goal, not their mean).
 */
public record DoseSummary(String method, String material, double dose, int seeds, double meanF1, double minF1,
        long minSeed) {

    /** Whether this dose is held to the goal and every seed reaches it. */
    public boolean meetsGoal() {
        return dose < DoseSweep.GOAL_DOSE || minF1 >= DoseSweep.GOAL_F1;
    }

    /** One summary per (method, material, dose), in the order the rows first name them. */
    static List<DoseSummary> of(List<DoseRow> rows) {
        Map<String, List<DoseRow>> groups = new LinkedHashMap<>();
        for (DoseRow r : rows) {
            groups.computeIfAbsent(r.method() + "\u0000" + r.material() + "\u0000" + r.dose(), k -> new ArrayList<>()).add(r);
        }
        List<DoseSummary> out = new ArrayList<>();
        for (List<DoseRow> g : groups.values()) {
            DoseRow worst = g.get(0);
            double sum = 0;
            for (DoseRow r : g) {
                sum += r.f1();
                if (r.f1() < worst.f1()) {
                    worst = r;
                }
            }
            out.add(new DoseSummary(worst.method(), worst.material(), worst.dose(), g.size(), sum / g.size(),
                    worst.f1(), worst.seed()));
        }
        return List.copyOf(out);
    }
}
