package org.stemloop.detect;

import java.util.Locale;
import org.stemloop.image.Frame;

/**
 * Whether atoms are bright on a dark background (HAADF, ADF) or dark on a bright one (annular
 * bright field, ABF), and how to tell from the image.
 *
 * <p>{@link #detect(Frame)} measures the skewness of the frame's band-passed pixels (a 3 x 3 mean
 * minus a mean over a few atoms, {@value #BACKGROUND_SIDE} px): sharp bright columns on a broad
 * dark background skew the values positive, sharp dark columns negative. On the real images of
 * {@code ../shared/data/real} the HAADF and ADF frames give +0.24 to +2.3 and the ABF frames
 * -0.65 to -0.97 (docs/benchmarks.md); the realistic simulator's ABF SrTiO3 -0.5 (5 e/px) to -2.1.
 * A frame is called dark only below {@value #DARK_BELOW}: a honeycomb seen with a wide probe has two
 * atoms to every dark hexagon centre, which pulls a bright graphene frame's skewness to about zero
 * (the realistic graphene preset, seed 2024: +0.014 at 50 e/px, -0.024 at 100, -0.043 at 1000, where
 * the sign alone inverted it and LoG* found the hexagon centres). Between, the frame is taken as
 * bright: HAADF is the usual mode of automated STEM, and {@code --contrast dark} overrides.
 */
public enum Contrast {
    BRIGHT, DARK;

    /** The skewness below which a frame is called dark: clear evidence, not the sign of a number near zero. */
    public static final double DARK_BELOW = -0.25;

    /** Side of the background mean, pixels. */
    static final int BACKGROUND_SIDE = 41;

    /** The contrast of a command-line word, {@code bright} or {@code dark}. */
    public static Contrast parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("contrast must be bright, dark or auto: " + word);
        }
    }

    /** The contrast the image shows: {@link #DARK} when its band-passed skewness is below {@value #DARK_BELOW}. */
    public static Contrast detect(Frame frame) {
        return skewness(frame) < DARK_BELOW ? DARK : BRIGHT;
    }

    /** Skewness of the band-passed pixels (see the class notes); 0 for a flat frame. */
    public static double skewness(Frame frame) {
        int h = frame.height(), w = frame.width();
        double[] px = frame.pixels();
        double[] fine = boxMean(px, h, w, 1);
        double[] coarse = boxMean(px, h, w, Math.min(BACKGROUND_SIDE, Math.min(h, w)) / 2);
        double mean = 0;
        for (int i = 0; i < px.length; i++) {
            fine[i] -= coarse[i];
            mean += fine[i];
        }
        mean /= px.length;
        double m2 = 0, m3 = 0;
        for (double v : fine) {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= px.length;
        m3 /= px.length;
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    /** Mean over the (2 reach + 1)² square around each pixel, clipped at the frame edges (summed-area table). */
    private static double[] boxMean(double[] px, int h, int w, int reach) {
        double[] table = new double[(h + 1) * (w + 1)];
        for (int r = 0; r < h; r++) {
            double row = 0;
            for (int c = 0; c < w; c++) {
                row += px[r * w + c];
                table[(r + 1) * (w + 1) + c + 1] = table[r * (w + 1) + c + 1] + row;
            }
        }
        double[] out = new double[h * w];
        for (int r = 0; r < h; r++) {
            int r0 = Math.max(0, r - reach), r1 = Math.min(h, r + reach + 1);
            for (int c = 0; c < w; c++) {
                int c0 = Math.max(0, c - reach), c1 = Math.min(w, c + reach + 1);
                double sum = table[r1 * (w + 1) + c1] - table[r0 * (w + 1) + c1] - table[r1 * (w + 1) + c0]
                        + table[r0 * (w + 1) + c0];
                out[r * w + c] = sum / ((r1 - r0) * (c1 - c0));
            }
        }
        return out;
    }

    /** The frame with atoms bright: unchanged for {@link #BRIGHT}, reversed (max + min - value) for {@link #DARK}. */
    public Frame brightAtoms(Frame frame) {
        if (this == BRIGHT) {
            return frame;
        }
        double[] range = frame.range();
        double[] px = frame.pixels();
        for (int i = 0; i < px.length; i++) {
            px[i] = range[0] + range[1] - px[i];
        }
        Frame f = Frame.of(frame.height(), frame.width(), px, frame.precision());
        return frame.pixelSizeAngstrom().isPresent() ? f.withPixelSize(frame.pixelSizeAngstrom().getAsDouble()) : f;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
