package org.stemloop.optimize;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.stemloop.detect.Blob;
import org.stemloop.image.Canvas;
import org.stemloop.image.Frame;
import org.stemloop.image.Overlay;

/**
 * The picture of an {@link OptionExplanation} ({@code analyze}'s {@code option-<id>.png}): the frame
 * in gray, tinted cell by cell where the option finds more atoms than the lattice expects (red) or
 * fewer (blue), full colour at ±{@value #FULL_TINT_PERCENT} %; the option's atoms as thin cyan
 * circles; the atoms it adds against the option in use as green rings and those it drops as magenta
 * crosses; each crowded atom joined to its nearest neighbour by an orange line. A caption below says
 * what each colour is and counts them.
 */
public final class OptionPicture {

    /** Departure of a cell's count at which its tint is strongest, percent. */
    static final int FULL_TINT_PERCENT = 30;
    static final Color ATOM = new Color(0, 200, 230);
    static final Color ADDED = new Color(40, 220, 60);
    static final Color DROPPED = new Color(240, 40, 200);
    static final Color CROWDED = new Color(255, 150, 0);

    private OptionPicture() {
    }

    /**
     * Draws the option's picture.
     *
     * @param title first caption line, e.g. {@code "option 3: most atoms (vs option 1 in use)"}
     */
    public static BufferedImage draw(Frame frame, List<Blob> atoms, OptionExplanation why, String title) {
        int zoom = frame.width() < 256 ? 4 : frame.width() < 512 ? 2 : 1;
        Overlay overlay = Overlay.of(frame, 0.5, 99.5).zoom(zoom);
        for (Blob b : atoms) {
            overlay.circle(b.row(), b.col(), Math.max(1.5, b.radius()), ATOM);
        }
        BufferedImage base = overlay.image();
        int captionHeight = 62;
        return Canvas.draw(base.getWidth(), base.getHeight() + captionHeight, g -> {
            g.drawImage(base, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            tint(g, why.qc(), zoom);
            g.setStroke(new BasicStroke(Math.max(1.5f, zoom * 0.6f)));
            g.setColor(CROWDED);
            for (OptionExplanation.CrowdedPair p : why.crowded()) {
                g.draw(new Line2D.Double(x(p.atom().col(), zoom), x(p.atom().row(), zoom), x(p.neighbour().col(), zoom),
                        x(p.neighbour().row(), zoom)));
            }
            double ring = why.diff().radius() * zoom;
            g.setColor(ADDED);
            for (Blob b : why.diff().added()) {
                g.draw(new Ellipse2D.Double(x(b.col(), zoom) - ring, x(b.row(), zoom) - ring, 2 * ring, 2 * ring));
            }
            g.setColor(DROPPED);
            for (Blob b : why.diff().dropped()) {
                double cx = x(b.col(), zoom);
                double cy = x(b.row(), zoom);
                g.draw(new Line2D.Double(cx - ring, cy - ring, cx + ring, cy + ring));
                g.draw(new Line2D.Double(cx - ring, cy + ring, cx + ring, cy - ring));
            }
            caption(g, base.getHeight(), title, atoms.size(), why);
        });
    }

    /** Writes {@link #draw} as a PNG. */
    public static void write(Frame frame, List<Blob> atoms, OptionExplanation why, String title, Path file)
            throws IOException {
        Canvas.writePng(draw(frame, atoms, why, title), file);
    }

    private static void tint(Graphics2D g, OptionExplanation.QcGrid qc, int zoom) {
        var before = g.getComposite();
        for (int r = 0; r < qc.rows(); r++) {
            for (int c = 0; c < qc.cols(); c++) {
                double d = qc.departure(r, c);
                float alpha = (float) Math.min(0.45, 0.45 * Math.abs(d) * 100 / FULL_TINT_PERCENT);
                if (alpha < 0.02) {
                    continue;
                }
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
                g.setColor(d > 0 ? Color.RED : Color.BLUE);
                g.fill(new Rectangle2D.Double(c * qc.cellWidth() * zoom, r * qc.cellHeight() * zoom,
                        qc.cellWidth() * zoom, qc.cellHeight() * zoom));
            }
        }
        g.setComposite(before);
        g.setColor(new Color(255, 255, 255, 70));
        g.setStroke(new BasicStroke(1f));
        for (int r = 0; r < qc.rows(); r++) {
            for (int c = 0; c < qc.cols(); c++) {
                g.draw(new Rectangle2D.Double(c * qc.cellWidth() * zoom, r * qc.cellHeight() * zoom,
                        qc.cellWidth() * zoom, qc.cellHeight() * zoom));
            }
        }
    }

    private static void caption(Graphics2D g, int top, String title, int atoms, OptionExplanation why) {
        g.setColor(Color.WHITE);
        g.fillRect(0, top, 4096, 62);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(title, 6, top + 16);
        int x = 6;
        x = legend(g, x, top + 34, ATOM, atoms + " atoms");
        x = legend(g, x, top + 34, ADDED, why.diff().added().size() + " added");
        x = legend(g, x, top + 34, DROPPED, why.diff().dropped().size() + " dropped");
        x = legend(g, x, top + 34, CROWDED, why.crowded().size() + " crowded");
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "cells: atoms found vs the lattice, red more, blue fewer (full at ±%d%%)",
                FULL_TINT_PERCENT), 6, top + 52);
    }

    private static int legend(Graphics2D g, int x, int baseline, Color colour, String text) {
        g.setColor(colour);
        g.fillRect(x, baseline - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 14, baseline);
        return x + 22 + g.getFontMetrics().stringWidth(text);
    }

    /** Frame pixel coordinate (centres at integers) to picture coordinate. */
    private static double x(double v, int zoom) {
        return (v + 0.5) * zoom;
    }
}
