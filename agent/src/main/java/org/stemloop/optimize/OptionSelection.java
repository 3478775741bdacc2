package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.stemloop.detect.Blob;

/**
 * The options worth offering from a Pareto front: distinct interpretations of the frame, at most a
 * handful, spanning the front, each labelled by what it means. {@code analyze} and the agent both
 * offer exactly these.
 *
 * <ol>
 *   <li><b>Merge copies.</b> Front options that find the same atoms (nothing added, nothing dropped
 *       within the matching radius, {@link AtomSetDiff}), or tied copies (equal rewards and count),
 *       are one reading: the one with the most
 *       central parameters of the group (nearest the group's mean genes) stands for it. On clean
 *       frames the front is often one point padded with tied alternatives; they collapse to one
 *       option and {@link #unambiguous()} says so.</li>
 *   <li><b>Span the front.</b> With more readings than {@code maxOptions}, the knee, both ends (lowest
 *       QC, lowest ER) and the most and fewest atoms are kept, then the reading farthest (in rewards
 *       scaled to the front's extent) from those kept, until {@code maxOptions}.</li>
 *   <li><b>Label.</b> Each option gets the tags of what it is: {@code knee}, {@code closest to the
 *       expected count}, {@code fewest crowded atoms}, {@code most atoms}, {@code fewest atoms}, else how
 *       many atoms it adds or drops against the knee.</li>
 * </ol>
 *
 * <p>The recommendation stays the front's knee (the reading of {@link ParetoFront#recommended()}).
 *
 * @apiNote Cost: one exact detection per front option (parallel), plus O(n) per pair of readings
 *          compared; for a 21-option front at 512² well under a second.
 */
public final class OptionSelection {

    /** Options offered at most by default: more is a slider, not a choice. */
    public static final int DEFAULT_MAX_OPTIONS = 8;

    private final List<ChosenOption> options;
    private final int recommended;
    private final double radius;

    private OptionSelection(List<ChosenOption> options, int recommended, double radius) {
        this.options = List.copyOf(options);
        this.recommended = recommended;
        this.radius = radius;
    }

    /** The options of a search's front, matched within a third of the lattice's nearest-neighbour distance. */
    public static OptionSelection of(SearchResult result, double nearestNeighbourPx) {
        return of(result.front(), result::detect, AtomSetDiff.radiusFor(nearestNeighbourPx), DEFAULT_MAX_OPTIONS);
    }

    /**
     * The options of {@code front}.
     *
     * @param detect     the atoms of a front option on its frame
     * @param radius     matching radius, pixels: atoms closer than this are the same atom
     * @param maxOptions options offered at most, at least 5 (knee, two ends, most and fewest atoms)
     */
    public static OptionSelection of(ParetoFront front, Function<Candidate, List<Blob>> detect, double radius,
            int maxOptions) {
        Objects.requireNonNull(front, "front");
        Objects.requireNonNull(detect, "detect");
        if (maxOptions < 5) {
            throw new IllegalArgumentException("At least 5 options must be allowed (knee, ends, most, fewest): "
                    + maxOptions);
        }
        List<Candidate> all = front.options();
        List<List<Blob>> atoms = all.parallelStream().map(detect).toList();
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            List<Integer> home = null;
            for (List<Integer> g : groups) {
                int first = g.get(0);
                if (sameReading(all.get(i), atoms.get(i), all.get(first), atoms.get(first), radius)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                groups.add(home = new ArrayList<>());
            }
            home.add(i);
        }
        int kneeOption = front.recommendedIndex();
        List<Reading> readings = new ArrayList<>();
        for (List<Integer> g : groups) {
            int rep = central(g, all);
            readings.add(new Reading(all.get(rep), atoms.get(rep), g.size(), g.contains(kneeOption)));
        }
        List<Reading> kept = span(readings, maxOptions);
        kept.sort(Comparator.comparingDouble((Reading r) -> r.candidate.reward(0))
                .thenComparingDouble(r -> r.candidate.reward(r.candidate.rewards().length - 1)));
        return new OptionSelection(label(kept), indexOfKnee(kept), radius);
    }

    /**
     * Whether two front options are one reading for the operator: the same atoms within the radius, or
     * tied copies (equal rewards and count): no number on the page tells those apart, and the atoms they
     * differ in are a few the rewards do not care about (measured: 3-4 of 119 in an amorphous patch).
     */
    static boolean sameReading(Candidate a, List<Blob> atomsA, Candidate b, List<Blob> atomsB, double radius) {
        boolean tied = java.util.Arrays.equals(a.rewards(), b.rewards()) && atomsA.size() == atomsB.size();
        return tied || AtomSetDiff.of(atomsA, atomsB, radius).same();
    }

    private record Reading(Candidate candidate, List<Blob> atoms, int merged, boolean knee) {
        int count() {
            return atoms.size();
        }
    }

