package org.stemloop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stemloop.image.Canvas;

/**
 * The benchmark's bar chart, drawn with Java2D (headless): one group of bars per frame size, a
 * Java and a scikit-image bar per parameter set, median milliseconds on a logarithmic axis, each
 * bar labelled with its value and each pair with its speed-up.
 */
public final class BarChart {

    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int TOP = 80;
    private static final int BOTTOM = 60;
    private static final Color[] JAVA = {new Color(0x1f4e9c), new Color(0x5b8fd9)};
    private static final Color[] SKIMAGE = {new Color(0xc0501c), new Color(0xf0a060)};

    private BarChart() {
    }

    /** Writes the chart of {@code bench} as a PNG. */
    public static void write(BlobsBench bench, Path file) throws IOException {
        Canvas.writePng(render(bench), file);
    }

    /** The chart as an RGB image of {@value #WIDTH} x {@value #HEIGHT} pixels. */
    static BufferedImage render(BlobsBench bench) {
        return Canvas.draw(WIDTH, HEIGHT, g -> draw(g, bench));
    }

    private static void draw(Graphics2D g, BlobsBench bench) {
        Map<Integer, List<SpeedResult>> groups = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (SpeedResult r : bench.speed()) {
            groups.computeIfAbsent(r.speedCase().size(), k -> new ArrayList<>()).add(r);
            if (!labels.contains(r.speedCase().label())) {
                labels.add(r.speedCase().label());
            }
            lo = Math.min(lo, r.java().medianMs());
            hi = Math.max(hi, r.skimage() == null ? r.java().medianMs() : r.skimage().medianMs());
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString("LoG blob detection, median ms per frame: stemloop (Java, %d threads) vs scikit-image %s"
                .formatted(bench.machine().cores(), bench.hasSkimage() ? bench.skimageVersion() : "(not available)"), 20, 28);
        if (groups.isEmpty()) {
            return;
        }
        double logLo = Math.floor(Math.log10(Math.max(1e-3, lo * 0.8)));
        double logHi = Math.log10(hi * 2);
        Axis axis = new Axis(logLo, logHi, TOP, HEIGHT - BOTTOM);
        drawAxis(g, axis);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int groupWidth = plotWidth / groups.size();
        int bars = labels.size() * (bench.hasSkimage() ? 2 : 1);
        int barWidth = Math.min(60, (int) (groupWidth * 0.8 / bars));
        int gi = 0;
        for (Map.Entry<Integer, List<SpeedResult>> e : groups.entrySet()) {
            int x = LEFT + gi * groupWidth + (groupWidth - bars * barWidth) / 2;
            for (SpeedResult r : e.getValue()) {
                int k = labels.indexOf(r.speedCase().label()) % JAVA.length;
                int pairX = x;
                x = bar(g, axis, x, barWidth, r.java().medianMs(), JAVA[k]);
                if (r.skimage() != null) {
                    x = bar(g, axis, x, barWidth, r.skimage().medianMs(), SKIMAGE[k]);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                    g.setColor(Color.BLACK);
                    String up = String.format(Locale.ROOT, "%.1fx", r.speedUp().orElseThrow());
                    int top = axis.y(r.skimage().medianMs()) - 22;
                    centre(g, up, pairX + barWidth, top);
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.setColor(Color.BLACK);
            centre(g, e.getKey() + " x " + e.getKey() + " px", LEFT + gi * groupWidth + groupWidth / 2, HEIGHT - BOTTOM + 22);
            gi++;
        }
        legend(g, labels, bench.hasSkimage());
    }

    private static int bar(Graphics2D g, Axis axis, int x, int width, double ms, Color color) {
        int y = axis.y(ms);
        g.setColor(color);
        g.fillRect(x + 2, y, width - 4, axis.bottom() - y);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        centre(g, ms >= 100 ? "%.0f".formatted(ms) : String.format(Locale.ROOT, "%.1f", ms), x + width / 2, y - 4);
        return x + width;
    }

    private static void drawAxis(Graphics2D g, Axis axis) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int p = (int) axis.logLo(); p <= (int) axis.logHi(); p++) {
            for (int m = 1; m < 10; m++) {
                double v = m * Math.pow(10, p);
                if (Math.log10(v) > axis.logHi() + 1e-9) {
                    break;
                }
                int y = axis.y(v);
                g.setColor(m == 1 ? new Color(0xbbbbbb) : new Color(0xeeeeee));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                if (m == 1) {
                    g.setColor(Color.BLACK);
                    String text = v >= 1 ? "%.0f ms".formatted(v) : String.format(Locale.ROOT, "%s ms", v);
                    g.drawString(text, LEFT - 8 - g.getFontMetrics().stringWidth(text), y + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(LEFT, axis.top(), LEFT, axis.bottom());
        g.drawLine(LEFT, axis.bottom(), WIDTH - RIGHT, axis.bottom());
    }

    private static void legend(Graphics2D g, List<String> labels, boolean skimage) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT + 10;
        int y = 48;
        for (int k = 0; k < labels.size(); k++) {
            x = legendEntry(g, x, y, JAVA[k % JAVA.length], "Java, " + labels.get(k));
            if (skimage) {
                x = legendEntry(g, x, y, SKIMAGE[k % SKIMAGE.length], "scikit-image, " + labels.get(k));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(skimage ? "log scale; above each pair: speed-up" : "log scale", LEFT + 10, 74);
    }

    private static int legendEntry(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 19, y + 12);
        return x + 19 + g.getFontMetrics().stringWidth(text) + 18;
    }

    private static void centre(Graphics2D g, String text, int x, int baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, x - fm.stringWidth(text) / 2, baseline);
    }

    /** Logarithmic value axis between 10^logLo and 10^logHi, mapped to pixel rows bottom..top. */
    private record Axis(double logLo, double logHi, int top, int bottom) {
        int y(double v) {
            double f = (Math.log10(Math.max(v, 1e-9)) - logLo) / (logHi - logLo);
            return (int) Math.round(bottom - Math.max(0, Math.min(1, f)) * (bottom - top));
        }
    }
}
