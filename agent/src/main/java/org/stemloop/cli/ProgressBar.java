package org.stemloop.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A text progress bar for long runs over many items, one line per step on stderr (lines rather than
 * carriage returns, so logs and CI keep every step):
 * {@code analyze: [########------------]  4/10 frames, 12 s, about 18 s left: stack_f0003}.
 */
final class ProgressBar {

    private static final int WIDTH = 20;
    private final PrintWriter err;
    private final String prefix;
    private final String unit;
    private final int total;
    private final long start = System.nanoTime();

    ProgressBar(PrintWriter err, String prefix, String unit, int total) {
        this.err = err;
        this.prefix = prefix;
        this.unit = unit;
        this.total = Math.max(1, total);
    }

    /** Reports that {@code done} of the items are finished, the last being {@code what}. */
    void step(int done, String what) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int filled = (int) Math.round(WIDTH * (double) done / total);
        String left = done > 0 && done < total ? String.format(Locale.ROOT, ", about %.0f s left", seconds / done * (total - done)) : "";
        err.printf(Locale.ROOT, "%s: [%s%s] %" + String.valueOf(total).length() + "d/%d %s, %.0f s%s: %s%n", prefix,
                "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, unit, seconds, left, what);
        err.flush();
    }
}
