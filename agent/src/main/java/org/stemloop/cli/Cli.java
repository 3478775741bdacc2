package org.stemloop.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.stemloop.image.ImageFormatException;
import picocli.CommandLine;

/**
 * How every subcommand reports trouble: one line on stderr that says what is wrong, exit code 2
 * for bad input (options, files), 1 for anything unexpected; never a bare stack trace. Public for
 * the subcommands of other modules ({@link CliExtension}: the bench module).
 */
public final class Cli {

    /** The exit code for bad input (options, files). */
    public static final int BAD_INPUT = 2;

    private Cli() {
    }

    /** {@code command} (a picocli command object, or a CommandLine with all its subcommands added) with the handlers. */
    static CommandLine newCommandLine(Object command) {
        CommandLine cl = command instanceof CommandLine given ? given : new CommandLine(command);
        cl.setParameterExceptionHandler(Cli::onBadArguments);
        cl.setExecutionExceptionHandler(Cli::onFailure);
        return cl;
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("stemloop " + e.getCommandLine().getCommandName() + ": " + e.getMessage()
                + " (see --help)");
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && u.getUnmatched().stream().anyMatch(a -> a.startsWith("--") && a.contains("password"))) {
            // a command line is visible to every user of the machine (ps, /proc): say where secrets go instead
            err.println("  passwords never go on the command line: put them in the config file (password = ..., or"
                    + " password-file = FILE) or in the environment (STEMLOOP_BROKER_PASSWORD, STEMLOOP_PASSWORD,"
                    + " STEMLOOP_NEW_USER_PASSWORD); see docs/operations.md");
        }
        return BAD_INPUT;
    }

    private static int onFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String name = cl.getCommandName();
        if (e instanceof ImageFormatException || e instanceof IllegalArgumentException
                || e instanceof InputException) {
            err.println("stemloop " + name + ": " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            err.println("stemloop " + name + ": " + e.getMessage());
            return 1;
        }
        err.println("stemloop " + name + ": unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (System.getenv("STEMLOOP_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return 1;
    }

    /** Bad input found while running a command (a wrong file, inconsistent options): exit code 2. */
    public static final class InputException extends RuntimeException {
        /** @param message what is wrong, naming the option or file */
        public InputException(String message) {
            super(message);
        }
    }
}
