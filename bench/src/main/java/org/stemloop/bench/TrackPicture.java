package org.stemloop.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stemloop.track.TwinSeriesRun;

/**
 * A picture of a tracked series: each true dopant's path (grey, thick) under each tracked dopant's path (one colour
 * per track id, dots at each frame), drawn in image pixels, so a hop is a jump of a bond and an identity switch is
 * a colour change along a grey path.
 */
public final class TrackPicture {

    private static final int SCALE = 3;

    private TrackPicture() {
    }

    public static void write(int size, TwinSeriesRun.Result r, String title, Path file) throws IOException {
        int side = size * SCALE;
        BufferedImage img = new BufferedImage(side, side + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side + 30);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(title + " (grey: truth; colour: track id)", 8, 20);
        g.translate(0, 30);
        g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(200, 200, 200));
        draw(g, r.truePaths());
        g.setStroke(new BasicStroke(2f));
        int k = 0;
        for (Map.Entry<Integer, List<double[]>> e : r.dopantPaths().entrySet()) {
            g.setColor(Color.getHSBColor((k++ * 0.618f) % 1f, 0.85f, 0.8f));
            draw(g, Map.of(e.getKey(), e.getValue()));
            for (double[] p : e.getValue()) {
                g.fillOval((int) (p[2] * SCALE) - 3, (int) (p[1] * SCALE) - 3, 6, 6);
            }
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void draw(Graphics2D g, Map<Integer, List<double[]>> paths) {
        for (List<double[]> p : paths.values()) {
            for (int i = 1; i < p.size(); i++) {
                if (p.get(i)[0] - p.get(i - 1)[0] <= 3) {
                    g.drawLine((int) (p.get(i - 1)[2] * SCALE), (int) (p.get(i - 1)[1] * SCALE),
                            (int) (p.get(i)[2] * SCALE), (int) (p.get(i)[1] * SCALE));
                }
            }
        }
    }
}
