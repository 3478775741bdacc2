package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real STEM images of the workplace live ({@code ../shared/data/real/} beside the
 * repository). They are never copied into the repository: tests that need them skip with a
 * message when the folder is absent, except under {@code CI=true}, where a missing folder fails.
 */
public final class RealData {

    private RealData() {
    }

    /** The folder of real images, or the test is skipped (failed under CI) with the reason. */
    public static Path folder() {
        Path dir = locate();
        if (!Files.isDirectory(dir)) {
            String why = "real images not found at " + dir.toAbsolutePath().normalize()
                    + " (they live in ../shared/data/real beside the repository; set STEMLOOP_SHARED to another shared/ folder)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return dir;
    }

    /** One real image by file name. */
    public static Path file(String name) {
        Path p = folder().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("real image " + name + " missing from " + folder());
        }
        return p;
    }

    /** Every image file in the folder (README and AtomNet predictions excluded), sorted by name. */
    public static List<Path> images() {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.getFileName().toString().matches(".*\\.(npy|png|tif|tiff|emd)$")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder(), e);
        }
    }

    private static Path locate() {
        String shared = System.getenv("STEMLOOP_SHARED");
        // the pom points STEMLOOP_SHARED two levels above the module, right for /work/main but not for a
        // worktree one level deeper: a setting that holds no images falls back to walking up
        if (shared != null && !shared.isBlank() && Files.isDirectory(Path.of(shared, "data", "real"))) {
            return Path.of(shared, "data", "real");
        }
        // Tests run from the module folder (agent/); shared/ sits beside the repository.
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return cwd.resolve("../../shared/data/real");
    }
}
