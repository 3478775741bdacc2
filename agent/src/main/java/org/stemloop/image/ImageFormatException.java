package org.stemloop.image;

import java.nio.file.Path;

/**
 * A file that cannot be read as an image: unsupported, truncated or inconsistent. The message is
 * one line that names the file and what is wrong, fit to show a user as it is.
 * {@link ImageTooLargeException} is the one kind callers tell apart (a size limit, not a broken file).
 */
public class ImageFormatException extends Exception {

    public ImageFormatException(Path file, String problem) {
        this(String.valueOf(file), problem);
    }

    public ImageFormatException(Path file, String problem, Throwable cause) {
        this(String.valueOf(file), problem, cause);
    }

    /** For images that do not come from a file: {@code source} names them (e.g. a frame id). */
    public ImageFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    public ImageFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
