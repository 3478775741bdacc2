package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.ScaleSpace;
import org.stemloop.image.Frame;

/**
 * Per-window parameters applied region by region: each window's chosen parameters find the atoms
 * of its own cell ({@link WindowCells}, the part of the frame nearest the window's centre), and
 * the cells' atoms are joined into one list for the whole frame ({@link SeamMerge}).
 *
 * <p>Each cell is detected on a crop of the frame that extends beyond the cell by a halo of
 * {@value #HALO} spacings plus a margin of the LoG kernel's reach ({@code int(4 sigma + 0.5)} of
 * the largest scale), the 3x3x3 maximum and the pruning distance ({@code 2 sqrt(2) sigma}), so
 * the crop's reflecting border changes no blob that is reported: with the same parameters in
 * every window the result equals the whole-frame detection. The frame is scaled to [0, 1] as a
 * whole first, so a threshold means the same in every window.
 *
 * @apiNote Cost: one LoG stack of ~10 scales per cell crop (a cell of stride² px plus its
 *          margin): for 512² and 36 windows of 256 px, about the cost of two whole-frame
 *          detections. Cells are detected in parallel; the result does not depend on the order.
 */
final class PerWindowDetection {

    /** Halo beyond a cell, in spacings: absorbs the pixel or two an atom's position moves between parameter sets. */
    static final double HALO = 0.25;
    /** Two atoms from different windows closer than this many spacings are one atom. */
    static final double SAME_ATOM = 0.5;

    private PerWindowDetection() {
    }

    /**
     * The atoms of the whole frame, each cell detected with its window's parameters.
     *
     * @param unitFrame the frame already scaled to [0, 1]
     * @param cells     the windows and their cells
     * @param genes     each window's genes in {@code space}, row-major ({@code cells.rows() * cells.cols()})
     * @param spacing   nearest-neighbour distance, pixels
     * @return atoms sorted by row then column
     */
    static List<Blob> detect(Frame unitFrame, WindowCells cells, List<int[]> genes, ParameterSpace space,
            double spacing) {
        if (genes.size() != cells.rows() * cells.cols()) {
            throw new IllegalArgumentException("Need genes for each of %d windows, got %d"
                    .formatted(cells.rows() * cells.cols(), genes.size()));
        }
        double halo = HALO * spacing;
        List<List<SeamMerge.Reported>> perCell = IntStream.range(0, genes.size()).parallel()
                .mapToObj(k -> cell(unitFrame, cells, k / cells.cols(), k % cells.cols(), genes.get(k), space, halo))
                .toList();
        List<SeamMerge.Reported> all = new ArrayList<>();
        perCell.forEach(all::addAll);
        return SeamMerge.merge(all, (row, col) -> cells.rowCell(row) * cells.cols() + cells.colCell(col),
                SAME_ATOM * spacing);
    }

    private static List<SeamMerge.Reported> cell(Frame frame, WindowCells cells, int i, int j, int[] genes,
            ParameterSpace space, double halo) {
        double[] grid = space.sigmaGrid();
        int[] layers = space.layers(genes);
        double[] sigmas = new double[layers.length];
        for (int s = 0; s < layers.length; s++) {
            sigmas[s] = grid[layers[s]];
        }
        double maxSigma = sigmas[sigmas.length - 1];
        int margin = (int) (4 * maxSigma + 0.5) + 2 + (int) Math.ceil(2 * Math.sqrt(2) * maxSigma);
        double rLo = cells.rowBounds()[i] - halo;
        double rHi = cells.rowBounds()[i + 1] + halo;
        double cLo = cells.colBounds()[j] - halo;
        double cHi = cells.colBounds()[j + 1] + halo;
        int r0 = Math.max(0, (int) Math.floor(rLo) - margin);
        int r1 = Math.min(frame.height(), (int) Math.ceil(rHi) + margin + 1);
        int c0 = Math.max(0, (int) Math.floor(cLo) - margin);
        int c1 = Math.min(frame.width(), (int) Math.ceil(cHi) + margin + 1);
        Frame crop = SlidingWindows.crop(frame, r0, c0, r1 - r0, c1 - c0);
        List<Blob> blobs = LogBlobDetector.detect(ScaleSpace.build(crop, sigmas), space.decode(genes));
        int window = i * cells.cols() + j;
        List<SeamMerge.Reported> out = new ArrayList<>();
        for (Blob b : blobs) {
            double row = b.row() + r0;
            double col = b.col() + c0;
            if (row >= rLo && row < rHi && col >= cLo && col < cHi) {
                out.add(new SeamMerge.Reported(new Blob(row, col, b.sigma()), window));
            }
        }
        return out;
    }
}
