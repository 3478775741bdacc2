package org.stemloop.unet;

/**
 * An atom found in a U-Net heatmap.
 *
 * @param row         centre of mass of its component, pixels (sub-pixel, row down)
 * @param col         centre of mass of its component, pixels (sub-pixel, col right)
 * @param probability mean probability over the component's pixels
 * @param variance    mean ensemble variance over those pixels (0 for a single model): the
 *                    ensemble's disagreement, AtomAI's uncertainty
 * @param area        pixels in the component
 */
public record UnetAtom(double row, double col, double probability, double variance, int area) {

    public UnetAtom {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Atom position must be finite: (%s, %s)".formatted(row, col));
        }
        if (area < 1) {
            throw new IllegalArgumentException("Atom component must have at least 1 pixel: " + area);
        }
    }
}
