package org.stemloop.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.BrokerTls;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Noise;
import org.stemloop.sim.Contrast;
import org.stemloop.sim.Preset;
import org.stemloop.sim.Probe;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: a synthetic HAADF frame with its ground truth (DESIGN.md §3). */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Simulates a HAADF-STEM frame of graphene or SrTiO3 [001] with its true atoms.",
                "Writes DIR/frame.npy (float64), DIR/truth.json (material, pixel size, noise and",
                "atoms [[row, col, label], ...] in pixels, pixel centres at integers) and",
                "DIR/truth.png (the frame with the true atoms marked, coloured by label).",
                "Noise as in Barakati et al. 2024: the frame is normalised to [0, 1], then",
                "Gaussian noise of standard deviation L is added (no clipping).",
                "With --mqtt URL it is a digital-twin microscope instead: frames of an evolving",
                "sample (graphene: Si dopants hop, vacancies grow into holes; or SrTiO3) go to",
                "stemloop/<instrument>/frames at --rate, each one's true atoms to .../truth;",
                "{\"size\": N, \"rate\": R} on .../twin changes size and rate. Ctrl-C stops.",
                "--realistic (the HAADF preset of --material) or --preset NAME draws a frame as a",
                "microscope records it: probe tails, background, carbon texture, a finite dose",
                "(counts), scan jitter and drift, random rotation, a vacuum hole and contamination",
                "(no atoms in the truth there), thickness variation, and a pixel size told a few",
                "percent off (truth.json keeps both); see docs/simulator.md.",
                "With --username (the ACL's microscope) the password comes from the environment",
                "variable STEMLOOP_BROKER_PASSWORD, never from a flag; --broker-ca for ssl:// URLs.",
                ""})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--material", paramLabel = "graphene|srtio3",
            description = "Crystal: graphene (a = 2.46 Å) or srtio3 ([001], a = 3.905 Å; Sr and Ti-O columns);"
                    + " required unless --preset (with --replay it is only passed on with the frames).")
    String material;

    @Option(names = "--replay", paramLabel = "PATH",
            description = "With --mqtt: publish the frames of this stack (.dm3/.dm4, .ser, .mrc, multi-page .tif) or"
                    + " folder of images at --rate instead of simulating: a recorded session as a live stream.")
    Path replay;

    @Option(names = "--loop", description = "With --replay: start over after the last frame (until --frames or Ctrl-C).")
    boolean loop;

    @Option(names = "--realistic",
            description = "A realistic frame: the HAADF preset of --material (haadf-nion-graphene or haadf-srtio3).")
    boolean realistic;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "A realistic frame from a named preset: haadf-nion-graphene, haadf-srtio3, abf-srtio3.")
    String preset;

    @Option(names = "--dose", paramLabel = "E",
            description = "Realistic: mean detected electrons per pixel, Poisson counts; 0 = noiseless (default: the preset's).")
    Double dose;

    @Option(names = "--calibration-error", paramLabel = "F",
            description = "Realistic: the frame's pixel size is told (1 + F) times the true one, -0.2-0.2 (default: the preset's 0.03).")
    Double calibrationError;

    @Option(names = "--contrast", paramLabel = "haadf|abf",
            description = "Realistic: bright columns (haadf) or dark columns on a bright background (abf) (default: the preset's).")
    String contrast;

    @Option(names = "--size", paramLabel = "N", defaultValue = "512",
            description = "Frame height in pixels, 16-8192 (default ${DEFAULT-VALUE}); also the width unless --width.")
    int size;

    @Option(names = "--width", paramLabel = "W", description = "Frame width in pixels, 16-8192 (default: --size).")
    Integer width;

    @Option(names = "--noise", paramLabel = "L", defaultValue = "0.0",
            description = "Noise level L: std of Gaussian noise added to the [0, 1] frame, 0-0.9 in the paper (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed: lattice shift, defects and noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (created if missing); required unless --mqtt.")
    Path out;

    @Option(names = "--mqtt", paramLabel = "URL",
            description = "Publish to this MQTT 5 broker (tcp://host:port) as a digital twin instead of writing files.")
    String mqtt;

    @Option(names = "--username", paramLabel = "U",
            description = "With --mqtt: broker user name (broker-config/stemloop.acl: microscope); the password from "
                    + RunCommand.PASSWORD_ENV + ".")
    String username;

    @Option(names = "--broker-ca", paramLabel = "CA.pem",
            description = "With --mqtt ssl://...: PEM file of the CA that signed the broker's certificate"
                    + " (default: the JDK's CAs). The host name is always verified.")
    Path brokerCa;

    @Option(names = "--instrument", paramLabel = "ID", defaultValue = Topics.DEFAULT_INSTRUMENT,
            description = "With --mqtt: the instrument id of the topics (default ${DEFAULT-VALUE}).")
    String instrument;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "1",
            description = "With --mqtt: frames per second, up to 100 (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
            description = "With --mqtt: stop after N frames; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--pixel-size", paramLabel = "Å",
            description = "Pixel size in Å, 0.01-1 (default: graphene 0.14, srtio3 0.25, i.e. ~10-11 px between neighbours).")
    Double pixelSize;

    @Option(names = "--rotation", paramLabel = "DEG", defaultValue = "0",
            description = "Lattice rotation in degrees, counter-clockwise on screen (default ${DEFAULT-VALUE}).")
    double rotation;

    @Option(names = "--probe-fwhm", paramLabel = "Å", defaultValue = "0.9",
            description = "Spot width (probe FWHM) in Å, 0.1-5 (default ${DEFAULT-VALUE}).")
    double probeFwhm;

    @Option(names = "--dopants", paramLabel = "F", defaultValue = "0",
            description = "Fraction of graphene C atoms replaced by Si, 0-1 (default ${DEFAULT-VALUE}).")
    double dopants;

    @Option(names = "--vacancies", paramLabel = "F", defaultValue = "0",
            description = "Fraction of lattice atoms (columns) removed, 0-1 (default ${DEFAULT-VALUE}).")
    double vacancies;

    @Option(names = "--holes", paramLabel = "N", defaultValue = "0",
            description = "Number of holes (disks without atoms) (default ${DEFAULT-VALUE}).")
    int holes;

    @Option(names = "--hole-radius", paramLabel = "Å", defaultValue = "5",
            description = "Hole radius in Å (default ${DEFAULT-VALUE}).")
    double holeRadius;

    @Option(names = "--amorphous", paramLabel = "F", defaultValue = "0",
            description = "Area fraction of one amorphous carbon patch in graphene, 0-0.9 (default ${DEFAULT-VALUE}).")
    double amorphous;

    @Option(names = "--shot-noise", paramLabel = "DOSE", defaultValue = "0",
            description = "Poisson shot noise: mean electrons per pixel, applied before normalisation; 0 = off (default ${DEFAULT-VALUE}).")
    double shotDose;

    @Option(names = "--scan-noise", paramLabel = "PX", defaultValue = "0",
            description = "Scan-row jitter: std of each row's sideways shift in pixels; 0 = off (default ${DEFAULT-VALUE}).")
    double scanJitter;

    @Override
    public Integer call() throws Exception {
        if (replay != null) {
            if (mqtt == null) {
                throw new IllegalArgumentException("--replay needs --mqtt URL (the broker to publish to)");
            }
            return ReplayRun.run(replay, material, rate, frames, loop, brokerSettings(System.getenv(RunCommand.PASSWORD_ENV)),
                    command.commandLine().getOut(), command.commandLine().getErr());
        }
        if (realistic || preset != null) {
            return writeRealistic();
        }
        if (material == null) {
            throw new IllegalArgumentException("give --material graphene|srtio3 (or --preset NAME)");
        }
        SimulationSpec spec = spec();
        if (mqtt != null) {
            return TwinRun.run(spec, rate, frames, brokerSettings(System.getenv(RunCommand.PASSWORD_ENV)),
                    command.commandLine().getOut());
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out DIR (files) or --mqtt URL (digital twin)");
        }
        SimulatedFrame simulated = Simulator.simulate(spec);
        SimulationFiles files = SimulationFiles.write(simulated, out);
        command.commandLine().getOut().printf("simulated %s %d x %d px at %s Å/px, noise %s, %d atoms: wrote %s, %s and %s%n",
                spec.material().id(), spec.height(), spec.width(), spec.pixelSizeAngstrom(), spec.noise().level(),
                simulated.atoms().size(), files.frame(), files.truth(), files.picture());
        command.commandLine().getOut().flush();
        return 0;
    }

    /** {@code --realistic} / {@code --preset}: frame.npy (counts), truth.json (true and told pixel size), truth.png. */
    private int writeRealistic() throws IOException {
        if (mqtt != null) {
            throw new IllegalArgumentException("--realistic and --preset write files; the digital twin (--mqtt) does not draw realistic frames yet");
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out DIR");
        }
        Preset chosen = realisticPreset();
        RealisticSpec spec = realisticSpec(chosen);
        RealisticFrame simulated = Simulator.realistic(spec, seed);
        SimulationFiles files = SimulationFiles.write(simulated, chosen, out);
        command.commandLine().getOut().printf("simulated %s (%s) %d x %d px at %s Å/px (told %s), dose %s e/px,"
                        + " rotation %.2f°, %d atoms, crystal %.1f%% of the frame: wrote %s, %s and %s%n",
                spec.material().id(), chosen.id(), spec.height(), spec.width(), spec.pixelSizeAngstrom(),
                Math.round(spec.toldPixelSizeAngstrom() * 1e6) / 1e6, spec.doseElectronsPerPixel(), simulated.rotationDegrees(),
                simulated.atoms().size(), 100 * simulated.crystalFraction(), files.frame(), files.truth(), files.picture());
        command.commandLine().getOut().flush();
        return 0;
    }

    private Preset realisticPreset() {
        if (preset != null) {
            Preset p = Preset.parse(preset);
            if (material != null && Material.parse(material) != p.spec(64).material()) {
                throw new IllegalArgumentException("--material %s does not match --preset %s".formatted(material, p.id()));
            }
            return p;
        }
        if (material == null) {
            throw new IllegalArgumentException("--realistic needs --material graphene|srtio3 (or use --preset NAME)");
        }
        return Preset.haadf(Material.parse(material));
    }

    /** The preset with every option given on the command line laid over it. */
    private RealisticSpec realisticSpec(Preset chosen) {
        var parsed = command.commandLine().getParseResult();
        RealisticSpec spec = chosen.spec(size).withSize(size, width == null ? size : width);
        if (pixelSize != null) {
            spec = spec.withPixelSize(pixelSize);
        }
        if (parsed.hasMatchedOption("--rotation")) {
            spec = spec.withRotation(rotation);
        }
        if (parsed.hasMatchedOption("--probe-fwhm")) {
            spec = spec.withProbe(new Probe(probeFwhm, spec.probe().tailFraction(), spec.probe().tailWidthRatio()));
        }
        if (parsed.hasMatchedOption("--holes") || parsed.hasMatchedOption("--hole-radius")) {
            spec = spec.withSpecimen(spec.specimen().withHoles(holes, holeRadius));
        }
        if (parsed.hasMatchedOption("--dopants")) {
            spec = spec.withSpecimen(spec.specimen().withDopants(dopants));
        }
        if (dose != null) {
            spec = spec.withDose(dose);
        }
        if (calibrationError != null) {
            spec = spec.withCalibrationError(calibrationError);
        }
        if (contrast != null) {
            spec = spec.withContrast(Contrast.parse(contrast));
        }
        for (String unused : new String[] {"--noise", "--shot-noise", "--scan-noise", "--vacancies", "--amorphous"}) {
            if (parsed.hasMatchedOption(unused)) {
                throw new IllegalArgumentException(unused + " is for the idealised simulator; a realistic frame's noise"
                        + " is its --dose, its scan distortion the preset's (docs/simulator.md)");
            }
        }
        return spec;
    }

    /** The twin's broker: {@code --mqtt}, {@code --username} with {@code password}, {@code --broker-ca}. */
    BrokerSettings brokerSettings(String password) {
        if (brokerCa != null && !Files.isReadable(brokerCa)) {
            throw new Cli.InputException("--broker-ca: file not found or not readable: " + brokerCa);
        }
        if (brokerCa != null && !mqtt.startsWith("ssl://")) {
            throw new Cli.InputException("--broker-ca needs an ssl:// broker URL, got " + mqtt);
        }
        Topics topics = new Topics(instrument);
        return new BrokerSettings(mqtt, "stemloop-twin-" + topics.instrument(), username,
                username == null || password == null || password.isEmpty() ? null : password, topics, 0,
                brokerCa == null ? BrokerTls.DEFAULT : new BrokerTls(brokerCa, null, null, true));
    }

    private SimulationSpec spec() {
        Material m = Material.parse(material);
        if (noise < 0) {
            throw new IllegalArgumentException("--noise must be >= 0: " + noise);
        }
        Noise noiseSpec = new Noise(noise, shotDose, scanJitter);
        Defects defects = new Defects(dopants, vacancies, holes, holeRadius, amorphous);
        return new SimulationSpec(m, size, width == null ? size : width,
                pixelSize == null ? m.defaultPixelSizeAngstrom() : pixelSize, rotation, probeFwhm, noiseSpec, defects,
                seed);
    }
}
