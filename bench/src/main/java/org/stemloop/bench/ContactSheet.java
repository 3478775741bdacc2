package org.stemloop.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.stemloop.image.Canvas;

/** Thumbnails of several pictures on one sheet, each with a caption of up to two lines. */
public final class ContactSheet {

    /** One picture and its caption lines. */
    public record Tile(Path picture, String title, String caption) {
    }

    private static final int THUMB = 240;
    private static final int CAPTION = 36;
    private static final int GAP = 8;

    private ContactSheet() {
    }

    /** Writes the tiles, {@code columns} per row, under {@code title}. */
    public static void write(String title, List<Tile> tiles, int columns, Path file) throws IOException {
        int rows = Math.max(1, (tiles.size() + columns - 1) / columns);
        int width = columns * (THUMB + GAP) + GAP;
        int height = 36 + rows * (THUMB + CAPTION + GAP) + GAP;
        BufferedImage[] pictures = new BufferedImage[tiles.size()];
        for (int i = 0; i < tiles.size(); i++) {
            pictures[i] = ImageIO.read(tiles.get(i).picture().toFile());
        }
        BufferedImage sheet = Canvas.draw(width, height, g -> {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, GAP, 24);
            for (int i = 0; i < tiles.size(); i++) {
                int x = GAP + (i % columns) * (THUMB + GAP);
                int y = 36 + (i / columns) * (THUMB + CAPTION + GAP);
                draw(g, pictures[i], tiles.get(i), x, y);
            }
        });
        // An indexed palette: a sheet of noisy micrographs is a few MB as RGB, under half of that indexed.
        BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = indexed.createGraphics();
        try {
            g.drawImage(sheet, 0, 0, null);
        } finally {
            g.dispose();
        }
        Canvas.writePng(indexed, file);
    }

    private static void draw(Graphics2D g, BufferedImage picture, Tile tile, int x, int y) {
        if (picture != null) {
            double scale = Math.min((double) THUMB / picture.getWidth(), (double) THUMB / picture.getHeight());
            int w = (int) Math.round(picture.getWidth() * scale), h = (int) Math.round(picture.getHeight() * scale);
            g.drawImage(picture, x + (THUMB - w) / 2, y + (THUMB - h) / 2, w, h, null);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        g.drawString(tile.title(), x, y + THUMB + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(tile.caption(), x, y + THUMB + 28);
    }
}
