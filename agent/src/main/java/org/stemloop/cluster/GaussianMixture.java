package org.stemloop.cluster;

import java.util.Random;

/**
 * A Gaussian mixture with full covariances fitted by expectation-maximisation (Dempster, Laird
 * and Rubin 1977), as scikit-learn's {@code GaussianMixture} that the paper uses on PCA scores:
 * k-means++ seeding (Arthur and Vassilvitskii 2007) from {@code java.util.Random(seed)}, then EM
 * until the mean log-likelihood gains less than 1e-6, with {@value #REG} added to each covariance's
 * diagonal (as scikit-learn's {@code reg_covar}) so a component on one point stays invertible.
 * The number of components can be chosen by BIC, {@code -2 log L + params ln n} (Schwarz 1978).
 *
 * @param weights     mixing weights, summing to 1
 * @param means       component means, k x d
 * @param covariances component covariances, k x d x d
 * @param logLikelihood total log-likelihood of the data fitted
 * @param n           number of points fitted
 */
public record GaussianMixture(double[] weights, double[][] means, double[][][] covariances, double logLikelihood, int n) {

    static final double REG = 1e-6;
    private static final int MAX_ITER = 300;

    /** Fits {@code k} components to the rows of {@code x} (n ≥ k points of dimension d). */
    public static GaussianMixture fit(double[][] x, int k, long seed) {
        int n = x.length;
        if (k < 1 || n < k) {
            throw new IllegalArgumentException("Need 1 <= k <= points: k = %d, %d points".formatted(k, n));
        }
        int d = x[0].length;
        double[][] means = seeds(x, k, new Random(seed));
        double[][][] cov = new double[k][][];
        double[][] global = covariance(x, null, mean(x), -1);
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            cov[c] = copy(global);
            w[c] = 1.0 / k;
        }
        double[][] resp = new double[n][k];
        double previous = Double.NEGATIVE_INFINITY;
        double ll = 0;
        for (int iter = 0; iter < MAX_ITER; iter++) {
            ll = expectation(x, w, means, cov, resp);
            if (Math.abs(ll - previous) / n < 1e-6) {
                break;
            }
            previous = ll;
            for (int c = 0; c < k; c++) {
                double nc = 0;
                double[] m = new double[d];
                for (int i = 0; i < n; i++) {
                    nc += resp[i][c];
                    for (int j = 0; j < d; j++) {
                        m[j] += resp[i][c] * x[i][j];
                    }
                }
                nc = Math.max(nc, 1e-10);
                for (int j = 0; j < d; j++) {
                    m[j] /= nc;
                }
                w[c] = nc / n;
                means[c] = m;
                cov[c] = covariance(x, resp, m, c);
            }
        }
        return new GaussianMixture(w, means, cov, ll, n);
    }

    /** Free parameters: k - 1 weights, k d means, k d (d + 1) / 2 covariance entries. */
    public int parameters() {
        int k = weights.length;
        int d = means[0].length;
        return k - 1 + k * d + k * d * (d + 1) / 2;
    }

    /** Bayesian information criterion; lower is better. */
    public double bic() {
        return -2 * logLikelihood + parameters() * Math.log(n);
    }

    /** The most probable component of each row of {@code x}. */
    public int[] predict(double[][] x) {
        double[][] resp = new double[x.length][weights.length];
        expectation(x, weights, means, covariances, resp);
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 1; c < weights.length; c++) {
                labels[i] = resp[i][c] > resp[i][labels[i]] ? c : labels[i];
            }
        }
        return labels;
    }

    /** Fills the responsibilities and returns the total log-likelihood (log-sum-exp per point). */
    private static double expectation(double[][] x, double[] w, double[][] means, double[][][] cov, double[][] resp) {
        int k = w.length;
        double[][][] chol = new double[k][][];
        double[] logNorm = new double[k];
        int d = means[0].length;
        for (int c = 0; c < k; c++) {
            chol[c] = cholesky(cov[c]);
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                logDet += 2 * Math.log(chol[c][j][j]);
            }
            logNorm[c] = Math.log(Math.max(w[c], 1e-300)) - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
        }
        double ll = 0;
        double[] z = new double[d];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                // solve L z = x - mean: the Mahalanobis distance is |z|²
                double q = 0;
                for (int j = 0; j < d; j++) {
                    double s = x[i][j] - means[c][j];
                    for (int m = 0; m < j; m++) {
                        s -= chol[c][j][m] * z[m];
                    }
                    z[j] = s / chol[c][j][j];
                    q += z[j] * z[j];
                }
                resp[i][c] = logNorm[c] - 0.5 * q;
                max = Math.max(max, resp[i][c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(resp[i][c] - max);
            }
            double logSum = max + Math.log(sum);
            ll += logSum;
            for (int c = 0; c < k; c++) {
                resp[i][c] = Math.exp(resp[i][c] - logSum);
            }
        }
        return ll;
    }

    /** k-means++ seeds: the first point at random, each next one with probability ∝ squared distance. */
    private static double[][] seeds(double[][] x, int k, Random rng) {
        double[][] s = new double[k][];
        s[0] = x[rng.nextInt(x.length)].clone();
        double[] dist = new double[x.length];
        java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < x.length; i++) {
                dist[i] = Math.min(dist[i], squared(x[i], s[c - 1]));
                total += dist[i];
            }
            double u = rng.nextDouble() * total;
            int pick = x.length - 1;
            for (int i = 0; i < x.length; i++) {
                u -= dist[i];
                if (u <= 0 && dist[i] > 0) {
                    pick = i;
                    break;
                }
            }
            s[c] = x[pick].clone();
        }
        return s;
    }

    /** Weighted covariance (weights resp[.][c], or all 1 when resp is null) plus REG on the diagonal. */
    private static double[][] covariance(double[][] x, double[][] resp, double[] m, int c) {
        int d = m.length;
        double[][] cov = new double[d][d];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double r = resp == null ? 1 : resp[i][c];
            total += r;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += r * (x[i][a] - m[a]) * (x[i][b] - m[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a][b] /= Math.max(total, 1e-10);
            }
            cov[a][a] += REG;
        }
        return cov;
    }

    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int m = 0; m < j; m++) {
                    s -= l[i][m] * l[j][m];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j][j];
            }
        }
        return l;
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += r[j] / x.length;
            }
        }
        return m;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
