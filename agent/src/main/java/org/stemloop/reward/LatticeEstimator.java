package org.stemloop.reward;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stemloop.image.Frame;

/**
 * Estimates the lattice of a frame from its power spectrum when neither the pixel size nor the
 * material is known, so that the LoG* rewards still have an expected atom count and a crowding limit.
 *
 * <p>Steps:
 * <ol>
 *   <li>Hann-windowed, zero-padded power spectrum and its peaks ({@link PowerSpectrum}), with spacings
 *       between {@value #MIN_SPACING_PX} px and a quarter of the frame (at least 4 periods in view);</li>
 *   <li>the seed g1 is the shortest peak at least {@value #MIN_EXCESS} times its ring's background
 *       (pure noise reaches about 12) and {@value #MIN_RELATIVE} of the strongest: the shortest, not
 *       the strongest, because the shortest vectors span the cell;</li>
 *   <li>its partner g2: a peak of the same length ({@value #LENGTH_TOLERANCE}) at 60° (hexagonal) or
 *       90° (square) within {@value #ANGLE_TOLERANCE_DEG}°, searched down to {@value #PARTNER_EXCESS}
 *       times the background (and {@value #PARTNER_RELATIVE} of the seed, above the window's side
 *       lobes) since its place is known; else, of the strong peaks at least {@value #MIN_ANGLE_DEG}° off,
 *       the one whose cell indexes the most strong peaks (then the smallest cell: a superstructure
 *       peak indexes as much but spans a larger cell); at 90° two lengths within
 *       {@value #SQUARE_TOLERANCE} (scan distortion) make a square, more a rectangle (PbTiO3's a and c);</li>
 *   <li>a weaker first order hiding below the seed: for a hexagonal seed a peak at |g1| / sqrt(3)
 *       and 30° (the (10) of graphene when its (11), with a 4 times larger structure factor, is
 *       what stands out of the noise), for a square seed at |g1| / sqrt(2) and 45° (SrTiO3's (100)
 *       under its (110)); if found it becomes the seed;</li>
 *   <li>the spacing is averaged over the seed and its partners of the same length;</li>
 *   <li>atoms per cell from the frame folded onto the cell ({@link CellFolding}): is there a second atom at a three-fold site (honeycomb) or a centre column (perovskite)? A super-cell only
 *       raises the count with the area, so the density holds either way.</li>
 * </ol>
 * Spacings come out within about 1% on synthetic lattices of 10 or more periods, and within 2% of
 * the known spacings on the real perovskites of {@code ../shared/data/real} (docs/benchmarks.md).
 *
 * <p>{@link #require(Frame)} refuses, naming why ({@link NoLatticeException}), when no peak rises
 * above the noise, when only one direction of planes does, or when a peak of similar strength sits
 * at a spacing the cell does not explain ({@link SpectrumIndexing}: two phases, a moiré); grains of
 * one lattice in several orientations give that lattice. {@link #estimate(Frame)} is the same as an
 * {@code Optional}. {@link #cell(Frame)} gives the cell in real space with its columns.
 *
 * @apiNote O(N^2 log N) for the transform size N (2 H rounded up to a power of two below 1024 px,
 *          else H): about 0.1-0.5 s for 512-1024 px frames. Thread-safe (no shared state).
 */
public final class LatticeEstimator {

    /** A seed peak rises this many times above its ring's background (noise maxima reach about 12). */
    static final double MIN_EXCESS = 16;
    /** ...and reaches this fraction of the strongest peak. */
    static final double MIN_RELATIVE = 0.05;
    /** A partner or hidden first-order peak, whose place is known, need only rise this much... */
    static final double PARTNER_EXCESS = 5;
    /** ...and reach this fraction of the seed (the Hann window's side lobes stay below 0.1%). */
    static final double PARTNER_RELATIVE = 0.02;
    /** Shortest plane spacing considered, pixels: below it, atoms are no longer resolved. */
    static final double MIN_SPACING_PX = 2.5;
    /** A second basis vector of a rectangular or oblique cell is at least this far off the first. */
    static final double MIN_ANGLE_DEG = 20;
    /** Angles and relative lengths of partner peaks: wide enough for the few-percent scan distortion of real frames. */
    static final double ANGLE_TOLERANCE_DEG = 6;
    static final double LENGTH_TOLERANCE = 0.08;
    /** A second atom at a three-fold site must reach this fraction of the folded cell's range. */
    static final double HONEYCOMB_RISE = 0.5;
    /** A centre column (or another basis atom) must reach this fraction of the folded cell's range. */
    static final double CENTRE_RISE = 0.25;

