package org.stemloop.cli;

/**
 * Subcommands that live in another jar and join {@code stemloop} when that jar is on the classpath,
 * found with {@link java.util.ServiceLoader} (a {@code META-INF/services/org.stemloop.cli.CliExtension}
 * file). The bench module adds {@code stemloop bench ...} this way, so the product jar carries no
 * benchmark code.
 */
public interface CliExtension {

    /** A new picocli command object (annotated with {@code @Command}) to add under {@code stemloop}. */
    Object command();
}
