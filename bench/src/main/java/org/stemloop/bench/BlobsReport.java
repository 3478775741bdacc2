package org.stemloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.stemloop.detect.Blob;

/**
 * Writes a {@link BlobsBench} as {@code bench_blobs.csv}, {@code bench_blobs.json} and
 * {@code bench_blobs.md}, and renders the summary table printed at the end of a run.
 */
public final class BlobsReport {

    public static final String CSV = "bench_blobs.csv";
    public static final String JSON = "bench_blobs.json";
    public static final String MARKDOWN = "bench_blobs.md";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BlobsReport() {
    }

    /** Writes the CSV, JSON and Markdown files into {@code dir}. */
    public static void write(BlobsBench bench, Path dir) throws IOException {
        Files.writeString(dir.resolve(CSV), csv(bench));
        MAPPER.writeValue(dir.resolve(JSON).toFile(), json(bench));
        Files.writeString(dir.resolve(MARKDOWN), markdown(bench));
    }

    /** Columns {@code size,params,impl,runs,min_ms,median_ms,p90_ms,blobs,threads}; one row per implementation. */
    static String csv(BlobsBench bench) {
        StringBuilder sb = new StringBuilder("size,params,impl,runs,min_ms,median_ms,p90_ms,blobs,threads\n");
        for (SpeedResult r : bench.speed()) {
            row(sb, r, "java", r.java(), r.javaBlobs(), r.threads());
            if (r.skimage() != null) {
                row(sb, r, "skimage-" + bench.skimageVersion(), r.skimage(), r.equality().skimageCount(), 1);
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, SpeedResult r, String impl, Timing t, int blobs, int threads) {
        sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.3f,%.3f,%.3f,%d,%d%n", r.speedCase().sizeText(),
                r.speedCase().label(), impl, t.runs(), t.minMs(), t.medianMs(), t.p90Ms(), blobs, threads));
    }

    static ObjectNode json(BlobsBench bench) {
        ObjectNode root = MAPPER.createObjectNode();
        BlobsBench.Machine m = bench.machine();
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", m.cores()).put("java", m.java()).put("os", m.os())
                .put("load_before", m.loadBefore()).put("load_after", m.loadAfter());
        root.put("skimage", bench.skimageVersion());
        root.put("skimage_note", bench.skimageNote());
        ArrayNode speed = root.putArray("speed");
        for (SpeedResult r : bench.speed()) {
            ObjectNode c = speed.addObject();
            c.put("id", r.speedCase().id()).put("size", r.speedCase().size()).put("params_label", r.speedCase().label());
            c.set("params", SkimageBlobLog.kwargs(r.speedCase().params()));
            c.put("truth_atoms", r.truthAtoms());
            c.set("java", timing(r.java()).put("blobs", r.javaBlobs()).put("threads", r.threads()));
            if (r.skimage() != null) {
                c.set("skimage", timing(r.skimage()).put("blobs", r.equality().skimageCount()).put("threads", 1));
                c.put("speedup_median", r.speedUp().orElseThrow());
                c.put("speedup_min", r.skimage().minMs() / r.java().minMs());
                c.set("equality", comparison(r.equality()));
            }
        }
        ObjectNode verify = root.putObject("verify");
        verify.put("seed", bench.verifySeed()).put("cases", bench.verify().size())
                .put("identical", bench.verifyIdentical());
        ArrayNode cases = verify.putArray("results");
        for (VerifyResult v : bench.verify()) {
            ObjectNode c = cases.addObject();
            c.put("id", v.verifyCase().id()).put("case", v.verifyCase().describe());
            c.set("params", SkimageBlobLog.kwargs(v.verifyCase().params()));
            c.set("equality", comparison(v.comparison()));
        }
        root.put("all_identical", bench.allIdentical());
        return root;
    }

    private static ObjectNode timing(Timing t) {
        return MAPPER.createObjectNode().put("runs", t.runs()).put("min_ms", t.minMs()).put("median_ms", t.medianMs())
                .put("p90_ms", t.p90Ms());
    }

