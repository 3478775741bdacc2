package org.stemloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the evaluate command lands. */
@Command(name = "evaluate", description = "not yet available")
final class EvaluateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
