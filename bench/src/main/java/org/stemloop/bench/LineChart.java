package org.stemloop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stemloop.image.Canvas;

/**
 * Small line charts drawn with Java2D (headless): a row of panels sharing the x axis (linear or
 * logarithmic), each with its own y range (from 0 unless told a floor), one line with markers per
 * series, optional horizontal goal lines, and one legend for the figure.
 */
public final class LineChart {

    /** One line: a name for the legend, its colour, and its points. */
    public record Series(String name, Color color, boolean dashed, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series %s: %d x values, %d y values".formatted(name, x.length, y.length));
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /** One panel: a title, the y axis label, its lines, the bottom of its y axis, and goal lines. */
    public record Panel(String title, String yLabel, List<Series> series, double yFloor, List<Goal> goals) {
        public Panel {
            series = List.copyOf(series);
            goals = List.copyOf(goals);
        }

        /** A panel whose y axis starts at 0, without goal lines. */
        public Panel(String title, String yLabel, List<Series> series) {
            this(title, yLabel, series, 0, List.of());
        }
    }

    /** A horizontal goal line at {@code y} from {@code fromX} to the right edge, labelled. */
    public record Goal(double y, double fromX, String label) {
    }

    private static final int PANEL_WIDTH = 330;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 58;
    private static final int RIGHT = 14;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;
    private static final int HEADER = 40;
    private static final int LEGEND = 30;

    private LineChart() {
    }

    /** Writes {@code panels} side by side under {@code title} as a PNG. */
    public static void write(String title, String xLabel, List<Panel> panels, Path file) throws IOException {
        write(title, xLabel, panels, false, file);
    }

    /** As {@link #write(String, String, List, Path)}; with {@code logX} the x axis is logarithmic (x > 0). */
    public static void write(String title, String xLabel, List<Panel> panels, boolean logX, Path file) throws IOException {
        Canvas.writePng(render(title, xLabel, panels, logX), file);
    }

    static BufferedImage render(String title, String xLabel, List<Panel> panels) {
        return render(title, xLabel, panels, false);
    }

    static BufferedImage render(String title, String xLabel, List<Panel> panels, boolean logX) {
        int width = Math.max(1, panels.size()) * PANEL_WIDTH;
        return Canvas.draw(width, HEADER + PANEL_HEIGHT + LEGEND, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 12, 26);
            for (int i = 0; i < panels.size(); i++) {
                panel(g, panels.get(i), xLabel, i * PANEL_WIDTH, HEADER, logX);
            }
            if (!panels.isEmpty()) {
                legend(g, panels.get(0).series(), HEADER + PANEL_HEIGHT + 18);
            }
        });
    }

    private static void panel(Graphics2D g, Panel p, String xLabel, int x0, int y0, boolean logX) {
        if (logX) {
            for (Series s : p.series()) {
                for (double x : s.x()) {
                    if (!(x > 0)) {
                        throw new IllegalArgumentException("series %s: a logarithmic x axis needs x > 0: %s".formatted(s.name(), x));
                    }
                }
            }
        }
        java.util.function.DoubleUnaryOperator fx = logX ? Math::log10 : v -> v;
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yHi = 0;
        for (Series s : p.series()) {
            for (int i = 0; i < s.x().length; i++) {
                xLo = Math.min(xLo, fx.applyAsDouble(s.x()[i]));
                xHi = Math.max(xHi, fx.applyAsDouble(s.x()[i]));
                if (Double.isFinite(s.y()[i])) {
                    yHi = Math.max(yHi, s.y()[i]);
                }
            }
        }
        if (!(xHi > xLo)) {
            xLo = 0;
            xHi = 1;
        }
        yHi = niceCeiling(yHi);
        double yLo = p.yFloor() < yHi ? p.yFloor() : 0;
        int left = x0 + LEFT;
        int right = x0 + PANEL_WIDTH - RIGHT;
        int top = y0 + TOP;
        int bottom = y0 + PANEL_HEIGHT - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(p.title(), left, y0 + 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int k = 0; k <= 4; k++) {
            double v = yLo + (yHi - yLo) * k / 4;
            int y = bottom - (int) Math.round((bottom - top) * (double) k / 4);
            g.setColor(new Color(0xe4e4e4));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String text = yHi >= 10 ? "%.0f".formatted(v) : String.format(Locale.ROOT, "%.2f", v);
            g.drawString(text, left - 6 - g.getFontMetrics().stringWidth(text), y + 4);
        }
        for (double v : logX ? logTicks(xLo, xHi) : linearTicks(xLo, xHi)) {
            int x = left + (int) Math.round((right - left) * (fx.applyAsDouble(v) - xLo) / (xHi - xLo));
            boolean whole = logX ? v == Math.rint(v) : niceCeiling((xHi - xLo) / 6) >= 1;
            String text = whole ? "%.0f".formatted(v) : String.format(Locale.ROOT, "%.1f", v);
            g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, bottom + 16);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString(xLabel, (left + right - g.getFontMetrics().stringWidth(xLabel)) / 2, bottom + 32);
        g.drawString(p.yLabel(), left, top - 4);
        for (Goal goal : p.goals()) {
            if (goal.y() < yLo || goal.y() > yHi) {
                continue;
            }
            double from = Math.max(xLo, fx.applyAsDouble(goal.fromX()));
            int xa = left + (int) Math.round((right - left) * (from - xLo) / (xHi - xLo));
            int y = bottom - (int) Math.round((bottom - top) * (goal.y() - yLo) / (yHi - yLo));
            g.setColor(new Color(0x6b7280));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {3, 3}, 0));
            g.drawLine(xa, y, right, y);
            g.setStroke(new BasicStroke(1));
            g.drawString(goal.label(), Math.min(xa + 3, right - 4 - g.getFontMetrics().stringWidth(goal.label())), y + 14);
        }
        for (Series s : p.series()) {
            g.setColor(s.color());
            g.setStroke(stroke(s.dashed()));
            int px = -1;
            int py = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) {
                    px = -1;
                    continue;
                }
                int x = left + (int) Math.round((right - left) * (fx.applyAsDouble(s.x()[i]) - xLo) / (xHi - xLo));
                // values below the floor sit on the bottom edge rather than off the panel
                int y = bottom - (int) Math.round((bottom - top) * Math.max(0, s.y()[i] - yLo) / (yHi - yLo));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 3, y - 3, 7, 7);
                px = x;
                py = y;
            }
            g.setStroke(new BasicStroke(1));
        }
    }

    private static void legend(Graphics2D g, List<Series> series, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(stroke(s.dashed()));
            g.drawLine(x, y - 4, x + 28, y - 4);
            g.setStroke(new BasicStroke(1));
            g.setColor(Color.BLACK);
            g.drawString(s.name(), x + 34, y);
            x += 60 + g.getFontMetrics().stringWidth(s.name());
        }
    }

    private static Stroke stroke(boolean dashed) {
        return dashed ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {7, 5}, 0)
                : new BasicStroke(2);
    }

    private static List<Double> linearTicks(double lo, double hi) {
        double step = niceCeiling((hi - lo) / 6);
        List<Double> ticks = new java.util.ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(v);
        }
        return ticks;
    }

    /**
     * 1, 2 and 5 times the powers of ten between {@code 10^lo} and {@code 10^hi}; over more than two
     * decades only the powers of ten, whose labels would otherwise run into each other.
     */
    static List<Double> logTicks(double lo, double hi) {
        List<Double> ticks = new java.util.ArrayList<>();
        double[] mantissas = hi - lo > 2 ? new double[] {1} : new double[] {1, 2, 5};
        for (int e = (int) Math.floor(lo); e <= (int) Math.ceil(hi); e++) {
            for (double m : mantissas) {
                double l = e + Math.log10(m);
                if (l >= lo - 1e-9 && l <= hi + 1e-9) {
                    ticks.add(m * Math.pow(10, e));
                }
            }
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (1 for 0). */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