    /** The member of a group of equal readings with genes nearest the group's mean. */
    private static int central(List<Integer> group, List<Candidate> all) {
        int n = all.get(group.get(0)).genes().length;
        double[] mean = new double[n];
        for (int i : group) {
            int[] g = all.get(i).genes();
            for (int k = 0; k < n; k++) {
                mean[k] += g[k] / (double) group.size();
            }
        }
        return group.stream().min(Comparator.comparingDouble((Integer i) -> {
            int[] g = all.get(i).genes();
            double d = 0;
            for (int k = 0; k < n; k++) {
                d += (g[k] - mean[k]) * (g[k] - mean[k]);
            }
            return d;
        }).thenComparing(i -> i)).orElseThrow();
    }

    private static List<Reading> span(List<Reading> readings, int maxOptions) {
        if (readings.size() <= maxOptions) {
            return new ArrayList<>(readings);
        }
        Set<Reading> kept = new LinkedHashSet<>();
        readings.stream().filter(Reading::knee).findFirst().ifPresent(kept::add);
        kept.add(readings.stream().min(Comparator.comparingDouble(r -> r.candidate.reward(0))).orElseThrow());
        int last = readings.get(0).candidate.rewards().length - 1;
        kept.add(readings.stream().min(Comparator.comparingDouble(r -> r.candidate.reward(last))).orElseThrow());
        kept.add(readings.stream().max(Comparator.comparingInt(Reading::count)).orElseThrow());
        kept.add(readings.stream().min(Comparator.comparingInt(Reading::count)).orElseThrow());
        double[] lo = new double[last + 1];
        double[] extent = new double[last + 1];
        for (int k = 0; k <= last; k++) {
            int kk = k;
            lo[k] = readings.stream().mapToDouble(r -> r.candidate.reward(kk)).min().orElse(0);
            extent[k] = Math.max(1e-12, readings.stream().mapToDouble(r -> r.candidate.reward(kk)).max().orElse(0) - lo[k]);
        }
        while (kept.size() < maxOptions) {
            Reading far = null;
            double farthest = -1;
            for (Reading r : readings) {
                if (kept.contains(r)) {
                    continue;
                }
                double nearest = Double.POSITIVE_INFINITY;
                for (Reading k : kept) {
                    nearest = Math.min(nearest, scaledDistance(r.candidate, k.candidate, lo, extent));
                }
                if (nearest > farthest) {
                    farthest = nearest;
                    far = r;
                }
            }
            kept.add(far);
        }
        return new ArrayList<>(kept);
    }

    private static double scaledDistance(Candidate a, Candidate b, double[] lo, double[] extent) {
        double sum = 0;
        for (int k = 0; k < lo.length; k++) {
            double d = (a.reward(k) - b.reward(k)) / extent[k];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static int indexOfKnee(List<Reading> kept) {
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).knee) {
                return i;
            }
        }
        throw new IllegalStateException("The knee's reading was not kept");
    }

    private static List<ChosenOption> label(List<Reading> kept) {
        if (kept.size() == 1) {
            Reading only = kept.get(0);
            return List.of(new ChosenOption(only.candidate, List.of("knee", "the only distinct reading"), only.atoms,
                    only.merged));
        }
        int last = kept.get(0).candidate.rewards().length - 1;
        Reading knee = kept.get(indexOfKnee(kept));
        Reading bestQc = kept.stream().min(Comparator.comparingDouble(r -> r.candidate.reward(0))).orElseThrow();
        Reading bestEr = kept.stream().min(Comparator.comparingDouble(r -> r.candidate.reward(last))).orElseThrow();
        int most = kept.stream().mapToInt(Reading::count).max().orElseThrow();
        int fewest = kept.stream().mapToInt(Reading::count).min().orElseThrow();
        List<ChosenOption> out = new ArrayList<>();
        for (Reading r : kept) {
            List<String> tags = new ArrayList<>();
            if (r == knee) {
                tags.add("knee");
            }
            if (r == bestQc) {
                tags.add("closest to the expected count");
            }
            if (r == bestEr && last > 0) {
                tags.add("fewest crowded atoms");
            }
            if (r.count() == most && most != fewest) {
                tags.add("most atoms");
            }
            if (r.count() == fewest && most != fewest) {
                tags.add("fewest atoms");
            }
            if (tags.isEmpty()) {
                int d = r.count() - knee.count();
                tags.add(d == 0 ? "as many atoms as the knee, elsewhere" : "%+d atoms vs the knee".formatted(d));
            }
            out.add(new ChosenOption(r.candidate, tags, r.atoms, r.merged));
        }
        return out;
    }

    /** The options, sorted by the rewards (lowest QC first), at least one. */
    public List<ChosenOption> options() {
        return options;
    }

    /** Index in {@link #options()} of the knee, the recommendation. */
    public int recommendedIndex() {
        return recommended;
    }

    /** The recommended option. */
    public ChosenOption recommended() {
        return options.get(recommended);
    }

    /** Whether the front offers one reading only: the frame is unambiguous for these rewards. */
    public boolean unambiguous() {
        return options.size() == 1;
    }

    /** The matching radius used to tell readings apart, pixels. */
    public double radius() {
        return radius;
    }
}
