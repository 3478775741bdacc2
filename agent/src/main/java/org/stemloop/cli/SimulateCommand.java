package org.stemloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the simulate command lands. */
@Command(name = "simulate", description = "not yet available")
final class SimulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
