package org.stemloop.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stemloop} command line: one entry point, one subcommand per job.
 */
@Command(name = "stemloop",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Unsupervised, reward-driven atom finding for automated STEM.",
                "Finds atoms with a Laplacian-of-Gaussian blob detector (LoG) equal to scikit-image's blob_log."},
        subcommands = {
                InfoCommand.class,
                BlobsCommand.class,
                SimulateCommand.class,
                EvaluateCommand.class,
                AnalyzeCommand.class,
                UnetCommand.class,
                RunCommand.class,
                DemoCommand.class,
                UsersCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 bad input). */
    public static int run(String... args) {
        return Cli.newCommandLine(withExtensions(new CommandLine(new Main()))).execute(args);
    }

    /**
     * Adds the subcommands of other jars on the classpath ({@link CliExtension}: {@code bench} from the
     * bench module), or, without the bench jar, a {@code bench} that says where the benchmarks are.
     */
    static CommandLine withExtensions(CommandLine root) {
        for (CliExtension extension : ServiceLoader.load(CliExtension.class, Main.class.getClassLoader())) {
            root.addSubcommand(extension.command());
        }
        if (!root.getSubcommands().containsKey("bench")) {
            root.addSubcommand(new BenchMissingCommand());
        }
        return root;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
