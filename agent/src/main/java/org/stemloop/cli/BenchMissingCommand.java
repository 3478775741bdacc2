package org.stemloop.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code stemloop bench} when the bench jar is not on the classpath: the benchmarks ship apart from
 * the product (the bench module), so this says in one line where they are instead of "unknown command".
 */
@Command(name = "bench", description = "Benchmarks: in the second jar, bench/target/stemloop-bench.jar.")
final class BenchMissingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stemloop bench: the benchmarks ship in a second jar; run"
                + " java -jar bench/target/stemloop-bench.jar bench ... (mvn package builds it beside"
                + " agent/target/stemloop.jar, which it needs)");
        return 1;
    }
}
