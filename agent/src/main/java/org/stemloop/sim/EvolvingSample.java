package org.stemloop.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;

/**
 * A specimen under the beam, imaged frame after frame: the digital twin's sample. Graphene changes
 * between frames as it does under an electron beam (Si dopants hop to a neighbouring carbon site,
 * the beam knocks single atoms out, and atoms next to a vacancy go more easily, so vacancies grow
 * into holes); SrTiO3 stays put. Each frame gets fresh noise. Optionally the specimen drifts ({@link Drift}:
 * constant and random walk), and {@link #nextInSeries()} says where it is and which true atom is which (site and
 * dopant numbers that persist), so that a tracker can be scored.
 *
 * <p>The first frame is {@link Simulator#simulate(SimulationSpec)}'s layout of the spec (its defects
 * included); the changes are drawn from the spec's seed, so the same spec gives the same film.
 *
 * @apiNote Cost per frame: rendering as {@link Simulator} (a few tens of milliseconds at 512²) plus
 *          one scan of the atoms per dopant and per vacancy site. Not thread-safe; one caller.
 */
public final class EvolvingSample {

    /**
     * How fast graphene changes, per frame.
     *
     * @param hop     probability that a Si dopant moves to a neighbouring carbon site
     * @param knockOn expected new single vacancies (atoms knocked out anywhere)
     * @param growth  probability that a vacancy site loses one more neighbour (vacancies grow, holes open)
     */
    public record Rates(double hop, double knockOn, double growth) {

        /** A visible but slow change: a hop every ~3 frames per dopant, a new vacancy every other frame. */
        public static final Rates DEFAULT = new Rates(0.3, 0.5, 0.05);

        public Rates {
            if (!(hop >= 0 && hop <= 1) || !(growth >= 0 && growth <= 1) || !(knockOn >= 0 && knockOn <= 1000)) {
                throw new IllegalArgumentException("Rates must be probabilities (hop, growth) and 0-1000 knock-ons: "
                        + hop + ", " + knockOn + ", " + growth);
            }
        }
    }

    private final SimulationSpec spec;
    private final Rates rates;
    private final Drift drift;
    private final List<PlacedAtom> atoms;
    // parallel to atoms: each atom's site number and its dopant number (-1: not a dopant), for trackers' scores
    private final List<Integer> sites;
    private final List<Integer> dopants;
    private final List<double[]> vacancies = new ArrayList<>();
    private final SplittableRandom rng;
    private final SplittableRandom walk;
    private final double neighbourPx;
    private double offsetRow;
    private double offsetCol;
    private long frames;

    private EvolvingSample(SimulationSpec spec, Rates rates, Drift drift) {
        this.spec = spec;
        this.rates = rates;
        this.drift = java.util.Objects.requireNonNull(drift, "drift");
        RandomStreams random = RandomStreams.of(spec.seed());
        this.atoms = new ArrayList<>(AtomLayout.place(spec, random,
                SpotRenderer.TRUNCATE * spec.probeSigmaPixels() + 1 + drift.reachPx()));
        this.sites = new ArrayList<>(atoms.size());
        this.dopants = new ArrayList<>(atoms.size());
        int nextDopant = 0;
        for (int i = 0; i < atoms.size(); i++) {
            sites.add(i);
            dopants.add(atoms.get(i).species() == Species.SI ? nextDopant++ : -1);
        }
        this.rng = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        // its own stream, so a drifting film changes (hops, knock-ons) exactly as a still one
        this.walk = new SplittableRandom(spec.seed() ^ 0x2545F4914F6CDD1DL);
        // a little more than the bond, less than the second neighbour (sqrt(3) bonds in graphene)
        this.neighbourPx = 1.25 * spec.material().nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
    }

    /** A sample of {@code spec} that evolves at {@code rates} (ignored for SrTiO3) and stays put. */
    public static EvolvingSample of(SimulationSpec spec, Rates rates) {
        return new EvolvingSample(spec, rates, Drift.NONE);
    }

    /** A sample of {@code spec} that evolves at {@code rates} and drifts as {@code drift} says (any material). */
    public static EvolvingSample of(SimulationSpec spec, Rates rates, Drift drift) {
        return new EvolvingSample(spec, rates, drift);
    }

    public Drift drift() {
        return drift;
    }

    public SimulationSpec spec() {
        return spec;
    }

    /** Frames imaged so far. */
    public long frames() {
        return frames;
    }

    /** Images the sample (after changing it, from the second frame on) with fresh noise. */
    public SimulatedFrame next() {
        return nextInSeries().frame();
    }

