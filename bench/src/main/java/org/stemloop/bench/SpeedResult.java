package org.stemloop.bench;

import java.util.Objects;
import java.util.Optional;

/**
 * What one speed case measured: the Java detector and, when it could run, scikit-image.
 *
 * @param speedCase  the frame size and parameters
 * @param truthAtoms atoms the simulator put in the frame
 * @param java       the Java timing
 * @param javaBlobs  blobs the Java detector found
 * @param threads    threads the Java detector used
 * @param skimage    scikit-image's timing, or {@code null} when it was not available
 * @param equality   Java's blobs against scikit-image's, or {@code null} when it was not available
 */
public record SpeedResult(SpeedCase speedCase, int truthAtoms, Timing java, int javaBlobs, int threads,
                          Timing skimage, BlobComparison equality) {

    public SpeedResult {
        Objects.requireNonNull(speedCase, "speedCase");
        Objects.requireNonNull(java, "java");
        if ((skimage == null) != (equality == null)) {
            throw new IllegalArgumentException("scikit-image timing and equality come together for " + speedCase.id());
        }
    }

    /** A Java-only result. */
    public static SpeedResult javaOnly(SpeedCase c, int truthAtoms, JavaLogTimer.Measured java, int threads) {
        return new SpeedResult(c, truthAtoms, java.timing(), java.blobs().size(), threads, null, null);
    }

    /** The result with scikit-image's side added. */
    public SpeedResult withSkimage(Timing timing, BlobComparison comparison) {
        return new SpeedResult(speedCase, truthAtoms, java, javaBlobs, threads, Objects.requireNonNull(timing),
                Objects.requireNonNull(comparison));
    }

    /** scikit-image's median over Java's median, when scikit-image ran. */
    public Optional<Double> speedUp() {
        return skimage == null ? Optional.empty() : Optional.of(skimage.medianMs() / java.medianMs());
    }
}
