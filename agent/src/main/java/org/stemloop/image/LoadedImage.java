package org.stemloop.image;

import java.util.Objects;

/**
 * A frame as read from a file, with what the file stored before conversion (useful to report, e.g.
 * in {@code stemloop info}).
 *
 * @param frame the converted frame (integers scaled like {@code img_as_float})
 * @param format the file format, e.g. {@code NPY}, {@code Velox EMD}
 * @param sourceType the stored element type in numpy's words, e.g. {@code uint16}, {@code float32}
 */
public record LoadedImage(Frame frame, String format, String sourceType) {

    public LoadedImage {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sourceType, "sourceType");
    }
}
