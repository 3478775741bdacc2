package org.stemloop.bench;

import java.util.List;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;

/**
 * One way of finding atoms that the paper's benchmarks compare: LoG* ({@link LogStarFinder}) or
 * the U-Net ({@link UnetFinder}). A finder sees only the frame and what a microscopist would know
 * (material, lattice, pixel size), never the truth.
 */
public interface AtomFinder {

    /** The method's name in tables and on MQTT: {@code "log*"} or {@code "unet"}. */
    String method();

    /**
     * The atoms found in {@code frame}, as (row, col) pixel positions.
     *
     * @param material what the frame shows (a network picks its model by it)
     * @param context  the lattice's expectations at the frame's size and pixel size
     */
    List<Point> find(Frame frame, Material material, RewardContext context);
}
