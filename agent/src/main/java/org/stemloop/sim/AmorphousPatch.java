package org.stemloop.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills a disk with amorphous carbon by random sequential adsorption: candidate positions drawn
 * uniformly in the disk are kept when no atom (of the patch or of the lattice around it) lies
 * closer than the minimum distance. A spatial grid of cell size equal to that distance makes each
 * check constant time.
 *
 * <p>Honest limit: random sequential adsorption jams near 55% disk coverage, so a target density
 * close to that is not reached; the attempts stop after {@value #ATTEMPTS_PER_ATOM} per wanted
 * atom and the patch may hold fewer atoms than asked. The defaults (90% of graphene's density,
 * 0.85 of its bond length) are ~72% of jamming and are met.
 */
final class AmorphousPatch {

    static final int ATTEMPTS_PER_ATOM = 50;

    private final double minDistance;
    private final double originRow;
    private final double originCol;
    private final int gridRows;
    private final int gridCols;
    private final List<List<double[]>> cells;

    private AmorphousPatch(AtomLayout.Disk disk, double minDistance) {
        this.minDistance = minDistance;
        this.originRow = disk.row() - disk.radius() - minDistance;
        this.originCol = disk.col() - disk.radius() - minDistance;
        int side = (int) Math.ceil(2 * (disk.radius() + minDistance) / minDistance) + 1;
        this.gridRows = side;
        this.gridCols = side;
        this.cells = new ArrayList<>(side * side);
        for (int i = 0; i < side * side; i++) {
            cells.add(new ArrayList<>(2));
        }
    }

    /**
     * New atoms labelled {@link Species#AMORPHOUS_C} inside {@code disk}.
     *
     * @param target      how many atoms are wanted
     * @param minDistance closest allowed approach in pixels
     * @param neighbours  atoms already placed (those near the disk's rim constrain the patch)
     */
    static List<PlacedAtom> fill(AtomLayout.Disk disk, int target, double minDistance, List<PlacedAtom> neighbours,
            SplittableRandom rng) {
        AmorphousPatch grid = new AmorphousPatch(disk, minDistance);
        double reach = disk.radius() + minDistance;
        for (PlacedAtom a : neighbours) {
            if (a.distanceSquared(disk.row(), disk.col()) < reach * reach) {
                grid.add(a.row(), a.col());
            }
        }
        List<PlacedAtom> placed = new ArrayList<>(target);
        long attempts = (long) ATTEMPTS_PER_ATOM * target;
        for (long t = 0; t < attempts && placed.size() < target; t++) {
            // Uniform in the disk: radius as the square root of a uniform draw.
            double r = disk.radius() * Math.sqrt(rng.nextDouble());
            double phi = 2 * Math.PI * rng.nextDouble();
            double row = disk.row() + r * Math.sin(phi);
            double col = disk.col() + r * Math.cos(phi);
            if (grid.isFree(row, col)) {
                grid.add(row, col);
                placed.add(new PlacedAtom(row, col, Species.AMORPHOUS_C));
            }
        }
        return placed;
    }

    private void add(double row, double col) {
        int cell = cellIndex(row, col);
        if (cell >= 0) {
            cells.get(cell).add(new double[] {row, col});
        }
    }

    private boolean isFree(double row, double col) {
        int gr = (int) Math.floor((row - originRow) / minDistance);
        int gc = (int) Math.floor((col - originCol) / minDistance);
        double limit = minDistance * minDistance;
        for (int r = Math.max(0, gr - 1); r <= Math.min(gridRows - 1, gr + 1); r++) {
            for (int c = Math.max(0, gc - 1); c <= Math.min(gridCols - 1, gc + 1); c++) {
                for (double[] p : cells.get(r * gridCols + c)) {
                    double dr = p[0] - row;
                    double dc = p[1] - col;
                    if (dr * dr + dc * dc < limit) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private int cellIndex(double row, double col) {
        int gr = (int) Math.floor((row - originRow) / minDistance);
        int gc = (int) Math.floor((col - originCol) / minDistance);
        return gr < 0 || gc < 0 || gr >= gridRows || gc >= gridCols ? -1 : gr * gridCols + gc;
    }
}
