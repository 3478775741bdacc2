package org.stemloop.bench;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether Debian's scikit-image is importable from {@code /usr/bin/python3}: tests that compare
 * against it skip without it, except under {@code CI=true} (CI installs python3-skimage), where
 * they fail with what is missing.
 */
public final class SkimagePresence {

    /** The interpreter the tests use. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private SkimagePresence() {
    }

    /** Returns when scikit-image can be imported; otherwise skips (or fails under CI) with the reason. */
    public static void require() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        String why = missing + " (install Debian's python3-skimage: apt-get install python3-skimage)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    private static String missing() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " is missing";
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import skimage.feature, scipy, numpy")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " took over 60 s to import scikit-image";
            }
            return p.exitValue() == 0 ? null : PYTHON + " cannot import scikit-image (skimage.feature, scipy, numpy)";
        } catch (IOException e) {
            return PYTHON + " cannot be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking " + PYTHON;
        }
    }
}
