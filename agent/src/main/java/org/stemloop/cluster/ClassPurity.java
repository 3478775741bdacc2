package org.stemloop.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well unsupervised classes follow known labels (say, the simulator's species): purity is the
 * fraction of atoms whose class's majority label is their own label; for one label of interest,
 * its recall (share of its atoms in classes where it is the majority) and precision (share of
 * those classes' atoms that carry it). Purity alone flatters a rare label (one class for all atoms
 * of a 98%-carbon frame is 98% pure), hence the per-label numbers.
 *
 * @param purity    sum over classes of the majority label's count, over all atoms
 * @param majority  the majority label of each class
 * @param table     per class, the count of each label
 */
public record ClassPurity(double purity, List<String> majority, List<Map<String, Integer>> table) {

    /** Scores classes {@code labels[i]} (0 .. k - 1) against {@code truth.get(i)}. */
    public static ClassPurity of(int[] labels, int k, List<String> truth) {
        if (labels.length != truth.size()) {
            throw new IllegalArgumentException("Labels and truth differ in length: %d, %d".formatted(labels.length, truth.size()));
        }
        List<Map<String, Integer>> table = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            table.add(new TreeMap<>());
        }
        for (int i = 0; i < labels.length; i++) {
            table.get(labels[i]).merge(truth.get(i), 1, Integer::sum);
        }
        int right = 0;
        List<String> majority = new java.util.ArrayList<>();
        for (Map<String, Integer> t : table) {
            String best = "";
            int most = -1;
            for (Map.Entry<String, Integer> e : t.entrySet()) {
                // sorted keys, strict comparison: ties go to the first label alphabetically
                if (e.getValue() > most) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            majority.add(best);
            right += t.getOrDefault(best, 0);
        }
        return new ClassPurity(labels.length == 0 ? 1 : (double) right / labels.length, List.copyOf(majority),
                table.stream().map(m -> (Map<String, Integer>) new TreeMap<>(m)).toList());
    }

    /** Share of the atoms labelled {@code label} that fall in classes where {@code label} is the majority. */
    public double recall(String label) {
        int all = 0;
        int in = 0;
        for (int c = 0; c < table.size(); c++) {
            int v = table.get(c).getOrDefault(label, 0);
            all += v;
            in += majority.get(c).equals(label) ? v : 0;
        }
        return all == 0 ? Double.NaN : (double) in / all;
    }

    /** Share of the atoms in the classes where {@code label} is the majority that carry it. */
    public double precision(String label) {
        int all = 0;
        int hit = 0;
        for (int c = 0; c < table.size(); c++) {
            if (majority.get(c).equals(label)) {
                all += table.get(c).values().stream().mapToInt(Integer::intValue).sum();
                hit += table.get(c).getOrDefault(label, 0);
            }
        }
        return all == 0 ? Double.NaN : (double) hit / all;
    }

    /** Counts of each label over all classes. */
    public Map<String, Integer> totals() {
        Map<String, Integer> t = new HashMap<>();
        table.forEach(m -> m.forEach((l, v) -> t.merge(l, v, Integer::sum)));
        return new TreeMap<>(t);
    }
}