    /** Two first-order spacings at 90° that differ by more than this are a rectangular cell (a != c), not scan distortion. */
    static final double SQUARE_TOLERANCE = 0.035;

    private LatticeEstimator() {
    }

    /**
     * The lattice of {@code frame}, or empty when its spectrum gives none it can trust (see
     * {@link #require(Frame)} for the reasons).
     */
    public static Optional<LatticeEstimate> estimate(Frame frame) {
        try {
            return Optional.of(require(frame));
        } catch (NoLatticeException e) {
            return Optional.empty();
        }
    }

    /**
     * The lattice of {@code frame}.
     *
     * @throws NoLatticeException naming why there is none: no peak above the noise (amorphous, blank,
     *                            too noisy), one direction of planes only, or strong peaks at spacings
     *                            no single lattice explains ({@link SpectrumIndexing})
     */
    public static LatticeEstimate require(Frame frame) {
        return describe(frame, basis(frame));
    }

    /**
     * The cell of {@code frame} in real space, with the columns the folded cell shows: the reference
     * lattice of {@code evaluate --lattice-fit}.
     *
     * @throws NoLatticeException as {@link #require(Frame)}
     */
    public static LatticeCell cell(Frame frame) {
        Basis b = basis(frame);
        LatticeEstimate estimate = describe(frame, b);
        CellFolding fold = new CellFolding(frame, b.g1(), b.g2(), b.n());
        return LatticeCell.fromReciprocal(b.g1().kx(), b.g1().ky(), b.g2().kx(), b.g2().ky(), b.n(),
                fold.sites(CENTRE_RISE), estimate);
    }

    /** The two reciprocal vectors that span the cell, on a transform of size n, with every peak found. */
    private record Basis(int n, List<SpectrumPeak> peaks, SpectrumPeak g1, SpectrumPeak g2) {
    }

