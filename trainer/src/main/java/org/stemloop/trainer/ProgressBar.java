package org.stemloop.trainer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A one-line text progress bar for training on stderr: steps done, loss, elapsed and remaining
 * time. Redrawn at most five times a second so a fast smoke run does not flood a log.
 */
final class ProgressBar implements Consumer<UnetTraining.Step> {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private double smoothed = Double.NaN;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void accept(UnetTraining.Step s) {
        smoothed = Double.isNaN(smoothed) ? s.loss() : 0.9 * smoothed + 0.1 * s.loss();
        long done = (long) s.epoch() * s.stepsPerEpoch() + s.step() + 1;
        long total = (long) s.epochs() * s.stepsPerEpoch();
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (total - done);
        int filled = (int) (WIDTH * done / total);
        out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d epoch %d/%d loss %.4f %4.0fs elapsed %4.0fs left ", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, s.epoch() + 1, s.epochs(), smoothed,
                elapsed, eta);
        if (done == total) {
            out.println();
        }
        out.flush();
    }
}
