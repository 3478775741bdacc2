package org.stemloop.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellGridTest {

    @Test
    void findsEveryPairWithinTheCellSizeLikeBruteForceDenseOrSparse() {
        Random random = new Random(7);
        for (double spread : new double[] {50, 1e5}) {
            int n = 400;
            double[] rows = new double[n];
            double[] cols = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i] = 10 + random.nextDouble() * spread;
                cols[i] = -5 + random.nextDouble() * spread;
            }
            double radius = 3.5;
            CellGrid grid = new CellGrid(rows, cols, n, radius, 10, -5);
            double maxRow = java.util.Arrays.stream(rows).max().orElseThrow();
            assertThat(grid.gridRows()).isEqualTo((int) Math.floor((maxRow - 10) / radius) + 1);
            assertThat(pairs(grid, rows, cols, radius)).as("spread %s", spread).isEqualTo(bruteForce(rows, cols, radius));
        }
    }

    @Test
    void keepsIndexOrderWithinACellAndClampsToTheGrid() {
        double[] rows = {0.5, 9, 0.1, 0.9, 5};
        double[] cols = {0.5, 9, 0.2, 0.1, 5};
        CellGrid grid = new CellGrid(rows, cols, 5, 1, 0, 0);
        int slot = grid.slot(0, 0);
        List<Integer> inCell = new ArrayList<>();
        for (int k = grid.start(slot); k < grid.end(slot); k++) {
            inCell.add(grid.member(k));
        }
        assertThat(inCell).containsExactly(0, 2, 3);
        assertThat(grid.cellRow(-3)).isZero();
        assertThat(grid.cellCol(1e9)).isEqualTo(grid.gridCols() - 1);
        assertThat(grid.slot(-1, 0)).isEqualTo(-1);
        assertThat(grid.slot(0, grid.gridCols())).isEqualTo(-1);
    }

    @Test
    void anEmptyGridHasOneEmptyCell() {
        CellGrid grid = new CellGrid(new double[0], new double[0], 0, 2, 0, 0);
        assertThat(grid.gridRows()).isEqualTo(1);
        int slot = grid.slot(0, 0);
        assertThat(slot < 0 || grid.start(slot) == grid.end(slot)).isTrue();
    }

    @Test
    void aBadCellSizeOrTooManyCellsIsNamed() {
        double[] one = {0, 1e9};
        assertThatThrownBy(() -> new CellGrid(one, one, 2, 0, 0, 0)).hasMessageContaining("cell size");
        assertThatThrownBy(() -> new CellGrid(one, one, 2, Double.NaN, 0, 0)).hasMessageContaining("cell size");
        assertThatThrownBy(() -> new CellGrid(one, one, 2, 1e-3, 0, 0)).hasMessageContaining("2^24 cells");
        assertThatThrownBy(() -> new CellGrid(one, one, 3, 1, 0, 0)).hasMessageContaining("n must be");
    }

    private static List<Long> pairs(CellGrid grid, double[] rows, double[] cols, double radius) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            int gr = grid.cellRow(rows[i]);
            int gc = grid.cellCol(cols[i]);
            for (int y = gr - 1; y <= gr + 1; y++) {
                for (int x = gc - 1; x <= gc + 1; x++) {
                    int slot = grid.slot(y, x);
                    for (int k = slot < 0 ? 0 : grid.start(slot); slot >= 0 && k < grid.end(slot); k++) {
                        int j = grid.member(k);
                        if (j > i && near(rows, cols, i, j, radius)) {
                            out.add((long) i << 32 | j);
                        }
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Long> bruteForce(double[] rows, double[] cols, double radius) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (int j = i + 1; j < rows.length; j++) {
                if (near(rows, cols, i, j, radius)) {
                    out.add((long) i << 32 | j);
                }
            }
        }
        return out;
    }

    private static boolean near(double[] rows, double[] cols, int i, int j, double radius) {
        double dr = rows[i] - rows[j];
        double dc = cols[i] - cols[j];
        return dr * dr + dc * dc <= radius * radius;
    }
}
