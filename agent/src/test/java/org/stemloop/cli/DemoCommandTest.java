package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void brokerTwinAndAgentAnswerEveryFrameThenStop() {
        var run = EvaluateCommandTest.run("demo", "--mqtt-port", "0", "--frames", "2", "--size", "96", "--rate", "5",
                "--db", "jdbc:h2:" + dir.resolve("demo").toAbsolutePath());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("broker   tcp://127.0.0.1:", "database jdbc:h2:")
                .contains("frame twin-000001: ", "frame twin-000002: ");
    }

    @Test
    void withAnHttpPortTheWebUiStartsAndAGeneratedPasswordIsPrintedOnce() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("STEMLOOP_PASSWORD") == null,
                "STEMLOOP_PASSWORD is set: no password is generated");
        Path users = dir.resolve("users.txt");
        var run = EvaluateCommandTest.run("demo", "--mqtt-port", "0", "--frames", "1", "--size", "64", "--rate", "5",
                "--http-port", "0", "--users", users.toString(), "--db", "jdbc:h2:" + dir.resolve("web").toAbsolutePath());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("web      http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("web login operator / [A-Za-z0-9_-]{24} \\(generated once");
        assertThat(java.nio.file.Files.readString(users)).startsWith("# stemloop web users")
                .contains("operator operator pbkdf2-sha256$");
    }
}
