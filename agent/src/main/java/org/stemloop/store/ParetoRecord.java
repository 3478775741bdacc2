package org.stemloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * A Pareto front as the database keeps it.
 *
 * @param runId       the run
 * @param frameId     the frame it was computed on
 * @param trigger     why the agent optimised
 * @param lattice     the lattice's name ({@code graphene}, {@code srtio3}, {@code fft})
 * @param pixelSize   Å/px the rewards assumed (1 for an FFT lattice, in pixels)
 * @param recommended the recommended option's id
 * @param searchMs    milliseconds the search took
 * @param options     the options, ids 0..n-1
 * @param createdAt   when
 */
public record ParetoRecord(String runId, String frameId, String trigger, String lattice, double pixelSize,
                           int recommended, long searchMs, List<Option> options, Instant createdAt) {

    public ParetoRecord {
        Columns.requireText("Run id", runId, 64);
        Columns.requireText("Frame id", frameId, 256);
        Columns.requireText("Trigger", trigger, 32);
        Columns.requireText("Lattice", lattice, 64);
        Objects.requireNonNull(createdAt, "createdAt");
        options = List.copyOf(options);
    }

    /** One option: its id, parameters, rewards and atom count. */
    public record Option(int id, LogParams params, double qc, double er, int atoms) {
        public Option {
            Objects.requireNonNull(params, "params");
        }
    }
}
