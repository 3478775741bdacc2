package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.AtomFinder;
import org.stemloop.bench.DoseReport;
import org.stemloop.bench.DoseRow;
import org.stemloop.bench.DoseSweep;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.NoiseReport;
import org.stemloop.bench.NoiseSweep;
import org.stemloop.reward.Material;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench noise}: the paper's noise sweep, LoG* against the U-Net (issue 7); {@code --realistic}: against dose (issue 15). */
@Command(name = "noise",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "The paper's noise sweep: simulated SrTiO3 and defective graphene at noise levels",
                "0.0-0.9, each method on the same frames, scored against the simulator's truth.",
                "Writes DIR/noise_sweep.csv (method,material,noise,tp,fp,fn,precision,recall,f1,",
                "...), noise_sweep.md, figures (noise_curves_*.png, noise_examples_*.png) and",
                "DIR/report.html, which says whether the paper's finding is reproduced.",
                "--realistic: the realistic simulator's HAADF presets at --doses (e/px), --seeds",
                "frames each; LoG* as analyze runs it, the shipped U-Net as unet runs it. Writes",
                "DIR/dose_sweep.csv (method,material,dose,seed,tp,fp,fn,precision,recall,f1,...),",
                "dose_sweep.json, dose_sweep.md (mean and worst seed per dose), dose_f1.png, an",
                "overlay of each frame below F1 0.95 at dose >= 50 and DIR/report.html.",
                ""})
