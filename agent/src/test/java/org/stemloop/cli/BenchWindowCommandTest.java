package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchWindowCommandTest {

    @TempDir
    Path dir;

    @Test
    void comparesWholeFrameConsensusAndPerWindowOnBothMaterials() throws IOException {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("bench", "window", "--sizes", "160", "--window", "128",
                "--noise", "0.2", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        List<String> lines = Files.readAllLines(dir.resolve("window_bench.csv"));
        assertThat(lines.get(0)).isEqualTo("size,material,noise,seed,method,window,windows,ms,atoms,qc,er,precision,recall,f1");
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(1, 7)).extracting(l -> l.split(",")[4])
                .containsExactly("whole", "consensus", "per-window", "whole", "consensus", "per-window");
        for (String l : lines.subList(1, 7)) {
            String[] f = l.split(",");
            assertThat(f[6]).isEqualTo(f[4].equals("whole") ? "1" : "4");
            assertThat(Double.parseDouble(f[13])).as(l).isGreaterThan(0.85);
        }
        assertThat(r.out()).contains("per-window");
    }
}
