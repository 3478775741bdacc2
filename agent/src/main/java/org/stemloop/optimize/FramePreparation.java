package org.stemloop.optimize;

import java.util.Locale;
import java.util.Objects;
import org.stemloop.detect.Contrast;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.reward.PixelCalibration;

/**
 * What a frame goes through before LoG*, the one path of {@code analyze} and the agent (issue 15): its contrast
 * decided ({@code auto}: {@link Contrast#detect}, or told) and the frame inverted when the atoms are dark, then
 * the pixel size the material's lattice shows ({@code lattice}: {@link PixelCalibration}, taken within 10% of
 * the told one) or the told one ({@code told}).
 *
 * <p>Both callers hold one of these, parsed from the same words ({@code --contrast}/{@code contrast},
 * {@code --calibrate}/{@code calibrate}), so a frame analysed by {@code analyze} and sent to the agent is read
 * the same way.
 *
 * @apiNote Pure and immutable. {@link #brightAtoms}: two box means over the frame (a few ms at 512²);
 *          {@link #pixelSize} with {@code lattice}: one power spectrum (~0.1-0.3 s at 512²).
 */
public final class FramePreparation {

    /** The defaults of {@code analyze} and the agent: contrast auto, pixel size from the lattice. */
    public static final FramePreparation DEFAULT = new FramePreparation(null, true);

    private final Contrast told;
    private final boolean calibrate;

    /**
     * @param contrast  the contrast to assume, or {@code null}: decide from each frame ({@code auto})
     * @param calibrate measure the pixel size on the lattice ({@code lattice}) or take it as told
     */
    public FramePreparation(Contrast contrast, boolean calibrate) {
        this.told = contrast;
        this.calibrate = calibrate;
    }

    /**
     * From the words of the command line and the configuration: {@code contrast} auto, bright or dark;
     * {@code calibrate} lattice or told.
     *
     * @throws IllegalArgumentException naming the key and the word when either is not one of those
     */
    public static FramePreparation parse(String contrast, String calibrate) {
        String c = Objects.requireNonNullElse(contrast, "auto").trim().toLowerCase(Locale.ROOT);
        String k = Objects.requireNonNullElse(calibrate, "lattice").trim().toLowerCase(Locale.ROOT);
        if (!k.equals("lattice") && !k.equals("told")) {
            throw new IllegalArgumentException("calibrate must be lattice or told: " + calibrate);
        }
        return new FramePreparation(c.equals("auto") ? null : Contrast.parse(c), k.equals("lattice"));
    }

    /** {@code auto}, {@code bright} or {@code dark}. */
    public String contrastWord() {
        return told == null ? "auto" : told.word();
    }

    /** {@code lattice} or {@code told}. */
    public String calibrateWord() {
        return calibrate ? "lattice" : "told";
    }

    /**
     * The frame with its atoms bright, and the contrast it was read with.
     *
     * @param frame    {@code recorded} as is (bright) or inverted (dark), with its pixel size
     * @param contrast the contrast the atoms have in the recorded frame
     * @param detected whether the image decided it ({@code auto}) rather than the option
     */
    public record Contrasted(Frame frame, Contrast contrast, boolean detected) {
        public Contrasted {
            Objects.requireNonNull(frame, "frame");
            Objects.requireNonNull(contrast, "contrast");
        }

        /** {@code auto} or {@code option}: what {@code contrast_source} says. */
        public String source() {
            return detected ? "auto" : "option";
        }
    }

    /** {@code recorded} with its atoms bright: inverted when they are dark (told so, or detected). */
    public Contrasted brightAtoms(Frame recorded) {
        Contrast c = told != null ? told : Contrast.detect(recorded);
        return new Contrasted(c.brightAtoms(recorded), c, told == null);
    }

    /**
     * The pixel size to analyse {@code bright} (atoms bright) of {@code material} at: with {@code lattice} the
     * one its power spectrum shows, when within {@value PixelCalibration#MAX_CORRECTION} of {@code toldAngstrom};
     * else {@code toldAngstrom}, the note saying why.
     */
    public PixelCalibration.Result pixelSize(Frame bright, Material material, double toldAngstrom) {
        if (!calibrate) {
            if (!(toldAngstrom > 0) || !Double.isFinite(toldAngstrom)) {
                throw new IllegalArgumentException("Pixel size must be positive: " + toldAngstrom);
            }
            return new PixelCalibration.Result(toldAngstrom, toldAngstrom, false, "pixel size as told (calibrate told)");
        }
        return PixelCalibration.of(bright, material, toldAngstrom);
    }

    @Override
    public String toString() {
        return "contrast " + contrastWord() + ", calibrate " + calibrateWord();
    }
}