    private static Basis basis(Frame frame) {
        PowerSpectrum spectrum = new PowerSpectrum(frame);
        int n = spectrum.size();
        double kMin = 4.0 * n / Math.min(frame.height(), frame.width());
        double kMax = n / MIN_SPACING_PX;
        List<SpectrumPeak> all = kMin < kMax ? spectrum.peaks(kMin, kMax, PARTNER_EXCESS) : List.of();
        if (all.isEmpty()) {
            throw new NoLatticeException(("no lattice in the power spectrum: no peak between %.1f and %.0f px spacing "
                    + "(a blank, amorphous or too small frame: a lattice needs 4 periods in view)")
                    .formatted(MIN_SPACING_PX, n / Math.max(kMin, 1)));
        }
        if (all.get(0).excess() < MIN_EXCESS) {
            throw new NoLatticeException(("no lattice in the power spectrum: its strongest peak (%.2f px spacing) rises "
                    + "%.1f times above its ring's background, a lattice needs %.0f (amorphous, blank or very noisy frame)")
                    .formatted(n / all.get(0).length(), all.get(0).excess(), MIN_EXCESS));
        }
        double floor = Math.max(MIN_EXCESS, MIN_RELATIVE * all.get(0).excess());
        List<SpectrumPeak> strong = all.stream().filter(p -> p.excess() >= floor).toList();
        SpectrumPeak seed = strong.stream().min(Comparator.comparingDouble(SpectrumPeak::length)).orElseThrow();
        // peaks weaker than this relative to the seed may be window side lobes of the strong ones
        double weakest = Math.max(PARTNER_EXCESS, PARTNER_RELATIVE * seed.excess());
        List<SpectrumPeak> weak = all.stream().filter(p -> p.excess() >= weakest).toList();
        Optional<SpectrumPeak> partner = partner(weak, seed, 60).or(() -> partner(weak, seed, 90));
        Basis found;
        if (partner.isPresent()) {
            double angle = seed.angleTo(partner.get()) < 75 ? 60 : 90;
            double shrink = angle == 60 ? Math.sqrt(3) : Math.sqrt(2);
            Optional<SpectrumPeak> lower = near(weak, seed.length() / shrink, seed, angle / 2);
            if (lower.isPresent()) {
                SpectrumPeak g1 = lower.get();
                found = new Basis(n, all, g1, partner(weak, g1, angle).orElseGet(() -> rotate(g1, angle)));
            } else {
                found = new Basis(n, all, seed, partner.get());
            }
        } else {
            // the partner that indexes the most strong peaks; of equals, the largest reciprocal cell (the
            // smallest real one), so that a superstructure peak, which indexes as much, loses
            SpectrumPeak second = strong.stream().filter(p -> p.angleTo(seed) >= MIN_ANGLE_DEG)
                    .map(p -> reduce(p, seed))
                    .max(Comparator.comparingInt((SpectrumPeak p) -> SpectrumIndexing.indexed(strong, seed, p))
                            .thenComparingDouble(p -> Math.abs(seed.kx() * p.ky() - seed.ky() * p.kx())))
                    .orElseThrow(() -> new NoLatticeException(("one direction of lattice planes only (%.2f px apart, "
                            + "%.0f° in the spectrum, %.0fx background): no second independent direction above the noise "
                            + "(fringes, a zone axis far off, or a frame too noisy)")
                            .formatted(n / seed.length(), seed.degrees(), seed.excess())));
            found = new Basis(n, all, seed, second);
        }
        SpectrumIndexing.requireIndexed(all, found.g1(), found.g2(), n);
        return found;
    }

    /** The strongest peak of g's length at {@code degrees} to its line. */
    private static Optional<SpectrumPeak> partner(List<SpectrumPeak> peaks, SpectrumPeak g, double degrees) {
        return near(peaks, g.length(), g, degrees);
    }

    /** The strongest peak (peaks come strongest first) of the given length at {@code degrees} to g's line. */
    private static Optional<SpectrumPeak> near(List<SpectrumPeak> peaks, double length, SpectrumPeak g, double degrees) {
        return peaks.stream()
                .filter(p -> Math.abs(p.length() / length - 1) <= LENGTH_TOLERANCE)
                .filter(p -> Math.abs(p.angleTo(g) - degrees) <= ANGLE_TOLERANCE_DEG)
                .findFirst();
    }

    private static SpectrumPeak rotate(SpectrumPeak g, double degrees) {
        double t = Math.toRadians(degrees);
        return new SpectrumPeak(g.kx() * Math.cos(t) - g.ky() * Math.sin(t), g.kx() * Math.sin(t) + g.ky() * Math.cos(t), 0);
    }

