package org.stemloop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The latency benchmark's figure (Java2D, headless): a histogram of publish-to-detections times
 * with the p50 and p99 marked and the goal (p50 ≤ 100 ms, p99 ≤ 300 ms) drawn as dashed lines.
 */
public final class LatencyHistogram {

    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 24;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final int BINS = 40;

    private LatencyHistogram() {
    }

    /** Writes the histogram of {@code latenciesMs} as a PNG; {@code title} goes on top. */
    public static void write(double[] latenciesMs, LatencyStats stats, String title, Path file) throws IOException {
        if (!ImageIO.write(render(latenciesMs, stats, title), "png", file.toFile())) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
    }

    static BufferedImage render(double[] latenciesMs, LatencyStats stats, String title) {
        double top = Math.max(stats.maxMs(), 320) * 1.05;
        int[] counts = new int[BINS];
        for (double v : latenciesMs) {
            counts[Math.min(BINS - 1, (int) (v / top * BINS))]++;
        }
        int most = 1;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int plotW = WIDTH - LEFT - RIGHT;
            int plotH = HEIGHT - TOP - BOTTOM;
            g.setColor(new Color(0x1f4e9c));
            for (int b = 0; b < BINS; b++) {
                int h = (int) Math.round((double) counts[b] / most * plotH);
                int x = LEFT + b * plotW / BINS;
                g.fillRect(x + 1, TOP + plotH - h, plotW / BINS - 2, h);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
            g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                double ms = top * i / 5;
                int x = LEFT + (int) (ms / top * plotW);
                g.drawString(String.format(Locale.ROOT, "%.0f", ms), x - 10, TOP + plotH + 18);
            }
            g.drawString("publish-to-detections latency (ms)", LEFT + plotW / 2 - 100, HEIGHT - 16);
            g.drawString("frames: " + most + " (tallest bar)", 8, TOP - 8);
            marker(g, stats.p50Ms(), top, plotW, plotH, new Color(0x2ca02c), "p50 %.0f ms", 12);
            marker(g, stats.p99Ms(), top, plotW, plotH, new Color(0xd62728), "p99 %.0f ms", 28);
            marker(g, 100, top, plotW, plotH, new Color(0x2ca02c), "goal p50 100", -1);
            marker(g, 300, top, plotW, plotH, new Color(0xd62728), "goal p99 300", -2);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, LEFT, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(String.format(Locale.ROOT, "%d frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.2f frames/s",
                    stats.frames(), stats.p50Ms(), stats.p99Ms(), stats.maxMs(), stats.framesPerSecond()), LEFT, 46);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A vertical line at {@code ms}; a negative {@code labelY} draws it dashed (a goal), its label lower down. */
    private static void marker(Graphics2D g, double ms, double top, int plotW, int plotH, Color colour, String label,
                               int labelY) {
        boolean dashed = labelY < 0;
        int x = LEFT + (int) (Math.min(ms, top) / top * plotW);
        g.setColor(colour);
        g.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0)
                : new BasicStroke(2f));
        g.drawLine(x, TOP, x, TOP + plotH);
        g.setStroke(new BasicStroke(1));
        String text = String.format(Locale.ROOT, label, ms);
        int width = g.getFontMetrics().stringWidth(text);
        // near the right edge the label goes left of its line
        int tx = x + 4 + width > WIDTH - 4 ? x - 4 - width : x + 4;
        g.drawString(text, tx, dashed ? TOP + plotH - 40 - 16 * (-labelY) : TOP + labelY);
    }
}
