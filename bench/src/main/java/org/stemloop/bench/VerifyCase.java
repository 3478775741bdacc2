package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * One case of the equality sweep: a simulated frame stored in some dtype, and detector parameters.
 *
 * @param id     names the case and its file ({@code id + ".npy"})
 * @param spec   the simulated frame (material, size, pixel size, rotation, noise, seed)
 * @param dtype  how the frame is stored
 * @param params the detector parameters
 */
public record VerifyCase(String id, SimulationSpec spec, SampleDtype dtype, LogParams params) {

    public VerifyCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(params, "params");
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("Case id must be a plain file name: " + id);
        }
    }

    /** Simulates the frame and writes it to {@code dir/id.npy}; returns the file. */
    public Path write(Path dir) throws IOException {
        Path file = dir.resolve(id + ".npy");
        dtype.write(Simulator.simulate(spec).frame(), file);
        return file;
    }

    /** One line for a person: the frame and every parameter, as blob_log's keywords. */
    public String describe() {
        Material m = spec.material();
        Noise n = spec.noise();
        Defects d = spec.defects();
        return "%s: %s %dx%d %s, %.3f A/px, rot %.1f deg, noise %.3f%s, seed %d; blob_log(%s)".formatted(
                id, m.id(), spec.height(), spec.width(), dtype.numpyName(), spec.pixelSizeAngstrom(),
                spec.rotationDegrees(), n.level(), d.any() ? ", dopants " + d.dopantFraction() : "", spec.seed(),
                SkimageBlobLog.kwargs(params).toString());
    }
}
