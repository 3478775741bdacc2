package org.stemloop.bench.cli;

import java.util.concurrent.Callable;
import org.stemloop.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stemloop bench}: the benchmarks, one subcommand each ({@code blobs}, {@code front},
 * {@code latency} (the agent through a broker), {@code soak} (the same for minutes or hours); {@code noise},
 * {@code timing} and {@code window} slot in beside it).
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
                "Benchmarks behind the project's published numbers: tables (CSV,",
                "Markdown, JSON) and figures in an output folder. Name one:"},
        subcommands = {BenchBlobsCommand.class, BenchFrontCommand.class, BenchWindowCommand.class,
                BenchLatencyCommand.class, BenchSoakCommand.class, BenchNoiseCommand.class, BenchTimingCommand.class,
                BenchRealCommand.class, BenchReportCommand.class, BenchUnetCommand.class, BenchRefineCommand.class,
                BenchTrackCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new Cli.InputException("name a benchmark: " + String.join(", ", spec.subcommands().keySet())
                + " (see stemloop bench --help)");
    }
}
