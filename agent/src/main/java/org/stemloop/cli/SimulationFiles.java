package org.stemloop.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.stemloop.image.NpyWriter;
import org.stemloop.image.Overlay;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticTruthJson;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.TrueAtom;
import org.stemloop.sim.TruthJson;

/**
 * What {@code simulate} writes into its folder: {@code frame.npy}, {@code truth.json} and {@code truth.png}
 * (the frame with each true atom marked, coloured by its label, for a person to look at).
 */
record SimulationFiles(Path frame, Path truth, Path picture) {

    private static final Map<String, Color> LABEL_COLOURS = Map.of(
            "C", new Color(0x2ca02c), "Si", new Color(0xd62728), "Sr", new Color(0xff7f0e),
            "Ti-O", new Color(0x1f77b4), "amorphous", new Color(0x9467bd));

    /** An idealised frame and its truth. */
    static SimulationFiles write(SimulatedFrame simulated, Path dir) throws IOException {
        SimulationFiles files = in(dir);
        NpyWriter.write(simulated.frame(), files.frame);
        TruthJson.write(simulated, files.truth);
        truthPicture(simulated).write(files.picture);
        return files;
    }

    /** A realistic frame (counts) and its truth, which keeps the true and the told pixel size. */
    static SimulationFiles write(RealisticFrame simulated, Preset preset, Path dir) throws IOException {
        SimulationFiles files = in(dir);
        NpyWriter.write(simulated.frame(), files.frame);
        RealisticTruthJson.write(simulated, preset, files.truth);
        truthPicture(simulated.asSimulated()).write(files.picture);
        return files;
    }

    private static SimulationFiles in(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new SimulationFiles(dir.resolve("frame.npy"), dir.resolve("truth.json"), dir.resolve("truth.png"));
    }

    private static Overlay truthPicture(SimulatedFrame simulated) {
        int zoom = Math.max(1, Math.min(4, 1024 / Math.max(simulated.frame().height(), simulated.frame().width())));
        Overlay picture = Overlay.of(simulated.frame()).zoom(zoom);
        for (TrueAtom atom : simulated.atoms()) {
            picture.cross(atom.row(), atom.col(), 3, LABEL_COLOURS.getOrDefault(atom.label(), Color.WHITE));
        }
        return picture;
    }
}
