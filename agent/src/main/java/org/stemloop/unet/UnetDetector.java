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
    private final ModelCard card;

    /** A detector that uses frames as they are (no model card: no resampling, min-max normalisation). */
    public UnetDetector(UnetEnsemble ensemble, HeatmapAtoms coordinates) {
        this(ensemble, coordinates, null);
    }

    /**
     * A detector for models trained as {@code card} says (null: frames used as they are).
     */
    public UnetDetector(UnetEnsemble ensemble, HeatmapAtoms coordinates, ModelCard card) {
        this.ensemble = ensemble;
        this.coordinates = coordinates;
        this.card = card;
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
        ModelCard card = commonCard(modelsOrFiles);
        List<OnnxSegmenter> members = new ArrayList<>();
        try {
            for (String m : modelsOrFiles) {
                if (ShippedModels.isShipped(m)) {
                    List<byte[]> shipped = ShippedModels.memberBytes(m);
                    for (int k = 0; k < shipped.size(); k++) {
                        String label = shipped.size() == 1 ? m : "%s[%d/%d]".formatted(m, k + 1, shipped.size());
                        members.add(OnnxSegmenter.load(label, shipped.get(k)));
                    }
                } else {
                    members.add(OnnxSegmenter.load(m, bytes(m)));
                }
            }
        } catch (RuntimeException e) {
            members.forEach(OnnxSegmenter::close);
            throw e;
        }
        return new UnetDetector(new UnetEnsemble(members), coordinates, card);
    }

    /**
     * The card the members share: all must have one with the same pixel size and normalisation,
     * or none may (then frames are used as they are).
     */
    private static ModelCard commonCard(List<String> modelsOrFiles) {
        List<java.util.Optional<ModelCard>> cards = modelsOrFiles.stream().map(ModelCard::find).toList();
        ModelCard first = cards.get(0).orElse(null);
        for (int i = 1; i < cards.size(); i++) {
            ModelCard c = cards.get(i).orElse(null);
            boolean same = first == null ? c == null : c != null && c.pixelSizeAngstrom() == first.pixelSizeAngstrom()
                    && c.normalisation().equals(first.normalisation());
            if (!same) {
                throw new UnetModelException("Ensemble members " + modelsOrFiles.get(0) + " and " + modelsOrFiles.get(i)
                        + " were trained differently (model cards differ in pixel size or normalisation, or one has none)");
            }
        }
        return first;
    }

    private static byte[] bytes(String modelOrFile) {
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

    /**
     * Finds the atoms of {@code frame}: resampled to the model's training pixel size (from the
     * frame's pixel size, else its FFT lattice; {@link FrameScale}), normalised as in training, run,
     * and the atoms and maps brought back to the frame's pixels.
     *
     * @throws UnetScaleException when the model has a card, the frame no pixel size and no lattice
     */
    public Result detect(Frame frame) {
        long start = System.nanoTime();
        FrameScale scale = card == null ? FrameScale.nativeScale(frame) : FrameScale.choose(frame, card);
        UnetInput.Normalisation normalisation = card == null ? UnetInput.Normalisation.MIN_MAX : card.normalisation();
        UnetEnsemble.Prediction p = ensemble.predict(scale.apply(frame), normalisation);
        long inferred = System.nanoTime();
        // the edge exclusion is in frame pixels; the components are found in the model's grid
        HeatmapAtoms inGrid = coordinates.withEdge(coordinates.edge() / scale.rowStep());
        List<UnetAtom> atoms = inGrid.find(p.mean(), ensemble.members().size() > 1 ? p.variance() : null).stream()
                .map(scale::back).toList();
        Heatmap mean = scale.back(p.mean());
        Heatmap variance = scale.back(p.variance());
        long done = System.nanoTime();
        return new Result(atoms, mean, variance, (inferred - start) / 1e6, (done - inferred) / 1e6, scale);
    }

    /** The card the models were loaded with, or null (frames used as they are). */
    public ModelCard card() {
        return card;
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
     * @param inferenceMs time from frame to heatmap: the scale (FFT estimate when needed), resampling, normalisation, padding and ONNX Runtime
     * @param coordsMs    time from heatmap to coordinates (and the maps back to the frame's grid)
     * @param scale       how the frame was resampled for the model
     */
    public record Result(List<UnetAtom> atoms, Heatmap mean, Heatmap variance, double inferenceMs, double coordsMs,
            FrameScale scale) {
        public Result {
            atoms = List.copyOf(atoms);
        }
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
