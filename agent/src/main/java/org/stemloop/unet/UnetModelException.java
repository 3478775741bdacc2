package org.stemloop.unet;

/**
 * A model file that is not a usable stemloop U-Net: unreadable, not ONNX, or not following the
 * input/output convention of {@link OnnxSegmenter}. The message names the file and the problem in
 * one line. An {@link IllegalArgumentException}, so command lines treat it as bad input.
 */
public final class UnetModelException extends IllegalArgumentException {

    public UnetModelException(String message) {
        super(message);
    }

    public UnetModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
