package org.stemloop.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A frame shown in gray with marks drawn on top, written as an RGB PNG: how detections (circles of
 * radius {@code sqrt(2) * sigma}), ground truth (crosses) and mistakes are shown to people.
 *
 * {@snippet :
 * Overlay.of(frame).zoom(2)
 *         .circle(blob.row(), blob.col(), Math.sqrt(2) * blob.sigma(), Color.RED)
 *         .cross(12, 40, 3, Color.GREEN)
 *         .write(out.resolve("overlay.png"));
 * }
 *
 * <p>Coordinates are in frame pixels, (row, col) = (0, 0) the centre of the top-left pixel; marks are
 * anti-aliased and drawn at {@link #write} time, so {@link #zoom} may come last. A builder, not
 * thread-safe. Uses java.awt off-screen images only, which work headless.
 */
public final class Overlay {

    private final Frame frame;
    private final DisplayScaling scaling;
    private final List<Mark> marks = new ArrayList<>();
    private final List<int[]> shaded = new ArrayList<>();
    private Color shade = new Color(0, 120, 255, 90);
    private int zoom = 1;

    private Overlay(Frame frame, DisplayScaling scaling) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.scaling = scaling;
    }

    /** The frame min-max scaled to gray. */
    public static Overlay of(Frame frame) {
        return new Overlay(frame, DisplayScaling.minMax(frame));
    }

    /**
     * The frame in gray with the {@code lowPercent} and {@code highPercent} percentiles (0-100) as
     * black and white; e.g. 0.5 and 99.5 keep a few hot pixels from washing out the contrast.
     */
    public static Overlay of(Frame frame, double lowPercent, double highPercent) {
        return new Overlay(frame, DisplayScaling.percentiles(frame, lowPercent, highPercent));
    }

    /** Enlarges the picture by an integer factor (1-16, nearest neighbour) so small marks stay visible. */
    public Overlay zoom(int factor) {
        if (factor < 1 || factor > 16) {
            throw new IllegalArgumentException("Zoom must be 1-16: " + factor);
        }
        zoom = factor;
        return this;
    }

    /** A circle of {@code radius} pixels (positive) around ({@code row}, {@code col}). */
    public Overlay circle(double row, double col, double radius, Color color) {
        if (!(radius > 0 && Double.isFinite(radius))) {
            throw new IllegalArgumentException("Circle radius must be positive and finite: " + radius);
        }
        marks.add(new Mark(row, col, radius, false, color));
        return this;
    }

    /**
     * Tints the rectangle of {@code height x width} pixels from ({@code top}, {@code left}) with a
     * translucent {@code color} (alpha below 255), under the circles and crosses: a crystal mask's
     * masked cells, say.
     */
    public Overlay shade(int top, int left, int height, int width, Color color) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Shaded rectangle must not be empty: %d x %d".formatted(height, width));
        }
        shade = Objects.requireNonNull(color, "color");
        shaded.add(new int[] {top, left, height, width});
        return this;
    }

    /** A plus sign with arms of {@code size} pixels (positive) at ({@code row}, {@code col}). */
    public Overlay cross(double row, double col, double size, Color color) {
        if (!(size > 0 && Double.isFinite(size))) {
            throw new IllegalArgumentException("Cross size must be positive and finite: " + size);
        }
        marks.add(new Mark(row, col, size, true, color));
        return this;
    }

    /** The picture as it would be written (a new image each call). */
    public BufferedImage image() {
        int w = frame.width() * zoom;
        int h = frame.height() * zoom;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double[] pixels = frame.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g = (int) Math.round(scaling.unit(pixels[(y / zoom) * frame.width() + x / zoom]) * 255);
                image.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(shade);
            for (int[] r : shaded) {
                g.fillRect(r[1] * zoom, r[0] * zoom, r[3] * zoom, r[2] * zoom);
            }
            g.setStroke(new BasicStroke(Math.max(1f, zoom / 2f)));
            for (Mark m : marks) {
                m.draw(g, zoom);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the picture as an RGB PNG, replacing {@code file} if present. */
    public void write(Path file) throws IOException {
        if (!ImageIO.write(image(), "png", file.toFile())) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
    }

    private record Mark(double row, double col, double size, boolean cross, Color color) {
        Mark {
            Objects.requireNonNull(color, "color");
            if (!Double.isFinite(row) || !Double.isFinite(col)) {
                throw new IllegalArgumentException("Mark position must be finite: (%s, %s)".formatted(row, col));
            }
        }

        void draw(Graphics2D g, int zoom) {
            // Pixel (r, c) covers [c, c + 1) x [r, r + 1) on screen: its centre is at + 0.5.
            double x = (col + 0.5) * zoom;
            double y = (row + 0.5) * zoom;
            double s = size * zoom;
            g.setColor(color);
            if (cross) {
                g.draw(new Line2D.Double(x - s, y, x + s, y));
                g.draw(new Line2D.Double(x, y - s, x, y + s));
            } else {
                g.draw(new Ellipse2D.Double(x - s, y - s, 2 * s, 2 * s));
            }
        }
    }
}
