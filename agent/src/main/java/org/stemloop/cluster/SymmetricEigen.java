package org.stemloop.cluster;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by cyclic Jacobi rotations (Golub and
 * Van Loan, "Matrix Computations", §8.5): slow for large matrices but exact to rounding, simple and
 * deterministic, which is what PCA of patch covariances (≤ a few hundred dimensions) needs.
 *
 * @apiNote Cost: about 6-10 sweeps of n²/2 rotations of O(n) each, O(n³) per sweep: ~20 ms for
 *          n = 121 (11 x 11 patches).
 */
final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, descending. */
    final double[] values;
    /** Eigenvectors as rows, in the order of {@link #values}, each of unit length. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes {@code a} (symmetric, n x n; not modified). */
    static SymmetricEigen of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("Matrix must be square: row %d has %d entries, not %d".formatted(i, a[i].length, n));
            }
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 1e-22 * Math.max(1e-300, diagonal(m)); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(m[y][y], m[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = m[order[k]][order[k]];
            int largest = 0;
            for (int i = 0; i < n; i++) {
                vectors[k][i] = v[i][order[k]];
                largest = Math.abs(vectors[k][i]) > Math.abs(vectors[k][largest]) ? i : largest;
            }
            // an eigenvector's sign is arbitrary: fix it (largest entry positive) so PCA is reproducible
            if (vectors[k][largest] < 0) {
                for (int i = 0; i < n; i++) {
                    vectors[k][i] = -vectors[k][i];
                }
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** One Jacobi rotation that zeroes m[p][q]; v accumulates the rotations (columns are eigenvectors). */
    private static void rotate(double[][] m, double[][] v, int p, int q) {
        double theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                s += i != j ? m[i][j] * m[i][j] : 0;
            }
        }
        return s;
    }

    private static double diagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            s += m[i][i] * m[i][i];
        }
        return s;
    }
}
