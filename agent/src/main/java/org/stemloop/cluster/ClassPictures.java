package org.stemloop.cluster;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The pictures of a classification, drawn with Java2D: the PCA scatter coloured by class (the
 * paper's Figure 5) and a strip of per-class images (centroids or dispersions), each magnified
 * and scaled to its own min-max so its structure shows.
 */
public final class ClassPictures {

    /** Class colours, class 0 first (colour-blind-safe Okabe-Ito order). */
    static final Color[] COLOURS = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
            new Color(204, 121, 167), new Color(86, 180, 233), new Color(213, 94, 0), new Color(240, 228, 66),
            new Color(0, 0, 0), new Color(120, 120, 120), new Color(150, 75, 0)};

    private static final int W = 640;
    private static final int H = 520;
    private static final int MARGIN = 60;

    private ClassPictures() {
    }

    /** The atoms' first two PCA scores, one dot per atom in its class colour, with a legend. */
    public static BufferedImage scatter(AtomClasses c, String title) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double[][] s = c.scores();
        int dy = s.length > 0 && s[0].length > 1 ? 1 : 0;
        double[] xr = range(s, 0);
        double[] yr = range(s, dy);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(MARGIN, MARGIN - 20, W - 2 * MARGIN + 20, H - 2 * MARGIN);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title, MARGIN, 24);
        g.drawString("PC1 (%.0f%% of variance)".formatted(100 * c.explained()[0]), W / 2 - 70, H - 16);
        g.rotate(-Math.PI / 2);
        g.drawString(dy == 1 ? "PC2 (%.0f%% of variance)".formatted(100 * c.explained()[1]) : "PC1", -H / 2 - 70, 30);
        g.rotate(Math.PI / 2);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < s.length; i++) {
            double x = MARGIN + 10 + (s[i][0] - xr[0]) / (xr[1] - xr[0]) * (W - 2 * MARGIN);
            double y = H - MARGIN - 30 - (s[i][dy] - yr[0]) / (yr[1] - yr[0]) * (H - 2 * MARGIN - 20);
            Color col = COLOURS[c.labels()[i] % COLOURS.length];
            g.setColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), 150));
            g.fill(new Ellipse2D.Double(x - 2.5, y - 2.5, 5, 5));
        }
        int[] counts = c.counts();
        for (int k = 0; k < c.classes(); k++) {
            g.setColor(COLOURS[k % COLOURS.length]);
            g.fillRect(W - MARGIN - 110, MARGIN + k * 20, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("class %d: %d".formatted(k, counts[k]), W - MARGIN - 92, MARGIN + 11 + k * 20);
        }
        g.dispose();
        return img;
    }

    /** One magnified image per class side by side, each scaled to its own range, labelled with its class. */
    public static BufferedImage strip(double[][] images, int side, String title) {
        int zoom = Math.max(4, 96 / side);
        int cell = side * zoom;
        BufferedImage img = new BufferedImage(images.length * (cell + 10) + 10, cell + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, 10, 16);
        for (int k = 0; k < images.length; k++) {
            double lo = java.util.Arrays.stream(images[k]).min().orElse(0);
            double hi = java.util.Arrays.stream(images[k]).max().orElse(1);
            for (int j = 0; j < side * side; j++) {
                int v = hi > lo ? (int) Math.round(255 * (images[k][j] - lo) / (hi - lo)) : 0;
                g.setColor(new Color(v, v, v));
                g.fillRect(10 + k * (cell + 10) + (j % side) * zoom, 24 + (j / side) * zoom, zoom, zoom);
            }
            g.setColor(COLOURS[k % COLOURS.length]);
            g.fillRect(10 + k * (cell + 10), 26 + cell, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString("class " + k, 26 + k * (cell + 10), 37 + cell);
        }
        g.dispose();
        return img;
    }

    /** Writes the scatter, centroid and dispersion pictures as {@code prefix}_scatter.png, _centroids.png, _dispersions.png. */
    public static void writeAll(AtomClasses c, Path dir, String prefix, String title) throws IOException {
        ImageIO.write(scatter(c, title), "png", dir.resolve(prefix + "_scatter.png").toFile());
        ImageIO.write(strip(c.centroids(), c.patchSide(), "centroid (mean patch) per class"), "png",
                dir.resolve(prefix + "_centroids.png").toFile());
        ImageIO.write(strip(c.dispersions(), c.patchSide(), "dispersion (std per pixel) per class"), "png",
                dir.resolve(prefix + "_dispersions.png").toFile());
    }

    private static double[] range(double[][] s, int dim) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : s) {
            lo = Math.min(lo, r[dim]);
            hi = Math.max(hi, r[dim]);
        }
        if (!(hi > lo)) {
            return new double[] {lo - 1, lo + 1};
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }
}