final class BenchNoiseCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--quick", description = "128 px, 2 frames per level (--realistic: 1 seed per dose): a few minutes.")
    boolean quick;

    @Option(names = "--realistic", description = "The realistic simulator at --doses instead of noise levels.")
    boolean realistic;

    @Option(names = "--doses", paramLabel = "D,D", split = ",",
            description = "With --realistic: electrons per pixel (default 5,10,20,50,100,200,1000).")
    double[] doses;

    @Option(names = "--seeds", paramLabel = "N",
            description = "With --realistic: frames (seeds) per material and dose (default 3; --quick: 1).")
    Integer seeds;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per material and noise level (default 5; --quick: 2).")
    Integer frames;

    @Option(names = "--size", paramLabel = "PX",
            description = "Frame side in pixels (default 256, --realistic 512; --quick: 128).")
    Integer size;

    @Option(names = "--noise", paramLabel = "L,L", split = ",",
            description = "Noise levels (default 0.0,0.1,...,0.9).")
    double[] noises;

    @Option(names = "--materials", paramLabel = "M,M", split = ",", defaultValue = "srtio3,graphene",
            description = "Materials (default ${DEFAULT-VALUE}).")
    List<String> materials;

    @Option(names = "--methods", paramLabel = "M,M", split = ",", defaultValue = "log*,unet",
            description = "Methods to compare (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2024", description = "Seed of frame 0 (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (realistic) {
            return realisticSweep();
        }
        if (doses != null || seeds != null) {
            throw new IllegalArgumentException("--doses and --seeds are for --realistic; the idealised sweep takes --noise and --frames");
        }
        HtmlReport html = new HtmlReport("stemloop: the paper's benchmarks");
        NoiseSweep.Result result = run(settings(), html, out, command.commandLine().getErr());
        html.write(out, "report.html");
        PrintWriter o = command.commandLine().getOut();
        o.println("method    material  noise   tp    fp    fn    precision  recall  f1");
        result.rows().forEach(r -> o.printf(Locale.ROOT, "%-9s %-9s %.1f %5d %5d %5d    %.3f    %.3f   %.3f%n", r.method(),
                r.material(), r.noise(), r.tp(), r.fp(), r.fn(), r.precision(), r.recall(), r.f1()));
        o.println("wrote " + out.resolve("report.html"));
        return 0;
    }

    private int realisticSweep() throws Exception {
        if (noises != null || frames != null) {
            throw new IllegalArgumentException("--realistic sweeps --doses with --seeds; --noise and --frames are for the idealised sweep");
        }
        DoseSweep.Settings s = new DoseSweep.Settings(materials.stream().map(Material::parse).toList(),
                doses != null ? doses : new double[] {5, 10, 20, 50, 100, 200, 1000}, size != null ? size : quick ? 128 : 512,
                seeds != null ? seeds : quick ? 1 : 3, seed);
        List<AtomFinder> finders = new ArrayList<>();
        for (String m : methods) {
            finders.add(Finders.byName(m.strip(), true));
        }
        PrintWriter err = command.commandLine().getErr();
        DoseSweep.Result result;
        try {
            result = DoseSweep.run(finders, s, p -> {
                DoseRow r = p.row();
                err.printf(Locale.ROOT, "[dose %d/%d] %s %s dose %s seed %d: F1 %.3f (tp %d fp %d fn %d) %.0f ms%n", p.done(),
                        p.total(), r.method(), r.material(), DoseRow.doseText(r.dose()), r.seed(), r.f1(), r.tp(), r.fp(),
                        r.fn(), r.ms());
                err.flush();
            });
        } finally {
            for (AtomFinder f : finders) {
                if (f instanceof AutoCloseable c) {
                    c.close();
                }
            }
        }
        HtmlReport html = new HtmlReport("stemloop: the noise sweep on realistic frames");
        DoseReport.addTo(html, result, out, Finders.machine());
        html.write(out, "report.html");
        PrintWriter o = command.commandLine().getOut();
        o.println("method    material  dose   seeds  mean F1  min F1  worst seed");
        result.summary().forEach(r -> o.printf(Locale.ROOT, "%-9s %-9s %-6s %5d    %.3f   %.3f  %d%n", r.method(),
                r.material(), DoseRow.doseText(r.dose()), r.seeds(), r.meanF1(), r.minF1(), r.minSeed()));
        DoseReport.verdict(result).forEach(o::println);
        o.println("wrote " + out.resolve(DoseReport.CSV) + ", " + DoseReport.FIGURE + ", report.html");
        return 0;
    }

    private Settings settings() {
        double[] levels = noises != null ? noises : defaultLevels();
        NoiseSweep.Settings s = new NoiseSweep.Settings(materials.stream().map(Material::parse).toList(), levels,
                size != null ? size : quick ? 128 : 256, frames != null ? frames : quick ? 2 : 5, seed);
        List<AtomFinder> finders = new ArrayList<>();
        for (String m : methods) {
            finders.add(Finders.byName(m.strip()));
        }
        return new Settings(s, finders);
    }

    /** What to sweep and with which methods. */
    record Settings(NoiseSweep.Settings sweep, List<AtomFinder> finders) {
    }

    /** Runs the sweep with progress on {@code err}, writes its files into {@code out} and its section into {@code html}. */
    static NoiseSweep.Result run(Settings s, HtmlReport html, Path out, PrintWriter err) throws Exception {
        NoiseSweep.Result result = NoiseSweep.run(s.finders(), s.sweep(), p -> {
            err.printf(Locale.ROOT, "[noise %d/%d] %s %s noise %.1f: F1 %.3f (tp %d fp %d fn %d)%n", p.done(), p.total(),
                    p.method(), p.material(), p.noise(), p.scores().f1(), p.scores().tp(), p.scores().fp(), p.scores().fn());
            err.flush();
        });
        NoiseReport.addTo(html, result, out, Finders.machine());
        return result;
    }

    /** The sweep {@code bench report} runs: the defaults, or --quick's. */
    static Settings defaults(boolean quick) {
        return new Settings(new NoiseSweep.Settings(List.of(Material.SRTIO3, Material.GRAPHENE), defaultLevels(),
                quick ? 128 : 256, quick ? 2 : 5, 2024), Finders.all());
    }

    private static double[] defaultLevels() {
        return new double[] {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    }
}
