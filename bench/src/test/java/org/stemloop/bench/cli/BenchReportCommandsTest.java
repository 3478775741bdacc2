package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.cli.CliRun;
import org.stemloop.testsupport.RealData;

/** {@code bench timing}, {@code bench real} and the report they write. */
class BenchReportCommandsTest {

    @TempDir
    Path dir;

    @Test
    void timingMeasuresEveryStepBesideThePapersFigure() throws IOException {
        CliRun run = CliRun.of("bench", "timing", "--sizes", "96", "--runs", "1", "--out",
                dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[timing] 96 x 96 log* optimisation: median", "[timing] 96 x 96 log detection");
        List<String> csv = Files.readAllLines(dir.resolve("timing.csv"));
        assertThat(csv.get(0)).isEqualTo("size,step,runs,median_ms,min_ms,paper_ms,paper_note");
        assertThat(csv.subList(1, csv.size())).extracting(l -> l.split(",")[1])
                .containsExactly("log* optimisation", "log detection", "unet inference");
        assertThat(csv.get(2).split(",")[5]).as("the paper's LoG time").isEqualTo("100.0");
        assertThat(Double.parseDouble(csv.get(1).split(",")[3])).isPositive();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Timing</h2>", "log* optimisation");
    }

    @Test
    void realImagesAreAnalysedAgainstTheLatticeAndAtomNet() throws IOException {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        // links, not copies: the real data stays outside the repository and the temp folder alike
        for (String name : List.of("graphene_si_2nm.npy", "graphene_si_2nm.atomnet.json")) {
            Files.createSymbolicLink(images.resolve(name), RealData.file(name).toAbsolutePath());
        }
        Files.writeString(images.resolve("broken.npy"), "not an image");
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("bench", "real", "--images", images.toString(), "--out",
                out.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[real 2/2] graphene_si_2nm log* material:", "[real 2/2] graphene_si_2nm log* fft:",
                "vs AtomNet", "[real] skipped", "broken.npy");
        List<String> csv = Files.readAllLines(out.resolve("real_images.csv"));
        assertThat(csv).as("header, LoG* with the material's and the FFT's lattice, the U-Net").hasSize(4);
        assertThat(csv.subList(1, 4)).extracting(l -> l.split(",")[5]).containsExactly("log* material", "log* fft", "unet");
        for (String row : csv.subList(1, 3)) {
            String[] f = row.split(",");
            assertThat(f[0]).isEqualTo("graphene_si_2nm");
            assertThat(f[4]).isEqualTo("bright");
            assertThat(Double.parseDouble(f[10])).as("found / expected on the crystal: " + row).isBetween(0.8, 1.2);
            assertThat(Integer.parseInt(f[11])).as("AtomNet atoms").isEqualTo(140);
            assertThat(Double.parseDouble(f[12])).as("F1 against AtomNet: " + row).isGreaterThan(0.8);
        }
        assertThat(ImageIO.read(out.resolve("real_graphene_si_2nm_overlay.png").toFile())).isNotNull();
        assertThat(ImageIO.read(out.resolve("real_images_sheet.png").toFile())).isNotNull();
        assertThat(Files.readString(out.resolve("real_images.md"))).contains("| graphene_si_2nm | npy | 256 x 256 | bright | log* fft |");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>Real images</h2>",
                "real_graphene_si_2nm_overlay.png", "real_images_sheet.png", "Skipped: ");
        for (String name : List.of("graphene_si_2nm.npy", "graphene_si_2nm.atomnet.json")) {
            Files.delete(images.resolve(name)); // JUnit warns about links it has to clean up
        }
    }

    @Test
    void aMissingImageFolderIsNamed() {
        CliRun run = CliRun.of("bench", "real", "--images", dir.resolve("nope").toString(),
                "--out", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no image folder at").contains("nope");
    }
}
