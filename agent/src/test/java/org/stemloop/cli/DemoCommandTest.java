package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
