package org.stemloop.unet;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.stemloop.image.Frame;
import org.stemloop.reward.LatticeEstimate;
import org.stemloop.reward.LatticeEstimator;

/**
 * How a frame is brought to the pixel size a U-Net was trained at, and how positions found there
 * go back to the frame's own pixels.
 *
 * <p>A network of 3x3 convolutions learns atoms of one size in pixels: graphene's 1.42 Å bond is
 * ~10 px in the shipped model's training frames (0.14 Å/px) but 18 px in a frame at 0.078 Å/px,
 * which it was never shown. So the frame is resampled ({@link Resampler}) by
 * {@code framePixelSize / modelPixelSize} before inference. The frame's pixel size comes, in order,
 * from what the caller states (the {@code --pixel-size} option, the file's calibration, the MQTT
 * frame's {@code pixel_size_angstrom}), else from the lattice in its power spectrum
 * ({@link LatticeEstimator}) and the material's nearest-neighbour distance in the model card.
 *
 * @param source         where the frame's pixel size came from
 * @param framePixelSize the frame's pixel size, Å (NaN for {@link Source#NATIVE})
 * @param modelPixelSize the model's training pixel size, Å (NaN for {@link Source#NATIVE})
 * @param height         frame rows
 * @param width          frame columns
 * @param outHeight      rows the model sees
 * @param outWidth       columns the model sees
 * @param note           the FFT estimate's description, or empty
 */
public record FrameScale(Source source, double framePixelSize, double modelPixelSize, int height, int width,
        int outHeight, int outWidth, String note) {

    /** Smallest side a resampled frame may have: two poolings' worth of context beyond the 8 px multiple. */
    public static final int MIN_SIDE = 16;
    /** Largest side: 8192² floats are 256 MB already. */
    public static final int MAX_SIDE = 8192;
    /**
     * Frames within this fraction of the model's pixel size are used as they are: the models are
     * trained across +-20% of it, and resampling by a few percent would only blur the frame (and an
     * FFT estimate is itself good to about 1%).
     */
    public static final double TOLERANCE = 0.05;

    /** Where the frame's pixel size came from. */
    public enum Source {
        /** stated by the caller or the file */
        PIXEL_SIZE,
        /** measured from the frame's power spectrum */
        FFT_ESTIMATE,
        /** the model has no card: the frame is used as it is */
        NATIVE
    }

    public FrameScale {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        if (height < 1 || width < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("Frame scale needs positive sizes");
        }
    }

    /** The frame as it is (a model without a card). */
    public static FrameScale nativeScale(Frame frame) {
        return new FrameScale(Source.NATIVE, Double.NaN, Double.NaN, frame.height(), frame.width(), frame.height(),
                frame.width(), "");
    }

    /**
     * The scale for {@code frame} and a model trained as {@code card} says.
     *
     * @throws UnetScaleException when the frame has no pixel size and no measurable lattice, or
     *                            the resampled frame would be smaller than {@value #MIN_SIDE} or larger
     *                            than {@value #MAX_SIDE} pixels
     */
    public static FrameScale choose(Frame frame, ModelCard card) {
        if (frame.pixelSizeAngstrom().isPresent()) {
            return of(frame, Source.PIXEL_SIZE, frame.pixelSizeAngstrom().getAsDouble(), card, "");
        }
        Optional<LatticeEstimate> lattice = LatticeEstimator.estimate(frame);
        if (lattice.isEmpty()) {
            throw new UnetScaleException("The frame has no pixel size and its FFT shows no lattice to measure one from: "
                    + "give the pixel size (--pixel-size A, in Å per pixel)");
        }
        double nnPx = lattice.get().toLattice().nearestNeighbour();
        double pixel = card.nearestNeighbourAngstrom() / nnPx;
        return of(frame, Source.FFT_ESTIMATE, pixel, card, lattice.get().note());
    }

    private static FrameScale of(Frame frame, Source source, double framePixel, ModelCard card, String note) {
        double factor = framePixel / card.pixelSizeAngstrom();
        if (Math.abs(factor - 1) <= TOLERANCE) {
            factor = 1;
        }
        int oh = (int) Math.round(frame.height() * factor);
        int ow = (int) Math.round(frame.width() * factor);
        if (Math.min(oh, ow) < MIN_SIDE || Math.max(oh, ow) > MAX_SIDE) {
            throw new UnetScaleException(String.format(Locale.ROOT,
                    "A %d x %d frame at %.4g Å/px would be %d x %d at the model's %.4g Å/px (%s): outside %d-%d px; "
                            + "check the pixel size", frame.height(), frame.width(), framePixel, oh, ow,
                    card.pixelSizeAngstrom(), source == Source.FFT_ESTIMATE ? "pixel size from the FFT" : "stated pixel size",
                    MIN_SIDE, MAX_SIDE));
        }
        return new FrameScale(source, framePixel, card.pixelSizeAngstrom(), frame.height(), frame.width(), oh, ow, note);
    }

    /** Whether the frame is used as it is. */
    public boolean identity() {
        return outHeight == height && outWidth == width;
    }

    /** The frame the model sees. */
    public Frame apply(Frame frame) {
        if (frame.height() != height || frame.width() != width) {
            throw new IllegalArgumentException("Frame scale for %d x %d applied to %d x %d".formatted(height, width,
                    frame.height(), frame.width()));
        }
        if (identity()) {
            return frame;
        }
        return Frame.of(outHeight, outWidth, Resampler.resize(frame.pixels(), height, width, outHeight, outWidth));
    }

    /** A map of the model's grid brought back to the frame's. */
    public Heatmap back(Heatmap map) {
        if (identity()) {
            return map;
        }
        return new Heatmap(height, width, Resampler.resize(map.values(), outHeight, outWidth, height, width));
    }

    /** An atom found in the model's grid, in the frame's pixels (its area too). */
    public UnetAtom back(UnetAtom a) {
        if (identity()) {
            return a;
        }
        double area = a.area() * ((double) height / outHeight) * ((double) width / outWidth);
        return new UnetAtom(Resampler.toInput(a.row(), height, outHeight), Resampler.toInput(a.col(), width, outWidth),
                a.probability(), a.variance(), Math.max(1, (int) Math.round(area)));
    }

    /** Frame pixels per model pixel along the rows (1 when used as it is). */
    public double rowStep() {
        return (double) height / outHeight;
    }
}
