package org.stemloop.trainer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The training loss against the epoch as a PNG, one line per ensemble member, log-scaled loss
 * axis (binary cross-entropy falls by orders of magnitude early and creeps later).
 */
final class LossCurve {

    private static final int W = 640;
    private static final int H = 400;
    private static final int M = 60;
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189)};

    private LossCurve() {
    }

    /** Writes the curves; each list is one member's mean loss per epoch. */
    static void write(List<List<Float>> curves, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int epochs = 1;
        for (List<Float> c : curves) {
            epochs = Math.max(epochs, c.size());
            for (float v : c) {
                lo = Math.min(lo, Math.log10(v));
                hi = Math.max(hi, Math.log10(v));
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(M, M / 2, W - M - 20, H - M - M / 2);
        g.drawString(title, M, 20);
        g.drawString("epoch", W / 2, H - 15);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, hi)), 5, M / 2 + 10);
        g.drawString(String.format(Locale.ROOT, "%.3g", Math.pow(10, lo)), 5, H - M);
        g.drawString("1", M, H - M + 15);
        g.drawString(Integer.toString(epochs), W - 30, H - M + 15);
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k < curves.size(); k++) {
            List<Float> c = curves.get(k);
            g.setColor(COLORS[k % COLORS.length]);
            for (int i = 0; i < c.size(); i++) {
                int x = x(i, epochs);
                int y = y(Math.log10(c.get(i)), lo, hi);
                g.fillOval(x - 3, y - 3, 6, 6);
                if (i > 0) {
                    g.drawLine(x(i - 1, epochs), y(Math.log10(c.get(i - 1)), lo, hi), x, y);
                }
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static int x(int epoch, int epochs) {
        return M + (epochs == 1 ? 0 : epoch * (W - M - 20) / (epochs - 1));
    }

    private static int y(double logValue, double lo, double hi) {
        return H - M - (int) ((logValue - lo) / (hi - lo) * (H - M - M / 2));
    }
}
