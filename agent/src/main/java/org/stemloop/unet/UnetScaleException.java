package org.stemloop.unet;

/**
 * A frame cannot be brought to the model's pixel size: nobody stated its pixel size and its
 * power spectrum shows no lattice to measure one from (or the scale would make it absurdly
 * small or large). Bad input, not a bad model: the command line exits with code 2.
 */
public final class UnetScaleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnetScaleException(String message) {
        super(message);
    }
}
