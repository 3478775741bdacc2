package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Without the bench module's jar on the classpath, {@code stemloop bench} says where the benchmarks are. */
class BenchMissingCommandTest {

    @Test
    void benchWithoutTheBenchJarNamesTheSecondJar() {
        CliRun run = CliRun.of("bench", "blobs", "--quick", "--out", "/nonexistent");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("stemloop bench: ").contains("bench/target/stemloop-bench.jar")
                .doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }
}
