package org.stemloop.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.stemloop.image.Frame;
import org.stemloop.image.Overlay;
import org.stemloop.image.PngWriter;
import org.stemloop.unet.Heatmap;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;

/**
 * The pictures of an ensemble's disagreement, for {@code unet}: {@code uncertainty.png}, the
 * frame with every atom circled in a colour from cyan (the members agree) to red (their
 * probabilities spread by {@value #RED_STD} or more, as a standard deviation), and
 * {@code variance.png}, the per-pixel standard deviation of the members' probabilities (black 0,
 * white 0.5, the most two-valued members can disagree).
 */
final class UncertaintyPictures {

    /** Standard deviation drawn fully red: members split between ~0.3 and ~0.7. */
    static final double RED_STD = 0.2;

    private UncertaintyPictures() {
    }

    static void write(Frame frame, UnetDetector.Result r, Path dir) throws IOException {
        Overlay overlay = Overlay.of(frame, 0.5, 99.5).zoom(frame.width() < 256 ? 2 : 1);
        for (UnetAtom a : r.atoms()) {
            overlay.circle(a.row(), a.col(), Math.max(1.5, Math.sqrt(a.area() / Math.PI)), colour(Math.sqrt(a.variance())));
        }
        overlay.write(dir.resolve("uncertainty.png"));
        Heatmap v = r.variance();
        float[] values = v.values();
        double[] std = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            std[i] = 2 * Math.sqrt(Math.max(0, values[i]));
        }
        PngWriter.write(Frame.of(v.height(), v.width(), std), dir.resolve("variance.png"), PngWriter.BitDepth.EIGHT,
                PngWriter.Scaling.UNIT);
    }

    /** Cyan at 0, red at {@link #RED_STD} and above. */
    static Color colour(double std) {
        double t = Math.min(1, Math.max(0, std / RED_STD));
        return new Color((int) Math.round(60 + t * 195), (int) Math.round(200 - t * 140), (int) Math.round(255 - t * 215));
    }
}
