package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-dominated candidates of a LoG* search (all rewards minimised), one per distinct reward
 * vector, sorted by the first reward, with a recommended option (the knee).
 *
 * <p>Several parameter sets often give identical rewards (a plateau: thresholds between two
 * noise levels find the same atoms). Of such a group the front keeps the candidate nearest to the
 * group's mean genes, the middle of the plateau, which is the choice least sensitive to small
 * changes of the frame.
 *
 * <p>When the front has fewer distinct reward vectors than the options asked for (on clean
 * frames QC and ER often reach their best together, and the front is one point), it is filled
 * with tied alternatives: other parameter sets with exactly the rewards of a front point, the
 * one farthest in parameter space from those already chosen first, groups taken in turn from the
 * recommended one outward. They are still non-dominated (equal rewards dominate nothing) and
 * give the operator different scales and thresholds that score the same.
 *
 * <p>The recommendation is the option closest to the ideal point (0, ..., 0) in Euclidean
 * distance, in the rewards' own units: QC and ER are both fractions of the expected atom count,
 * so one unit of each costs the same number of atoms and no rescaling is needed (rescaling to the
 * front's extent would let a front that spans 0.1% of QC dictate the choice).
 */
public final class ParetoFront {

    private final List<String> rewardNames;
    private final List<Candidate> options;
    private final int recommended;

    private ParetoFront(List<String> rewardNames, List<Candidate> options, int recommended) {
        this.rewardNames = List.copyOf(rewardNames);
        this.options = List.copyOf(options);
        this.recommended = recommended;
    }

    /** Options asked for by default: a front with fewer points is filled with tied alternatives. */
    public static final int DEFAULT_MIN_OPTIONS = 5;

    /** The front of {@code candidates} with at least {@link #DEFAULT_MIN_OPTIONS} options where ties allow. */
    public static ParetoFront of(List<String> rewardNames, List<Candidate> candidates) {
        return of(rewardNames, candidates, DEFAULT_MIN_OPTIONS);
    }

    /**
     * The front of {@code candidates} (any order: the result does not depend on it), filled with
     * tied alternatives up to {@code minOptions} where there are any.
     */
    public static ParetoFront of(List<String> rewardNames, List<Candidate> candidates, int minOptions) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("A Pareto front needs at least one candidate");
        }
        for (Candidate c : candidates) {
            if (c.rewards().length != rewardNames.size()) {
                throw new IllegalArgumentException("Candidate has %d rewards, expected %d (%s)"
                        .formatted(c.rewards().length, rewardNames.size(), rewardNames));
            }
        }
        Map<String, List<Candidate>> groups = new LinkedHashMap<>();
        candidates.stream().sorted(Comparator.comparing(Candidate::key))
                .forEach(c -> groups.computeIfAbsent(Arrays.toString(c.rewards()), k -> new ArrayList<>()).add(c));
        List<Candidate> heads = groups.values().stream().map(ParetoFront::middle).toList();
        List<Candidate> front = new ArrayList<>();
        for (Candidate c : heads) {
            if (heads.stream().noneMatch(o -> o.dominates(c))) {
                front.add(c);
            }
        }
        Comparator<Candidate> order = Comparator.comparingDouble(c -> c.reward(0));
        for (int i = 1; i < rewardNames.size(); i++) {
            int r = i;
            order = order.thenComparingDouble(c -> c.reward(r));
        }
        front.sort(order);
        int best = 0;
        for (int i = 1; i < front.size(); i++) {
            if (distanceToIdeal(front.get(i)) < distanceToIdeal(front.get(best))) {
                best = i;
            }
        }
        Candidate knee = front.get(best);
        List<Candidate> options = new ArrayList<>(front);
        fillWithTies(options, front, groups, minOptions);
        // heads before their tied alternatives, so the recommendation stays the plateau middle
        options.sort(order.thenComparing(c -> front.contains(c) ? 0 : 1).thenComparing(Candidate::key));
        return new ParetoFront(rewardNames, options, options.indexOf(knee));
    }

    private static void fillWithTies(List<Candidate> options, List<Candidate> front, Map<String, List<Candidate>> groups,
            int minOptions) {
        List<List<Candidate>> chosen = new ArrayList<>();
        List<List<Candidate>> pools = new ArrayList<>();
        front.stream().sorted(Comparator.comparingDouble(ParetoFront::distanceToIdeal)).forEach(head -> {
            chosen.add(new ArrayList<>(List.of(head)));
            List<Candidate> pool = new ArrayList<>(groups.get(Arrays.toString(head.rewards())));
            pool.remove(head);
            pools.add(pool);
        });
        boolean added = true;
        while (options.size() < minOptions && added) {
            added = false;
            for (int g = 0; g < pools.size() && options.size() < minOptions; g++) {
                List<Candidate> pool = pools.get(g);
                if (pool.isEmpty()) {
                    continue;
                }
                List<Candidate> picked = chosen.get(g);
                Candidate far = pool.stream().max(Comparator.comparingDouble(c -> nearestGeneDistance(c, picked)))
                        .orElseThrow();
                pool.remove(far);
                picked.add(far);
                options.add(far);
                added = true;
            }
        }
    }

    private static double nearestGeneDistance(Candidate c, List<Candidate> others) {
        int[] g = c.genes();
        double nearest = Double.POSITIVE_INFINITY;
        for (Candidate o : others) {
            int[] h = o.genes();
            double d = 0;
            for (int i = 0; i < g.length; i++) {
                d += (g[i] - h[i]) * (double) (g[i] - h[i]);
            }
            nearest = Math.min(nearest, d);
        }
        return nearest;
    }

    private static Candidate middle(List<Candidate> group) {
        int n = group.get(0).genes().length;
        double[] mean = new double[n];
        for (Candidate c : group) {
            int[] g = c.genes();
            for (int i = 0; i < n; i++) {
                mean[i] += g[i] / (double) group.size();
            }
        }
        return group.stream().min(Comparator.comparingDouble(c -> {
            int[] g = c.genes();
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += (g[i] - mean[i]) * (g[i] - mean[i]);
            }
            return d;
        })).orElseThrow();
    }

    static double distanceToIdeal(Candidate c) {
        double sum = 0;
        for (double r : c.rewards()) {
            sum += r * r;
        }
        return Math.sqrt(sum);
    }

    /** The reward names, in the order of each candidate's rewards. */
    public List<String> rewardNames() {
        return rewardNames;
    }

    /** The options, sorted by the rewards (a front point before its tied alternatives), never empty. */
    public List<Candidate> options() {
        return options;
    }

    public int size() {
        return options.size();
    }

    /** Index in {@link #options()} of the recommended option. */
    public int recommendedIndex() {
        return recommended;
    }

    /** The recommended option: the knee, nearest to the ideal point. */
    public Candidate recommended() {
        return options.get(recommended);
    }

    /** The hypervolume against the reference point (1, 1), see {@link Hypervolume}; two rewards only. */
    public double hypervolume() {
        return Hypervolume.of(options);
    }
}
