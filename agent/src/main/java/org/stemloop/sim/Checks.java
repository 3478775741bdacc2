package org.stemloop.sim;

import java.math.BigDecimal;

/** The range check every realistic-simulator parameter record shares: the message names the parameter. */
final class Checks {

    private Checks() {
    }

    /** Fails with "{@code what} must be in [min, max]: value" unless {@code min <= value <= max}. */
    static void range(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("%s must be in [%s, %s]: %s".formatted(what, plain(min), plain(max), value));
        }
    }

    /** The integer version of {@link #range(String, double, double, double)}. */
    static void range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("%s must be in [%d, %d]: %d".formatted(what, min, max, value));
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
