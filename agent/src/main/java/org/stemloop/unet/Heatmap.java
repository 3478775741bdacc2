package org.stemloop.unet;

/**
 * A per-pixel map the size of the frame: a U-Net's atom probability, or an ensemble's mean or
 * variance of it.
 *
 * @param height rows
 * @param width  columns
 * @param values row-major, {@code height x width}; copied in and out
 */
public record Heatmap(int height, int width, float[] values) {

    public Heatmap {
        if (height <= 0 || width <= 0 || values.length != height * width) {
            throw new IllegalArgumentException("Heatmap of %d x %d needs %d values, got %d".formatted(height, width,
                    height * width, values.length));
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** The value at ({@code row}, {@code col}). */
    public float get(int row, int col) {
        return values[row * width + col];
    }

    /** The largest value. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
