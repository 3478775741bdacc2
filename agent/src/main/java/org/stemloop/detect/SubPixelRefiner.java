package org.stemloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.stemloop.image.Frame;

/**
 * Moves detections from whole pixels to the atoms' centres: for each atom, the pixels of a disc of
 * {@value #WINDOW_FRACTION} times the nearest-neighbour distance around it, then a round 2-D
 * Gaussian fit ({@link Refinement#GAUSS}) or the centre of mass ({@link Refinement#COM}). This is
 * Atomap's refinement (Nord et al. 2017, doi:10.1186/s40679-017-0042-5): its
 * {@code percent_to_nn} of 0.4-0.5 keeps the neighbours' peaks out of the disc.
 *
 * <p>The Gaussian refinement runs in two stages:
 * <ol>
 *   <li>each atom alone: all five parameters (centre, width, amplitude, background) in the disc,
 *       fitted again in a disc re-cut around the first centre when that moved more than
 *       {@value #RECENTRE_PX} px (an off-centre disc holds more of one neighbour's shoulder than of
 *       the opposite one, which pulls the fit);</li>
 *   <li>{@value #ROUNDS} rounds with the neighbours subtracted (Atomap's practice, refining each
 *       column on the image less the fitted Gaussians of all the others): one width for the whole
 *       frame, the median of the first stage's widths (every column is imaged by the same probe),
 *       four free parameters in a disc of {@value #OUTER_FRACTION} of the nearest-neighbour
 *       distance re-centred on the atom. The larger disc holds the spot's outer flanks, where most
 *       of the information on its centre lies, and the neighbours' shoulders no longer pull.</li>
 * </ol>
 *
 * <p>The Gaussian fit falls back to the centre of mass when it fails, when its centre runs more
 * than the disc's radius from the start, or when its width exceeds the disc (a flat fit); the
 * centre of mass falls back to the start when it runs off. A second-stage fit that runs off keeps
 * the first stage's centre. Refined atoms stay on the frame. The sigma of each blob is kept (it is
 * the LoG scale that found it), only row and column change.
 *
 * <pre>{@code
 * Refined r = SubPixelRefiner.refine(frame, blobs, 10.5, Refinement.GAUSS);
 * List<Blob> atoms = r.atoms();      // float rows and columns, same order as blobs
 * }</pre>
 *
 * @apiNote O(atoms x disc pixels x ~5 iterations x 3 fits), split over the compute core's threads
 *          ({@code Parallelism}); nothing is allocated per atom. A 512² frame of ~2,000 atoms 10 px
 *          apart: measure with {@code stemloop bench refine} (docs/benchmarks.md). Thread-safe.
 */
public final class SubPixelRefiner {

    /** Disc radius over the nearest-neighbour distance. */
    public static final double WINDOW_FRACTION = 0.5;
    /** Disc radius of the neighbour-subtracted rounds over the nearest-neighbour distance. */
    static final double OUTER_FRACTION = 0.7;
    /** Neighbour-subtracted rounds after the first, lone fit. */
    static final int ROUNDS = 1;
    /** Smallest disc radius, pixels: below it too few pixels remain to fit five parameters. */
    static final double MIN_RADIUS = 2.0;
    private static final int COM_ROUNDS = 5;
    /** A fit whose centre lands further than this from the disc's centre, pixels, is fitted again. */
    static final double RECENTRE_PX = 0.25;
    /** Model spots are drawn out to this many widths. */
    private static final double MODEL_REACH = 4.0;
    private static final int FITTED = 0;
    private static final int CENTRE_OF_MASS = 1;
    private static final int KEPT = 2;
    /** Two fitted centres closer than this fraction of the nearest-neighbour distance are one column. */
    static final double DUPLICATE_FRACTION = 0.35;
    /** A fit moving an atom further than this many probe widths from its LoG maximum has run off. */
    static final double RUN_OFF_WIDTHS = 2.0;
    /** Atoms whose free fits measure the frame's width. */
    static final int WIDTH_SAMPLE = 128;
    /** Atoms per task handed to a worker. */
    private static final int CHUNK = 64;

