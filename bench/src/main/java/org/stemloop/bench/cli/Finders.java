package org.stemloop.bench.cli;

import java.util.List;
import org.stemloop.bench.AnalyzeLogStarFinder;
import org.stemloop.bench.AtomFinder;
import org.stemloop.bench.LogStarFinder;
import org.stemloop.bench.UnetFinder;
import org.stemloop.optimize.SearchSettings;

/** The atom finders the benchmarks can compare, by name. */
final class Finders {

    private Finders() {
    }

    /**
     * The finder named {@code name}; with {@code asAnalyze}, LoG* runs as {@code analyze} does (mask,
     * lattice calibration, refinement: {@link AnalyzeLogStarFinder}) for realistic frames.
     */
    static AtomFinder byName(String name, boolean asAnalyze) {
        AtomFinder f = byName(name);
        return asAnalyze && f instanceof LogStarFinder l ? new AnalyzeLogStarFinder(l.settings()) : f;
    }

    static AtomFinder byName(String name) {
        if (name.equals(LogStarFinder.METHOD) || name.equals("logstar")) {
            return new LogStarFinder(SearchSettings.DEFAULT);
        }
        if (name.equals(UnetFinder.METHOD)) {
            return new UnetFinder();
        }
        throw new IllegalArgumentException("unknown method '%s': choose from log*, unet".formatted(name));
    }

    /** LoG* and every other finder available in this build. */
    static List<AtomFinder> all() {
        List<AtomFinder> all = new java.util.ArrayList<>();
        all.add(byName(LogStarFinder.METHOD));
        all.addAll(extra());
        return List.copyOf(all);
    }

    /** Finders besides LoG*: the shipped U-Nets. */
    static List<AtomFinder> extra() {
        return List.of(new UnetFinder());
    }

    static String machine() {
        return "Machine: %d cores, Java %s, %s %s.".formatted(Runtime.getRuntime().availableProcessors(),
                Runtime.version(), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
