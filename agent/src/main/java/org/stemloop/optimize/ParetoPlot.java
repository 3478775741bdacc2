package org.stemloop.optimize;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A picture of a two-reward Pareto front: the first reward across, the second up, every option a
 * dot, the recommended one a larger red dot. Axes start at 0 (the ideal) so the distance that
 * picks the recommendation reads straight off the plot. Drawn with Java2D, 640 x 480 px.
 */
public final class ParetoPlot {

    private static final int W = 640;
    private static final int H = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private ParetoPlot() {
    }

    /** The plot as an image. */
    public static BufferedImage draw(ParetoFront front, String title) {
        if (front.rewardNames().size() != 2) {
            throw new IllegalArgumentException("The Pareto plot needs two rewards, not " + front.rewardNames());
        }
        List<Candidate> options = front.options();
        double xMax = niceMax(options.stream().mapToDouble(c -> c.reward(0)).max().orElse(1));
        double yMax = niceMax(options.stream().mapToDouble(c -> c.reward(1)).max().orElse(1));
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int pw = W - LEFT - RIGHT;
            int ph = H - TOP - BOTTOM;
            g.drawRect(LEFT, TOP, pw, ph);
            for (int i = 0; i <= 4; i++) {
                int x = LEFT + pw * i / 4;
                int y = TOP + ph - ph * i / 4;
                g.drawLine(x, TOP + ph, x, TOP + ph + 5);
                g.drawLine(LEFT - 5, y, LEFT, y);
                g.drawString(format(xMax * i / 4), x - 15, TOP + ph + 20);
                g.drawString(format(yMax * i / 4), LEFT - 55, y + 4);
            }
            String xLabel = label(front.rewardNames().get(0));
            String yLabel = label(front.rewardNames().get(1));
            g.drawString(xLabel, LEFT + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, H - 15);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + ph / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 18);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 15);
            g.setStroke(new BasicStroke(1.5f));
            for (int i = 0; i < options.size(); i++) {
                Candidate c = options.get(i);
                boolean rec = i == front.recommendedIndex();
                double x = LEFT + pw * c.reward(0) / xMax;
                double y = TOP + ph - ph * c.reward(1) / yMax;
                double r = rec ? 8 : 4.5;
                g.setColor(rec ? new Color(220, 30, 30) : new Color(40, 90, 200));
                g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
            }
            g.setColor(new Color(220, 30, 30));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("● recommended (nearest to 0, 0)", LEFT + pw - 240, TOP + 18);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the plot as PNG. */
    public static void write(ParetoFront front, String title, Path file) throws IOException {
        if (!ImageIO.write(draw(front, title), "png", file.toFile())) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
    }

    private static String label(String reward) {
        return switch (reward) {
            case "qc" -> "QC = |N found - N expected| / N expected";
            case "er" -> "ER = crowded atoms / N expected";
            default -> reward;
        };
    }

    /** 1, 2 or 5 times a power of ten, at least the largest value (and above 0). */
    private static double niceMax(double v) {
        if (!(v > 0)) {
            return 0.01;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String format(double v) {
        return v == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
