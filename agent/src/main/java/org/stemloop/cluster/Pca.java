package org.stemloop.cluster;

/**
 * Principal component analysis of row vectors: centre on the mean, eigen-decompose the
 * covariance ({@link SymmetricEigen}), project onto the leading components. Each component's sign
 * is fixed (largest loading positive), so the same data always gives the same scores.
 *
 * @param mean       the mean vector
 * @param components the leading eigenvectors of the covariance, as rows, unit length
 * @param variances  the variance along each component (its eigenvalue), descending
 * @param totalVariance the sum of all eigenvalues (the trace of the covariance)
 */
public record Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {

    /**
     * Fits {@code k} components to {@code data} (n rows of dimension p, n ≥ 2).
     *
     * @apiNote Cost: O(n p²) for the covariance plus O(p³) per Jacobi sweep.
     */
    public static Pca fit(double[][] data, int k) {
        int n = data.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 vectors, got " + n);
        }
        int p = data[0].length;
        if (k < 1 || k > p) {
            throw new IllegalArgumentException("Components must be in [1, %d]: %d".formatted(p, k));
        }
        double[] mean = new double[p];
        for (double[] x : data) {
            if (x.length != p) {
                throw new IllegalArgumentException("All vectors must have %d entries, one has %d".formatted(p, x.length));
            }
            for (int j = 0; j < p; j++) {
                mean[j] += x[j] / n;
            }
        }
        double[][] cov = new double[p][p];
        double[] d = new double[p];
        for (double[] x : data) {
            for (int j = 0; j < p; j++) {
                d[j] = x[j] - mean[j];
            }
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    cov[a][b] += d[a] * d[b] / (n - 1);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        SymmetricEigen e = SymmetricEigen.of(cov);
        double total = 0;
        for (double v : e.values) {
            total += Math.max(0, v);
        }
        double[][] comps = new double[k][];
        double[] vars = new double[k];
        for (int i = 0; i < k; i++) {
            comps[i] = e.vectors[i];
            vars[i] = Math.max(0, e.values[i]);
        }
        return new Pca(mean, comps, vars, total);
    }

    /** The scores of each row of {@code data} on the components: n x k. */
    public double[][] transform(double[][] data) {
        double[][] out = new double[data.length][components.length];
        for (int i = 0; i < data.length; i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (data[i][j] - mean[j]) * components[c][j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    /** Fraction of the total variance that component {@code i} explains. */
    public double explained(int i) {
        return totalVariance > 0 ? variances[i] / totalVariance : 0;
    }
}