    private static LatticeEstimate describe(Frame frame, Basis b) {
        int n = b.n();
        List<SpectrumPeak> peaks = b.peaks();
        SpectrumPeak g1 = b.g1(), g2 = b.g2();
        double ratio = g2.length() / g1.length();
        double angle = g1.angleTo(g2);
        boolean equal = Math.abs(ratio - 1) <= LENGTH_TOLERANCE;
        Symmetry symmetry;
        if (equal && Math.abs(angle - 60) <= ANGLE_TOLERANCE_DEG) {
            symmetry = Symmetry.HEXAGONAL;
        } else if (Math.abs(angle - 90) <= ANGLE_TOLERANCE_DEG) {
            // scan distortion stretches one axis by 1-2% on the real frames; a tetragonal cell (PbTiO3's
            // c / a = 1.065) more: measured as two spacings, not averaged into one square
            symmetry = Math.abs(ratio - 1) <= SQUARE_TOLERANCE ? Symmetry.SQUARE : Symmetry.RECTANGULAR;
        } else {
            symmetry = Symmetry.OBLIQUE;
        }
        double spacing = n / g1.length();
        double secondSpacing = n / g2.length();
        double area = n * (double) n / Math.abs(g1.kx() * g2.ky() - g1.ky() * g2.kx());
        int family = 1;
        if (symmetry == Symmetry.HEXAGONAL || symmetry == Symmetry.SQUARE) {
            double sum = 0;
            family = 0;
            double step = symmetry == Symmetry.HEXAGONAL ? 60 : 90;
            for (SpectrumPeak p : peaks) {
                double off = p.angleTo(g1) % step;
                boolean onFamily = Math.min(off, step - off) <= ANGLE_TOLERANCE_DEG;
                if (onFamily && Math.abs(p.length() / g1.length() - 1) <= LENGTH_TOLERANCE) {
                    sum += p.length();
                    family++;
                }
            }
            if (family > 0) {
                spacing = n / (sum / family);
            }
            secondSpacing = spacing;
            area = symmetry == Symmetry.HEXAGONAL ? 2 * spacing * spacing / Math.sqrt(3) : spacing * spacing;
        }
        CellFolding fold = new CellFolding(frame, g1, g2, n);
        int atoms;
        String basis;
        switch (symmetry) {
            case HEXAGONAL -> {
                // a honeycomb's second atom sits at a three-fold site of the hexagonal cell; which
                // fractional pair that is depends on whether the basis vectors meet at 60° or 120°
                double second = fold.brightestAtOffsets(new double[] {1.0 / 3, 1.0 / 3}, new double[] {2.0 / 3, 2.0 / 3},
                        new double[] {1.0 / 3, 2.0 / 3}, new double[] {2.0 / 3, 1.0 / 3});
                atoms = second >= HONEYCOMB_RISE ? 2 : 1;
                basis = atoms == 2 ? "honeycomb (second atom at %.0f%% of the first)" : "one atom per cell (three-fold sites at %.0f%%)";
                basis = basis.formatted(100 * second);
            }
            case SQUARE -> {
                double centre = fold.brightestAtOffsets(new double[] {0.5, 0.5});
                atoms = centre >= CENTRE_RISE ? 2 : 1;
                basis = (atoms == 2 ? "centred square (centre column at %.0f%% of the corner)" : "one column per cell (centre at %.0f%%)")
                        .formatted(100 * centre);
            }
            default -> {
                int maxima = fold.maxima(CENTRE_RISE);
                atoms = Math.max(1, Math.min(4, maxima));
                basis = "%d atoms per cell from the folded cell%s".formatted(atoms, atoms == maxima ? "" : " (%d maxima)".formatted(maxima));
            }
        }
        double strongest = peaks.get(0).excess();
        double confidence = Math.max(0, Math.min(1, Math.log10(strongest / MIN_EXCESS) / 2.5));
        if (symmetry == Symmetry.OBLIQUE) {
            confidence /= 2;
        }
        String second = symmetry == Symmetry.RECTANGULAR || symmetry == Symmetry.OBLIQUE
                ? " and %.3f px".formatted(secondSpacing) : "";
        String note = "%s, first-order spacing %.3f px%s (%d peaks of that length), strongest peak %.0fx background, angle %.1f°, %s"
                .formatted(symmetry.name().toLowerCase(Locale.ROOT), spacing, second, family, strongest, angle, basis);
        return new LatticeEstimate(symmetry, spacing, secondSpacing, area, atoms, confidence, note);
    }

    /** g2 minus the whole multiple of g1 that makes it shortest (Gauss reduction, one step). */
    private static SpectrumPeak reduce(SpectrumPeak g2, SpectrumPeak g1) {
        double m = Math.rint((g1.kx() * g2.kx() + g1.ky() * g2.ky()) / (g1.length() * g1.length()));
        return new SpectrumPeak(g2.kx() - m * g1.kx(), g2.ky() - m * g1.ky(), g2.excess());
    }
}