    /**
     * The refined atoms and how each got its position.
     *
     * @param atoms        the blobs with refined row and column, in input order
     * @param fitted       atoms placed by the Gaussian fit
     * @param centreOfMass atoms placed by the centre of mass (asked for, or the fit's fallback)
     * @param unchanged    atoms left where they were (refinement none, or every method ran off)
     */
    public record Refined(List<Blob> atoms, int fitted, int centreOfMass, int unchanged) {
        public Refined {
            atoms = List.copyOf(atoms);
        }
    }

    /** How the Gaussian refinement runs; package-private so that tests and experiments can vary it. */
    record Options(int rounds, double outerFraction) {
        static final Options DEFAULT = new Options(ROUNDS, OUTER_FRACTION);
    }

    private SubPixelRefiner() {
    }

    /**
     * Refines {@code blobs} on {@code frame}.
     *
     * @param frame              the image with atoms bright (invert annular bright-field frames first)
     * @param blobs              detections, any order
     * @param nearestNeighbourPx the lattice's nearest-neighbour distance, pixels: sets the disc
     * @param how                the method
     */
    public static Refined refine(Frame frame, List<Blob> blobs, double nearestNeighbourPx, Refinement how) {
        return refine(frame, blobs, nearestNeighbourPx, how, Options.DEFAULT);
    }

