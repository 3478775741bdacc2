package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InfoCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cli.newCommandLine(new InfoCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(InfoCommandTest.class.getResource("/image/" + name).toURI());
    }

    @Test
    void printsOneLinePerFile() throws Exception {
        Path velox = fixture("emd_velox_stack.emd");
        Path npy = fixture("npy_uint8_C.npy");

        int code = run(velox.toString(), npy.toString());

        assertThat(code).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith(velox + ": Velox EMD, 3x5, uint16 -> float64, min ")
                .endsWith("pixel size 0.2500 A");
        assertThat(lines[1]).contains("NPY, 3x5, uint8 -> float64").contains("max 1.00000,").endsWith("pixel size unknown");
    }

    @Test
    void badFileIsOneLineOnStderrAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.npy"), "not numpy");

        int code = run(bad.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("stemloop info: " + bad
                + ": the extension says NPY but the content is no supported format (starts with 6e 6f 74 20 6e 75 6d 70)"
                + System.lineSeparator());
    }

    @Test
    void noFileIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("IMAGE");
    }
}
