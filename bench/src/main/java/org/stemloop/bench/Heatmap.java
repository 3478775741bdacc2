package org.stemloop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.stemloop.image.Canvas;

/**
 * A map of rectangles over a frame, each filled with a colour for its value (viridis) and
 * labelled, with a colour bar: the sliding windows' parameter and TP maps (the paper's Figure 3).
 * Drawn with Java2D (headless).
 */
final class Heatmap {

    /** One rectangle in frame pixels, its value and its label lines. */
    record Cell(double top, double left, double bottom, double right, double value, List<String> label) {

        Cell {
            label = List.copyOf(label);
        }
    }

    static final int PLOT = 480;
    private static final int LEFT = 20;
    private static final int TOP = 56;
    private static final int BAR = 22;
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
            new Color(0x5ec962), new Color(0xfde725)};

    private Heatmap() {
    }

    /**
     * The map of {@code cells} over a {@code frameHeight x frameWidth} frame.
     *
     * @param outline a rectangle drawn dashed over the map (one window, to show its size beside its
     *                cell), or null
     */
    static BufferedImage render(String title, String subtitle, int frameHeight, int frameWidth, List<Cell> cells,
            Cell outline) {
        double lo = cells.stream().mapToDouble(Cell::value).min().orElse(0);
        double hi = cells.stream().mapToDouble(Cell::value).max().orElse(1);
        if (hi - lo < 1e-12) { // one colour: give the bar a range around the value
            double pad = Math.max(1e-6, Math.abs(lo) * 0.05);
            lo -= pad;
            hi += pad;
        }
        double scale = (double) PLOT / Math.max(frameHeight, frameWidth);
        int width = LEFT + PLOT + 30 + BAR + 110;
        int height = TOP + PLOT + 24;
        double min = lo;
        double max = hi;
        return Canvas.draw(width, height, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.DARK_GRAY);
            g.drawString(subtitle, LEFT, 44);
            for (Cell c : cells) {
                cell(g, c, scale, (c.value() - min) / (max - min));
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, (int) Math.round(frameWidth * scale), (int) Math.round(frameHeight * scale));
            if (outline != null) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                        0f));
                g.drawRect(x(outline.left(), scale), y(outline.top(), scale),
                        (int) Math.round((outline.right() - outline.left()) * scale),
                        (int) Math.round((outline.bottom() - outline.top()) * scale));
                g.setStroke(new BasicStroke(1f));
            }
            colourBar(g, min, max);
        });
    }

    private static void cell(Graphics2D g, Cell c, double scale, double f) {
        int x0 = x(c.left(), scale);
        int y0 = y(c.top(), scale);
        int x1 = x(c.right(), scale);
        int y1 = y(c.bottom(), scale);
        Color colour = colour(f);
        g.setColor(colour);
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
        g.setColor(Color.WHITE);
        g.drawRect(x0, y0, x1 - x0, y1 - y0);
        // dark text on the light end of the map, light text on the dark end
        g.setColor(f > 0.55 ? Color.BLACK : Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, c.label().size() > 1 ? 10 : 11));
        FontMetrics fm = g.getFontMetrics();
        int lines = c.label().size();
        int base = (y0 + y1) / 2 - (lines - 1) * fm.getHeight() / 2 + fm.getAscent() / 2;
        for (int i = 0; i < lines; i++) {
            String s = c.label().get(i);
            g.drawString(s, (x0 + x1) / 2 - fm.stringWidth(s) / 2, base + i * fm.getHeight());
        }
    }

    private static void colourBar(Graphics2D g, double lo, double hi) {
        int x = LEFT + PLOT + 30;
        for (int y = 0; y < PLOT; y++) {
            g.setColor(colour(1 - (double) y / (PLOT - 1)));
            g.drawLine(x, TOP + y, x + BAR, TOP + y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, TOP, BAR, PLOT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 4; k++) {
            double v = lo + (hi - lo) * k / 4;
            int y = TOP + PLOT - (int) Math.round(PLOT * k / 4.0);
            g.drawLine(x + BAR, y, x + BAR + 4, y);
            g.drawString(format(v), x + BAR + 7, y + 4);
        }
    }

    /** A value with about four significant digits, for labels. */
    static String format(double v) {
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, f, v);
    }

    /** Viridis at {@code f} in [0, 1], interpolated between five anchors. */
    static Color colour(double f) {
        double t = Math.max(0, Math.min(1, Double.isNaN(f) ? 0 : f)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) t);
        double u = t - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color((int) Math.round(a.getRed() + u * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + u * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + u * (b.getBlue() - a.getBlue())));
    }

    private static int x(double col, double scale) {
        return LEFT + (int) Math.round(col * scale);
    }

    private static int y(double row, double scale) {
        return TOP + (int) Math.round(row * scale);
    }
}
