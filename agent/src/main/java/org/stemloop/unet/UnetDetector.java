package org.stemloop.unet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.image.Frame;

/**
 * The U-Net atom finder, the seam the rest of stemloop calls: a frame in, atom coordinates (and
 * the ensemble's mean and variance maps) out. No Vert.x, no I/O after loading.
 *
 * {@snippet :
 * try (UnetDetector unet = UnetDetector.load("graphene")) {
 *     UnetDetector.Result r = unet.detect(frame);
 *     for (UnetAtom a : r.atoms()) { ... a.row(), a.col() ... }
 * }
 * }
 *
 * <p>Thread-safe; blocking (tens to hundreds of ms per frame): call it off any event loop.
 */
public final class UnetDetector implements AutoCloseable {

    private final UnetEnsemble ensemble;
    private final HeatmapAtoms coordinates;

    public UnetDetector(UnetEnsemble ensemble, HeatmapAtoms coordinates) {
        this.ensemble = ensemble;
        this.coordinates = coordinates;
    }

    /**
     * Loads a shipped model ({@code graphene}, {@code srtio3}) or an ONNX file, with AtomAI's
     * threshold and no edge exclusion ({@link HeatmapAtoms#DEFAULT}).
     */
    public static UnetDetector load(String modelOrFile) {
        return load(List.of(modelOrFile), HeatmapAtoms.DEFAULT);
    }

    /**
     * Loads an ensemble: each entry a shipped model name or an ONNX file path.
     *
     * @throws UnetModelException naming the first entry that is missing or not a usable U-Net
     */
    public static UnetDetector load(List<String> modelsOrFiles, HeatmapAtoms coordinates) {
        List<OnnxSegmenter> members = new ArrayList<>();
        try {
            for (String m : modelsOrFiles) {
                members.add(OnnxSegmenter.load(m, bytes(m)));
            }
        } catch (RuntimeException e) {
            members.forEach(OnnxSegmenter::close);
            throw e;
        }
        return new UnetDetector(new UnetEnsemble(members), coordinates);
    }

    private static byte[] bytes(String modelOrFile) {
        if (ShippedModels.isShipped(modelOrFile)) {
            return ShippedModels.bytes(modelOrFile);
        }
        Path file = Path.of(modelOrFile);
        if (!Files.isRegularFile(file)) {
            throw new UnetModelException("Model " + modelOrFile + ": no such file, and not a shipped model ("
                    + String.join(", ", ShippedModels.NAMES) + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UnetModelException("Model " + modelOrFile + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Finds the atoms of {@code frame}. */
    public Result detect(Frame frame) {
        long start = System.nanoTime();
        UnetEnsemble.Prediction p = ensemble.predict(frame);
        long inferred = System.nanoTime();
        List<UnetAtom> atoms = coordinates.find(p.mean(), ensemble.members().size() > 1 ? p.variance() : null);
        long done = System.nanoTime();
        return new Result(atoms, p.mean(), p.variance(), (inferred - start) / 1e6, (done - inferred) / 1e6);
    }

    /** The models and where they run. */
    public UnetEnsemble ensemble() {
        return ensemble;
    }

    /**
     * Atoms and maps of one frame.
     *
     * @param atoms       found atoms
     * @param mean        ensemble mean probability
     * @param variance    ensemble variance (zeros for one model)
     * @param inferenceMs time in ONNX Runtime, normalisation and padding included
     * @param coordsMs    time from heatmap to coordinates
     */
    public record Result(List<UnetAtom> atoms, Heatmap mean, Heatmap variance, double inferenceMs, double coordsMs) {
        public Result {
            atoms = List.copyOf(atoms);
        }
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
