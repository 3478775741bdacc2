package org.stemloop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the blobs command lands. */
@Command(name = "blobs", description = "not yet available")
final class BlobsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
