package org.stemloop.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link CrystalMask}'s grid as text, the compact form messages, the database and the saved run state
 * carry: one string per grid row, {@code '1'} a crystal cell and {@code '0'} a masked one, rows from the
 * top, cells of {@link CrystalMask#cell()} px from the left (the last row and column may be cut by the
 * frame's edge). A 512² frame with 16 px cells is 32 strings of 32 characters.
 */
public final class MaskGrid {

    private MaskGrid() {
    }

    /** The grid rows of {@code mask}. */
    public static List<String> rows(CrystalMask mask) {
        List<String> rows = new ArrayList<>(mask.gridRows());
        StringBuilder b = new StringBuilder(mask.gridCols());
        for (int r = 0; r < mask.gridRows(); r++) {
            b.setLength(0);
            for (int c = 0; c < mask.gridCols(); c++) {
                b.append(mask.cell(r, c) ? '1' : '0');
            }
            rows.add(b.toString());
        }
        return rows;
    }

    /**
     * The mask of a {@code height x width} frame with cells of {@code cell} px from its grid rows.
     *
     * @throws IllegalArgumentException naming the problem when the rows do not fit the frame and cell, or hold
     *                                  other characters than 0 and 1
     */
    public static CrystalMask parse(int height, int width, int cell, List<String> rows) {
        Objects.requireNonNull(rows, "rows");
        if (cell < 1) {
            throw new IllegalArgumentException("Mask cell must be at least 1 px: " + cell);
        }
        int gridRows = (height + cell - 1) / cell;
        int gridCols = (width + cell - 1) / cell;
        if (rows.size() != gridRows) {
            throw new IllegalArgumentException("Mask of a %d x %d frame in %d px cells has %d rows, not %d".formatted(
                    height, width, cell, gridRows, rows.size()));
        }
        boolean[] crystal = new boolean[gridRows * gridCols];
        for (int r = 0; r < gridRows; r++) {
            String row = rows.get(r);
            if (row == null || row.length() != gridCols) {
                throw new IllegalArgumentException("Mask row %d must have %d cells: %s".formatted(r, gridCols, row));
            }
            for (int c = 0; c < gridCols; c++) {
                char ch = row.charAt(c);
                if (ch != '0' && ch != '1') {
                    throw new IllegalArgumentException("Mask row %d holds '%c': only 0 and 1".formatted(r, ch));
                }
                crystal[r * gridCols + c] = ch == '1';
            }
        }
        return new CrystalMask(height, width, cell, crystal);
    }
}
