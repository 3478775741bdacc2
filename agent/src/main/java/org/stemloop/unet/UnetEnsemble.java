package org.stemloop.unet;

import java.util.List;
import org.stemloop.image.Frame;

/**
 * Several U-Nets on the same frame, AtomAI's ensemble: the per-pixel mean of their
 * probabilities (what atoms are found in) and the per-pixel variance (where the models
 * disagree: low-confidence atoms, defects, regions unlike the training data).
 *
 * <p>Models run one after another, each using every core; the ensemble owns and closes them.
 */
public final class UnetEnsemble implements AutoCloseable {

    private final List<OnnxSegmenter> members;

    /** An ensemble of at least one model; it takes ownership of them. */
    public UnetEnsemble(List<OnnxSegmenter> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("An ensemble needs at least one model");
        }
        this.members = List.copyOf(members);
    }

    /** The models, in the order given. */
    public List<OnnxSegmenter> members() {
        return members;
    }

    /** Mean and variance of the members' heatmaps, frames min-max normalised. */
    public Prediction predict(Frame frame) {
        return predict(frame, UnetInput.Normalisation.MIN_MAX);
    }

    /** Mean and variance of the members' heatmaps, frames normalised as the members were trained. */
    public Prediction predict(Frame frame, UnetInput.Normalisation normalisation) {
        int n = frame.size();
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        for (OnnxSegmenter m : members) {
            float[] p = m.heatmap(frame, normalisation).values();
            for (int i = 0; i < n; i++) {
                sum[i] += p[i];
                sumSq[i] += (double) p[i] * p[i];
            }
        }
        int k = members.size();
        float[] mean = new float[n];
        float[] variance = new float[n];
        for (int i = 0; i < n; i++) {
            double m = sum[i] / k;
            mean[i] = (float) m;
            variance[i] = (float) Math.max(0, sumSq[i] / k - m * m);
        }
        return new Prediction(new Heatmap(frame.height(), frame.width(), mean),
                new Heatmap(frame.height(), frame.width(), variance));
    }

    /**
     * The ensemble's output for one frame.
     *
     * @param mean     per-pixel mean probability
     * @param variance per-pixel population variance (0 everywhere for one model)
     */
    public record Prediction(Heatmap mean, Heatmap variance) {
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (OnnxSegmenter m : members) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
