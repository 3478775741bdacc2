package org.stemloop.image;

/**
 * An image whose header claims more pixels than the caller allows: refused before its pixels are
 * allocated, so a lying header (e.g. a 100000 x 100000 shape on a few bytes) costs nothing.
 */
public final class ImageTooLargeException extends ImageFormatException {

    /** @param source names the bytes (a file, a frame id); {@code problem} says the shape and the limit */
    public ImageTooLargeException(String source, String problem) {
        super(source, problem);
    }
}
