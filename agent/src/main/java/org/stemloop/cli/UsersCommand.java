package org.stemloop.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stemloop.web.Role;
import org.stemloop.web.UserFile;
import org.stemloop.web.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code users add NAME}: adds (or replaces) a user of the web UI in its users file. */
@Command(name = "users",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Adds or replaces a user of the web UI (docs/web.md): users add NAME [--role viewer|operator].",
                "The password comes from the environment variable " + UsersCommand.PASSWORD_ENV + " or, without",
                "it, from the first line of standard input; never from a flag. Stored as a PBKDF2 hash.",
                ""})
final class UsersCommand implements Callable<Integer> {

    static final String PASSWORD_ENV = "STEMLOOP_NEW_USER_PASSWORD";
    private static final int MIN_LENGTH = UserFile.MIN_PASSWORD;

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "add", description = "The action: add.")
    String action;

    @Parameters(index = "1", paramLabel = "NAME", description = "User name: letters, digits, '.', '_', '-'.")
    String name;

    @Option(names = "--role", paramLabel = "viewer|operator", defaultValue = "viewer",
            description = "viewer watches; operator also decides (default ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--file", paramLabel = "FILE", description = "Users file (default stemloop-data/users.txt).")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!action.equals("add")) {
            throw new Cli.InputException("users knows one action, add; got: " + action);
        }
        Role r;
        try {
            r = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.length() < MIN_LENGTH) {
            throw new Cli.InputException("The password (from " + PASSWORD_ENV + " or standard input) must have at least "
                    + MIN_LENGTH + " characters");
        }
        Path users = file == null ? WebConfig.DEFAULT_USERS_FILE : file;
        try {
            UserFile.load(users).put(name, r, password.toCharArray());
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
        command.commandLine().getOut().printf("%s is a %s in %s%n", name, r.id(), users);
        command.commandLine().getOut().flush();
        return 0;
    }
}
