package org.stemloop.image;

/**
 * The floating-point precision a frame is processed in, following scikit-image: float32 images
 * stay float32, everything else (float64 and the integer types after scaling) is float64.
 */
public enum Precision {
    FLOAT32,
    FLOAT64
}