    /**
     * As {@link #next()}, with the specimen's offset from the first frame and the true atoms' site and dopant
     * numbers, which a tracker's identities are scored against.
     */
    public SeriesFrame nextInSeries() {
        if (frames > 0 && spec.material() == Material.GRAPHENE) {
            evolve();
        }
        if (frames > 0 && drift.moves()) {
            offsetRow = reflect(offsetRow + drift.rowPerFrame() + drift.walkSigma() * walk.nextGaussian());
            offsetCol = reflect(offsetCol + drift.colPerFrame() + drift.walkSigma() * walk.nextGaussian());
        }
        long index = frames++;
        List<PlacedAtom> shown = new ArrayList<>(atoms.size());
        for (PlacedAtom a : atoms) {
            shown.add(new PlacedAtom(a.row() + offsetRow, a.col() + offsetCol, a.species()));
        }
        double[] image = SpotRenderer.render(spec.height(), spec.width(), shown, spec.probeSigmaPixels(),
                new double[spec.height()]);
        Simulator.normalise(image);
        double level = spec.noise().level();
        SplittableRandom noise = new SplittableRandom(spec.seed() * 31 + frames);
        for (int i = 0; level > 0 && i < image.length; i++) {
            image[i] += level * noise.nextGaussian();
        }
        Frame frame = Frame.of(spec.height(), spec.width(), image).withPixelSize(spec.pixelSizeAngstrom());
        List<TrueAtom> truth = new ArrayList<>();
        List<SeriesAtom> tracked = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            PlacedAtom a = shown.get(i);
            if (a.insideFrame(spec.height(), spec.width())) {
                truth.add(new TrueAtom(a.row(), a.col(), a.species().label()));
                tracked.add(new SeriesAtom(sites.get(i), dopants.get(i), a.row(), a.col(), a.species().label()));
            }
        }
        return new SeriesFrame(new SimulatedFrame(frame, truth, spec), index, offsetRow, offsetCol, tracked);
    }

    /** Keeps an offset within the drift's reach by reflecting it at the bound. */
    private double reflect(double offset) {
        double reach = drift.reachPx();
        if (offset > reach) {
            return Math.max(-reach, 2 * reach - offset);
        }
        if (offset < -reach) {
            return Math.min(reach, -2 * reach - offset);
        }
        return offset;
    }

    private void evolve() {
        // a dopant that arrived this frame stays there until the next: one hop (one bond) per frame at most
        boolean[] arrived = new boolean[atoms.size()];
        for (int i = 0; i < atoms.size(); i++) {
            if (atoms.get(i).species() == Species.SI && !arrived[i] && rng.nextDouble() < rates.hop()) {
                int j = randomNeighbour(atoms.get(i).row(), atoms.get(i).col(), Species.C);
                if (j >= 0) {
                    // the dopant and the carbon swap places
                    PlacedAtom si = atoms.get(i);
                    atoms.set(i, si.as(Species.C));
                    atoms.set(j, atoms.get(j).as(Species.SI));
                    dopants.set(j, dopants.get(i));
                    dopants.set(i, -1);
                    arrived[j] = true;
                }
            }
        }
        int growing = vacancies.size();
        for (int v = 0; v < growing; v++) {
            if (rng.nextDouble() < rates.growth()) {
                double[] site = vacancies.get(v);
                int j = randomNeighbour(site[0], site[1], null);
                if (j >= 0) {
                    knockOut(j);
                }
            }
        }
        int knocked = (int) rates.knockOn() + (rng.nextDouble() < rates.knockOn() % 1 ? 1 : 0);
        for (int k = 0; k < knocked && !atoms.isEmpty(); k++) {
            knockOut(rng.nextInt(atoms.size()));
        }
    }

    private void knockOut(int index) {
        PlacedAtom gone = atoms.remove(index);
        sites.remove(index);
        dopants.remove(index);
        vacancies.add(new double[] {gone.row(), gone.col()});
    }

    /** A random atom (of {@code species}, or any) within a bond of (row, col), or -1. */
    private int randomNeighbour(double row, double col, Species species) {
        double limit = neighbourPx * neighbourPx;
        List<Integer> near = new ArrayList<>();
        for (int j = 0; j < atoms.size(); j++) {
            PlacedAtom a = atoms.get(j);
            double d = a.distanceSquared(row, col);
            if (d > 1e-6 && d <= limit && (species == null || a.species() == species)) {
                near.add(j);
            }
        }
        return near.isEmpty() ? -1 : near.get(rng.nextInt(near.size()));
    }
}
