package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {

    @TempDir
    Path dir;

    private EvaluateCommandTest.Run withStdin(String stdin, String... args) {
        InputStream old = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            return EvaluateCommandTest.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void addsAViewerWithAHashedPasswordFromStandardInput() throws Exception {
        Path users = dir.resolve("users.txt");
        var run = withStdin("a-long-password\n", "users", "add", "ada", "--file", users.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("ada is a viewer in");
        assertThat(Files.readString(users)).contains("ada viewer pbkdf2-sha256$").doesNotContain("a-long-password");
    }

    @Test
    void refusesShortPasswordsUnknownRolesAndActions() {
        Path users = dir.resolve("users.txt");
        assertThat(withStdin("short\n", "users", "add", "bob", "--file", users.toString()).code()).isEqualTo(2);
        assertThat(withStdin("a-long-password\n", "users", "add", "bob", "--role", "admin", "--file",
                users.toString()).code()).isEqualTo(2);
        assertThat(withStdin("a-long-password\n", "users", "remove", "bob").code()).isEqualTo(2);
        assertThat(users).doesNotExist();
    }
}