    static Refined refine(Frame frame, List<Blob> blobs, double nearestNeighbourPx, Refinement how, Options options) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(blobs, "blobs");
        if (!(nearestNeighbourPx > 0) || !Double.isFinite(nearestNeighbourPx)) {
            throw new IllegalArgumentException("Nearest-neighbour distance must be positive and finite: " + nearestNeighbourPx);
        }
        if (how == Refinement.NONE || blobs.isEmpty()) {
            return new Refined(blobs, 0, 0, blobs.size());
        }
        Image img = new Image(frame.pixels(), frame.height(), frame.width());
        double radius = Math.max(MIN_RADIUS, WINDOW_FRACTION * nearestNeighbourPx);
        double outer = Math.max(radius, options.outerFraction() * nearestNeighbourPx);
        int count = blobs.size();
        double[] start = new double[2 * count];
        for (int i = 0; i < count; i++) {
            start[2 * i] = blobs.get(i).row();
            start[2 * i + 1] = blobs.get(i).col();
        }
        // params: row, col, sigma, amplitude, background per atom (method FITTED: a fitted spot)
        double[] params = new double[5 * count];
        int[] method = new int[count];
        int side = 2 * (int) Math.ceil(outer) + 3;
        double sigma = how == Refinement.GAUSS ? frameWidth(img, blobs, start, radius, side) : 0;
        // Subtracting the neighbours pays only when the lone disc cuts the spot's flanks (3 widths hold
        // 99.9% of the information on the centre); otherwise it only adds noise pixels and the errors
        // of the neighbours' fits. When it follows, the lone fit need not be re-centred.
        boolean subtract = sigma > 0 && options.rounds() > 0 && 3 * sigma > radius && outer > radius;
        forEachAtom(count, side, (i, fit) -> {
            fit.tolerance(subtract ? GaussianSpotFit.ROUGH_TOLERANCE : GaussianSpotFit.CENTRE_TOLERANCE);
            double[] at = how == Refinement.GAUSS ? lone(img, start[2 * i], start[2 * i + 1], blobs.get(i).sigma(), sigma,
                    radius, !subtract, fit) : null;
            if (at != null) {
                System.arraycopy(at, 0, params, 5 * i, 5);
                method[i] = FITTED;
                return;
            }
            double[] com = centreOfMass(img, start[2 * i], start[2 * i + 1], radius);
            if (com != null && Math.hypot(com[0] - start[2 * i], com[1] - start[2 * i + 1]) > 2 * radius / 3) {
                com = null; // past a third of the bond the fallback followed a slope (a brighter neighbour's flank)
            }
            method[i] = com == null ? KEPT : CENTRE_OF_MASS;
            params[5 * i] = com == null ? start[2 * i] : com[0];
            params[5 * i + 1] = com == null ? start[2 * i + 1] : com[1];
        });
        for (int round = 0; subtract && round < options.rounds(); round++) {
            boolean[] drawn = drawn(params, method, DUPLICATE_FRACTION * nearestNeighbourPx);
            double[] model = model(img, params, drawn);
            double[] next = params.clone();
            forEachAtom(count, side, (i, fit) -> {
                fit.tolerance(GaussianSpotFit.CENTRE_TOLERANCE);
                if (drawn[i]) {
                    double[] q = subtracted(img, model, params, 5 * i, sigma, outer, fit);
                    if (q != null && Math.hypot(q[0] - start[2 * i], q[1] - start[2 * i + 1]) <= reach(sigma, radius)
                            && img.holds(q[0], q[1]) && q[3] > 0) {
                        System.arraycopy(q, 0, next, 5 * i, 5);
                    }
                }
            });
            System.arraycopy(next, 0, params, 0, params.length);
        }
        Blob[] out = new Blob[count];
        int fitted = 0, com = 0, kept = 0;
        for (int i = 0; i < count; i++) {
            Blob b = blobs.get(i);
            out[i] = method[i] == KEPT ? b : new Blob(params[5 * i], params[5 * i + 1], b.sigma());
            fitted += method[i] == FITTED ? 1 : 0;
            com += method[i] == CENTRE_OF_MASS ? 1 : 0;
            kept += method[i] == KEPT ? 1 : 0;
        }
        return new Refined(new ArrayList<>(Arrays.asList(out)), fitted, com, kept);
    }

    /** The frame's pixels, read once (Frame hands out copies). */
    record Image(double[] px, int height, int width) {
        double get(int r, int c) {
            return px[r * width + c];
        }

        /** Whether (row, col) lies on the frame (within half a pixel of its outermost centres). */
        boolean holds(double row, double col) {
            return row >= -0.5 && col >= -0.5 && row <= height - 0.5 && col <= width - 0.5;
        }
    }

    /** The work of one atom, given a fit owned by the calling worker. */
    private interface AtomTask {
        void run(int atom, GaussianSpotFit fit);
    }

    /**
     * Runs {@code task} for atoms 0..count-1, in chunks, on the compute core's shared threads (inline
     * when already on one of them, or for a handful of atoms, so that a caller on the pool cannot
     * deadlock it).
     */
    private static void forEachAtom(int count, int side, AtomTask task) {
        int workers = Math.min(Parallelism.threads(), (count + CHUNK - 1) / CHUNK);
        if (workers <= 1 || Thread.currentThread().getName().startsWith(Parallelism.THREAD_PREFIX)) {
            GaussianSpotFit fit = new GaussianSpotFit(side);
            for (int i = 0; i < count; i++) {
                task.run(i, fit);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            done.add(Parallelism.shared().submit(() -> {
                GaussianSpotFit fit = new GaussianSpotFit(side);
                for (int c = next.getAndIncrement(); c * CHUNK < count; c = next.getAndIncrement()) {
                    for (int i = c * CHUNK, end = Math.min(count, (c + 1) * CHUNK); i < end; i++) {
                        task.run(i, fit);
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while refining atom positions", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("refining atom positions failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /**
     * The lone fit: {row, col, sigma, amplitude, background}, or null when it fails or leaves the
     * disc. With the frame's width known ({@code frameSigma > 0}) the width is held at it, and
     * freed only when that fit fails (a column unlike the others). When the centre lands more than
     * {@value #RECENTRE_PX} px from the start, the disc is cut again around it and fitted once more.
     */
    private static double[] lone(Image img, double row0, double col0, double blobSigma, double frameSigma, double radius,
            boolean recentre, GaussianSpotFit fit) {
        if (frameSigma > 0) {
            double[] p = lone(img, row0, col0, frameSigma, true, radius, recentre, fit);
            if (p != null && Math.hypot(p[0] - row0, p[1] - col0) <= reach(frameSigma, radius)) {
                return p;
            }
        }
        double[] p = lone(img, row0, col0, Math.min(blobSigma, radius / 2), false, radius, true, fit);
        return p == null || frameSigma > 0 && Math.hypot(p[0] - row0, p[1] - col0) > reach(frameSigma, radius) ? null : p;
    }

    /**
     * How far a fit may move an atom from its LoG maximum, pixels: {@value #RUN_OFF_WIDTHS} probe
     * widths, at most half the disc's radius (a quarter of the bond: with probe tails a brighter
     * neighbour's flank is a slope across the disc, and fits of a Si dopant's carbon neighbours ran
     * 5-7 px towards it on the realistic simulator). The centre of mass, the fallback, may move an atom
     * up to a third of the bond. A LoG maximum lies within a pixel or so of its column; a
     * fit that runs further has found a neighbour, contamination or noise (on graphene_gb_6nm,
     * width 1.6 px in a 6 px disc, such runs cost 0.03 of F1 against AtomNet).
     */
    static double reach(double frameSigma, double radius) {
        return frameSigma > 0 ? Math.min(radius / 2, RUN_OFF_WIDTHS * frameSigma) : radius;
    }

    private static double[] lone(Image img, double row0, double col0, double sigma, boolean fixed, double radius,
            boolean recentre, GaussianSpotFit fit) {
        double row = row0, col = col0;
        double[] p = null;
        double tolerance = fit.tolerance();
        for (int pass = 0; pass < (recentre ? 2 : 1); pass++) {
            double[] range = cut(img, null, null, 0, row, col, radius, fit);
            if (range == null) {
                return null;
            }
            double s = p == null ? sigma : p[2], amp = p == null ? range[1] - range[0] : p[3], bg = p == null ? range[0] : p[4];
            // A first pass that may be re-cut need only come near; the last one settles fully.
            fit.tolerance(recentre && pass == 0 ? Math.max(tolerance, GaussianSpotFit.ROUGH_TOLERANCE) : tolerance);
            p = fixed ? fit.fitFixedSigma(row, col, s, amp, bg) : fit.fit(row, col, s, amp, bg);
            if (p != null && recentre && pass == 0 && Math.hypot(p[0] - row, p[1] - col) <= RECENTRE_PX) {
                fit.tolerance(tolerance);
                p = fixed ? fit.fitFixedSigma(p[0], p[1], p[2], p[3], p[4]) : fit.fit(p[0], p[1], p[2], p[3], p[4]);
                pass = 1;
            }
            if (p == null || p[2] > radius || Math.hypot(p[0] - row0, p[1] - col0) > radius || !img.holds(p[0], p[1])) {
                fit.tolerance(tolerance);
                return null; // failed, flat, run off, or an atom cut by the frame edge placed outside it
            }
            row = p[0];
            col = p[1];
        }
        fit.tolerance(tolerance);
        return p;
    }

    /**
     * The probe's width on this frame, from the mean of the atoms' patches: the pixels around every
     * LoG maximum averaged (noise falls as one over the square root of their number), then one free
     * fit in the disc. Fits to single noisy spots would not do: on a real frame a narrow Gaussian
     * fits a noise spike near the centre better than the broad spot (graphene_gb_6nm: their median
     * is 1.6 px, the mean patch's 2.4). Whole-pixel alignment widens the mean spot by 1/12 px² per
     * axis, taken off again. The larger of this and the median of free fits on {@value #WIDTH_SAMPLE}
     * atoms is kept; 0 when neither works.
     */
    private static double frameWidth(Image img, List<Blob> blobs, double[] start, double radius, int side) {
        int reach = (int) Math.ceil(radius);
        int n = 2 * reach + 1;
        double[] sum = new double[n * n];
        int used = 0;
        for (int i = 0; i < blobs.size(); i++) {
            int r0 = (int) Math.round(start[2 * i]), c0 = (int) Math.round(start[2 * i + 1]);
            if (r0 < reach || c0 < reach || r0 + reach >= img.height() || c0 + reach >= img.width()) {
                continue;
            }
            for (int y = 0; y < n; y++) {
                int base = (r0 - reach + y) * img.width() + c0 - reach;
                for (int x = 0; x < n; x++) {
                    sum[y * n + x] += img.px()[base + x];
                }
            }
            used++;
        }
        if (used >= 3) {
            GaussianSpotFit fit = new GaussianSpotFit(side);
            fit.clear(0, 0, n, n);
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    if ((y - reach) * (y - reach) + (x - reach) * (x - reach) <= radius * radius) {
                        double v = sum[y * n + x] / used;
                        fit.add(y, x, v);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            double[] p = max > min ? fit.fit(reach, reach, Math.max(1, radius / 3), max - min, min) : null;
            if (p != null && p[2] < radius && Math.hypot(p[0] - reach, p[1] - reach) < 1) {
                // Both estimates fall short of the true width (on the simulator by 5-12%: in a disc of
                // half the bond the free background takes up the flanks), so the larger is the nearer.
                return Math.max(Math.sqrt(Math.max(p[2] * p[2] - 1.0 / 12, 0.25)), medianFreeWidth(img, blobs, start, radius, side));
            }
        }
        return medianFreeWidth(img, blobs, start, radius, side);
    }

    private static double medianFreeWidth(Image img, List<Blob> blobs, double[] start, double radius, int side) {
        int count = blobs.size();
        int n = Math.min(count, WIDTH_SAMPLE);
        double[] widths = new double[n];
        GaussianSpotFit fit = new GaussianSpotFit(side);
        int k = 0;
        for (int j = 0; j < n; j++) {
            int i = (int) ((long) j * count / n);
            double[] p = lone(img, start[2 * i], start[2 * i + 1], Math.min(blobs.get(i).sigma(), radius / 2), false, radius, true, fit);
            if (p != null) {
                widths[k++] = p[2];
            }
        }
        if (k < 3) {
            return 0;
        }
        Arrays.sort(widths, 0, k);
        return k % 2 == 1 ? widths[k / 2] : (widths[k / 2 - 1] + widths[k / 2]) / 2;
    }

    /** A neighbour-subtracted fit of atom {@code at} (offset into params) with the width held at {@code sigma}. */
    private static double[] subtracted(Image img, double[] model, double[] params, int at, double sigma, double outer,
            GaussianSpotFit fit) {
        double row = params[at], col = params[at + 1];
        if (cut(img, model, params, at, row, col, outer, fit) == null) {
            return null;
        }
        return fit.fitFixedSigma(row, col, sigma, params[at + 3], params[at + 4]);
    }

    /**
     * Loads the disc of {@code radius} around (row, col) into the fit; returns {min, max} or null when
     * flat. With a model, each pixel is the image less the model plus this atom's own spot
     * (parameters at {@code params[at..at+4]}): the image less the other atoms.
     */
    private static double[] cut(Image img, double[] model, double[] params, int at, double row, double col,
            double radius, GaussianSpotFit fit) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int r0 = (int) Math.round(row), c0 = (int) Math.round(col);
        int reach = (int) Math.ceil(radius);
        double r2 = radius * radius;
        int rLo = Math.max(0, r0 - reach), rHi = Math.min(img.height() - 1, r0 + reach);
        int cLo = Math.max(0, c0 - reach), cHi = Math.min(img.width() - 1, c0 + reach);
        if (rHi < rLo || cHi < cLo) {
            return null;
        }
        fit.clear(rLo, cLo, rHi - rLo + 1, cHi - cLo + 1);
        double ownRow = 0, ownCol = 0, ownAmp = 0, ownInv = 0;
        if (model != null) {
            ownRow = params[at];
            ownCol = params[at + 1];
            ownInv = 1 / (2 * params[at + 2] * params[at + 2]);
            ownAmp = params[at + 3];
        }
        double[] ownCols = fit.scratch();
        if (model != null) {
            // the atom's own spot is separable too: one exponential per column of the box, not per pixel
            for (int c = cLo; c <= cHi; c++) {
                ownCols[c - cLo] = Math.exp(-(c - ownCol) * (c - ownCol) * ownInv);
            }
        }
        for (int r = rLo; r <= rHi; r++) {
            double dr = r - row;
            double ownR = model == null ? 0 : ownAmp * Math.exp(-(r - ownRow) * (r - ownRow) * ownInv);
            int base = r * img.width();
            for (int c = cLo; c <= cHi; c++) {
                double dc = c - col;
                if (dr * dr + dc * dc <= r2) {
                    double v = img.px()[base + c];
                    if (model != null) {
                        v = v - model[base + c] + ownR * ownCols[c - cLo];
                    }
                    fit.add(r, c, v);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > min ? new double[] {min, max} : null;
    }

    /**
     * The atoms drawn in the model: the fitted ones, less the fainter of two closer than
     * {@code closest} px (two detections of one column would each subtract the other's spot and
     * trade it back and forth between rounds).
     */
    private static boolean[] drawn(double[] params, int[] method, double closest) {
        int count = method.length;
        boolean[] drawn = new boolean[count];
        double cell = Math.max(1, closest);
        java.util.Map<Long, List<Integer>> grid = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            if (method[i] == FITTED) {
                drawn[i] = true;
                grid.computeIfAbsent(key((int) Math.floor(params[5 * i] / cell), (int) Math.floor(params[5 * i + 1] / cell)),
                        k -> new ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < count; i++) {
            if (!drawn[i]) {
                continue;
            }
            int gr = (int) Math.floor(params[5 * i] / cell), gc = (int) Math.floor(params[5 * i + 1] / cell);
            for (int dr = -1; dr <= 1 && drawn[i]; dr++) {
                for (int dc = -1; dc <= 1 && drawn[i]; dc++) {
                    for (int j : grid.getOrDefault(key(gr + dr, gc + dc), List.of())) {
                        boolean brighter = params[5 * j + 3] > params[5 * i + 3] || params[5 * j + 3] == params[5 * i + 3] && j < i;
                        if (j != i && brighter && Math.hypot(params[5 * j] - params[5 * i], params[5 * j + 1] - params[5 * i + 1]) < closest) {
                            drawn[i] = false;
                            break;
                        }
                    }
                }
            }
        }
        return drawn;
    }

    private static long key(int row, int col) {
        return ((long) row << 32) ^ (col & 0xffffffffL);
    }

    /** The sum of the drawn atoms' Gaussians (each its own width and amplitude), out to {@value #MODEL_REACH} widths. */
    private static double[] model(Image img, double[] params, boolean[] drawn) {
        int h = img.height(), w = img.width();
        double[] m = new double[h * w];
        double[] colWeights = new double[w];
        for (int i = 0; i < drawn.length; i++) {
            if (!drawn[i]) {
                continue;
            }
            double row = params[5 * i], col = params[5 * i + 1], s = params[5 * i + 2], amp = params[5 * i + 3];
            double reach = MODEL_REACH * s, inv = 1 / (2 * s * s);
            int rLo = Math.max(0, (int) Math.ceil(row - reach)), rHi = Math.min(h - 1, (int) Math.floor(row + reach));
            int cLo = Math.max(0, (int) Math.ceil(col - reach)), cHi = Math.min(w - 1, (int) Math.floor(col + reach));
            for (int c = cLo; c <= cHi; c++) {
                colWeights[c] = Math.exp(-(c - col) * (c - col) * inv);
            }
            for (int r = rLo; r <= rHi; r++) {
                double rw = amp * Math.exp(-(r - row) * (r - row) * inv);
                int base = r * w;
                for (int c = cLo; c <= cHi; c++) {
                    m[base + c] += rw * colWeights[c];
                }
            }
        }
        return m;
    }

    /**
     * The centre of mass above the disc's minimum, re-centred until it stops moving; null when it
     * runs more than the radius from the start or the disc is flat.
     */
    static double[] centreOfMass(Frame frame, double row, double col, double radius) {
        return centreOfMass(new Image(frame.pixels(), frame.height(), frame.width()), row, col, radius);
    }

    private static double[] centreOfMass(Image img, double row, double col, double radius) {
        double cr = row, cc = col;
        int reach = (int) Math.ceil(radius);
        double r2 = radius * radius;
        double[] px = img.px();
        int w = img.width();
        for (int round = 0; round < COM_ROUNDS; round++) {
            double min = Double.POSITIVE_INFINITY;
            int r0 = (int) Math.round(cr), c0 = (int) Math.round(cc);
            int rLo = Math.max(0, r0 - reach), rHi = Math.min(img.height() - 1, r0 + reach);
            int cLo = Math.max(0, c0 - reach), cHi = Math.min(w - 1, c0 + reach);
            for (int r = rLo; r <= rHi; r++) {
                for (int c = cLo; c <= cHi; c++) {
                    double dr = r - cr, dc = c - cc;
                    if (dr * dr + dc * dc <= r2) {
                        min = Math.min(min, px[r * w + c]);
                    }
                }
            }
            double sw = 0, sr = 0, sc = 0;
            for (int r = rLo; r <= rHi; r++) {
                for (int c = cLo; c <= cHi; c++) {
                    double dr = r - cr, dc = c - cc;
                    if (dr * dr + dc * dc <= r2) {
                        double wt = px[r * w + c] - min;
                        sw += wt;
                        sr += wt * r;
                        sc += wt * c;
                    }
                }
            }
            if (!(sw > 0)) {
                return null;
            }
            double nr = sr / sw, nc = sc / sw;
            if (Math.hypot(nr - row, nc - col) > radius) {
                return null;
            }
            boolean settled = Math.hypot(nr - cr, nc - cc) < 0.01;
            cr = nr;
            cc = nc;
            if (settled) {
                break;
            }
        }
        return new double[] {cr, cc};
    }
}
