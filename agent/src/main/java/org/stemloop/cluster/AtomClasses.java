package org.stemloop.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;

/**
 * Classes of atoms from their surroundings, as in Barakati et al. 2024 (Figure 5): a patch around
 * each atom ({@link AtomPatches}), PCA of the patches ({@link Pca}), a Gaussian mixture on the
 * leading scores ({@link GaussianMixture}, k fixed or chosen by BIC), the most probable component
 * as the atom's class. Classes are numbered by size, largest first, so class 0 is the bulk
 * lattice on a mostly perfect frame. Each class has a centroid image (its mean patch) and a
 * dispersion image (the per-pixel standard deviation of its patches).
 *
 * <p>Unsupervised: no label enters. Deterministic for a seed (PCA is exact; the mixture's start
 * is drawn from {@code java.util.Random(seed)}).
 *
 * {@snippet :
 * AtomClasses c = AtomClasses.classify(frame, atoms, 10.1, ClassSettings.AUTO);
 * int[] labels = c.labels();
 * }
 *
 * @param labels      class of each atom, in atom order
 * @param classes     number of classes
 * @param bic         BIC of each k tried, in order from the settings' minimum
 * @param scores      each atom's PCA scores, n x components
 * @param explained   fraction of the patch variance each component explains
 * @param patchSide   side of the patches, pixels
 * @param centroids   mean patch per class, row by row ({@code patchSide²} values)
 * @param dispersions per-pixel standard deviation of the patches per class
 */
public record AtomClasses(int[] labels, int classes, double[] bic, double[][] scores, double[] explained, int patchSide,
        double[][] centroids, double[][] dispersions) {

    /**
     * Classifies the atoms of a frame.
     *
     * @param spacing nearest-neighbour distance in pixels (sets the patch size when the settings leave it at 0)
     * @apiNote Cost: patches O(n r²), PCA O(n r⁴ + r⁶), EM O(iterations n k); ~0.1-0.3 s for
     *          2,000 atoms with 11 x 11 patches.
     */
    public static AtomClasses classify(Frame frame, List<Blob> atoms, double spacing, ClassSettings settings) {
        int radius = settings.patchRadius() > 0 ? settings.patchRadius() : Math.max(2, (int) Math.round(spacing / 2));
        int side = 2 * radius + 1;
        int n = atoms.size();
        if (n < Math.max(settings.maxClasses(), 2) * 3) {
            throw new IllegalArgumentException("Too few atoms to classify into up to %d classes: %d (need %d)"
                    .formatted(settings.maxClasses(), n, Math.max(settings.maxClasses(), 2) * 3));
        }
        double[][] patches = AtomPatches.extract(frame, atoms, radius);
        int components = Math.min(settings.components(), side * side);
        Pca pca = Pca.fit(patches, components);
        double[][] scores = pca.transform(patches);
        double[] bic = new double[settings.maxClasses() - settings.minClasses() + 1];
        GaussianMixture best = null;
        for (int k = settings.minClasses(); k <= settings.maxClasses(); k++) {
            GaussianMixture g = GaussianMixture.fit(scores, k, settings.seed());
            bic[k - settings.minClasses()] = g.bic();
            if (best == null || g.bic() < best.bic()) {
                best = g;
            }
        }
        int k = best.weights().length;
        int[] labels = bySize(best.predict(scores), k);
        double[] explained = new double[components];
        for (int i = 0; i < components; i++) {
            explained[i] = pca.explained(i);
        }
        double[][] centroids = new double[k][side * side];
        double[][] dispersions = new double[k][side * side];
        int[] count = new int[k];
        for (int a = 0; a < n; a++) {
            count[labels[a]]++;
            for (int j = 0; j < side * side; j++) {
                centroids[labels[a]][j] += patches[a][j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < side * side; j++) {
                centroids[c][j] /= Math.max(1, count[c]);
            }
        }
        for (int a = 0; a < n; a++) {
            for (int j = 0; j < side * side; j++) {
                double dv = patches[a][j] - centroids[labels[a]][j];
                dispersions[labels[a]][j] += dv * dv;
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < side * side; j++) {
                dispersions[c][j] = Math.sqrt(dispersions[c][j] / Math.max(1, count[c]));
            }
        }
        return new AtomClasses(labels, k, bic, scores, explained, side, centroids, dispersions);
    }

    /** Relabels so that class 0 is the largest, ties by the old label; empty classes go last. */
    private static int[] bySize(int[] labels, int k) {
        int[] count = new int[k];
        for (int l : labels) {
            count[l]++;
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> count[a] != count[b] ? Integer.compare(count[b], count[a]) : Integer.compare(a, b));
        int[] rank = new int[k];
        for (int r = 0; r < k; r++) {
            rank[order[r]] = r;
        }
        return Arrays.stream(labels).map(l -> rank[l]).toArray();
    }

    /** Atoms in each class. */
    public int[] counts() {
        int[] c = new int[classes];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** The indices of the atoms of class {@code c}. */
    public List<Integer> members(int c) {
        List<Integer> m = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                m.add(i);
            }
        }
        return m;
    }
}