    private static ObjectNode comparison(BlobComparison c) {
        ObjectNode node = MAPPER.createObjectNode().put("identical", c.identical()).put("java_blobs", c.javaCount())
                .put("skimage_blobs", c.skimageCount());
        ArrayNode onlyJava = node.putArray("only_java");
        c.onlyJava().forEach(b -> blob(onlyJava, b));
        ArrayNode onlySkimage = node.putArray("only_skimage");
        c.onlySkimage().forEach(b -> blob(onlySkimage, b));
        return node;
    }

    private static void blob(ArrayNode list, Blob b) {
        list.addArray().add(b.row()).add(b.col()).add(b.sigma());
    }

    /** A Markdown table for docs/, with the machine and the equality results beneath. */
    static String markdown(BlobsBench bench) {
        StringBuilder sb = new StringBuilder("| frame | params | atoms | Java median ms (min / p90) | ")
                .append(bench.hasSkimage() ? "scikit-image " + bench.skimageVersion() : "scikit-image")
                .append(" median ms (min / p90) | speed-up | blobs | identical |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---|\n");
        for (SpeedResult r : bench.speed()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s, 10 scales | %d | %.1f (%.1f / %.1f) | %s | %s | %d | %s |%n",
                    r.speedCase().sizeText(), r.speedCase().label(), r.truthAtoms(), r.java().medianMs(),
                    r.java().minMs(), r.java().p90Ms(),
                    r.skimage() == null ? "n/a" : String.format(Locale.ROOT, "%.1f (%.1f / %.1f)",
                            r.skimage().medianMs(), r.skimage().minMs(), r.skimage().p90Ms()),
                    r.speedUp().map(s -> String.format(Locale.ROOT, "%.1fx", s)).orElse("n/a"), r.javaBlobs(),
                    r.equality() == null ? "n/a" : r.equality().identical() ? "yes" : "**NO**"));
        }
        sb.append('\n').append(footer(bench)).append('\n');
        return sb.toString();
    }

    /** The summary table printed on stdout at the end of a run. */
    public static String summary(BlobsBench bench) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %-10s %6s %12s %12s %9s %6s %s%n",
                "frame", "params", "atoms", "java ms", "skimage ms", "speed-up", "blobs", "identical"));
        for (SpeedResult r : bench.speed()) {
            sb.append(String.format(Locale.ROOT, "%-10s %-10s %6d %12.1f %12s %9s %6d %s%n", r.speedCase().sizeText(),
                    r.speedCase().label(), r.truthAtoms(), r.java().medianMs(),
                    r.skimage() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", r.skimage().medianMs()),
                    r.speedUp().map(s -> String.format(Locale.ROOT, "%.1fx", s)).orElse("n/a"), r.javaBlobs(),
                    r.equality() == null ? "n/a" : r.equality().identical() ? "yes" : "NO"));
        }
        return sb.append(footer(bench)).append('\n').toString();
    }

    private static String footer(BlobsBench bench) {
        String timing = "Medians of %d runs after warm-up, measured side by side in one run; Java on %d threads, scikit-image single-threaded."
                .formatted(bench.speed().isEmpty() ? 0 : bench.speed().get(0).java().runs(), bench.machine().cores());
        String machine = "Machine: " + bench.machine().describe() + ".";
        if (!bench.hasSkimage()) {
            return timing + "\n" + machine + "\nscikit-image was not available (" + bench.skimageNote()
                    + "): Java numbers only, no equality check.";
        }
        return timing + "\n" + machine + "\nEquality (exact, sorted (row, col, sigma)): benchmark frames %d/%d identical; unseen frames and parameters (seed %d) %d/%d identical."
                .formatted(bench.speedIdentical(), bench.speed().size(), bench.verifySeed(), bench.verifyIdentical(),
                        bench.verify().size());
    }
}
