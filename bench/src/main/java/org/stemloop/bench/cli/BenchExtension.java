package org.stemloop.bench.cli;

import org.stemloop.cli.CliExtension;

/**
 * Adds {@code stemloop bench ...} to the agent's command line when this module's jar is on the
 * classpath (registered in {@code META-INF/services/org.stemloop.cli.CliExtension}).
 */
public final class BenchExtension implements CliExtension {

    @Override
    public Object command() {
        return new BenchCommand();
    }
}
