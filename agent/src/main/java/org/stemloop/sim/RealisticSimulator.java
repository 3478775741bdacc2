package org.stemloop.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;

/**
 * The realistic frame of a {@link RealisticSpec}: see {@link Simulator#realistic} for the steps.
 * Every random choice has its own stream split from the seed, in a fixed order, so switching one
 * effect on or off leaves the others as they were (the lattice of a seed is the same at every
 * dose, with or without holes).
 */
final class RealisticSimulator {

    private RealisticSimulator() {
    }

    /** The independent random streams of one realistic frame; never reorder the splits. */
    private record Streams(SplittableRandom rotation, SplittableRandom regions, SplittableRandom thickness,
            SplittableRandom background, SplittableRandom texture, SplittableRandom contamination,
            SplittableRandom scan, SplittableRandom shot) {

        static Streams of(long seed) {
            // A different root than RandomStreams, which still places the lattice and dopants.
            SplittableRandom root = new SplittableRandom(seed ^ 0x5EA1_5EA1_5EA1_5EA1L);
            return new Streams(root.split(), root.split(), root.split(), root.split(), root.split(), root.split(),
                    root.split(), root.split());
        }
    }

    static RealisticFrame simulate(RealisticSpec spec, long seed) {
        Streams random = Streams.of(seed);
        double rotationDraw = random.rotation().nextDouble() * 360;
        double rotation = spec.randomRotation() ? rotationDraw : spec.rotationDegrees();
        int h = spec.height();
        int w = spec.width();
        double p = spec.pixelSizeAngstrom();
        Probe probe = spec.probe();
        double coreSigma = probe.coreSigmaPixels(p);
        double tailSigma = probe.tailSigmaPixels(p);
        double reach = ShiftedSpots.TRUNCATE * (probe.tailFraction() > 0 ? tailSigma : coreSigma);
        double margin = reach + spec.scan().maxShift(h) + Math.abs(spec.scan().rowStretch()) * h / 2 + 2;
        RowShifts shifts = RowShifts.of(spec.scan(), h, (int) Math.ceil(margin + reach) + 2, random.scan());
        List<Region> regions = regions(spec, random.regions());

        SimulationSpec base = new SimulationSpec(spec.material(), h, w, p, rotation, probe.fwhmAngstrom(), Noise.NONE,
                new Defects(spec.specimen().dopantFraction(), 0, 0, Defects.DEFAULT_HOLE_RADIUS, 0), seed);
        List<PlacedAtom> lattice = AtomLayout.place(base, RandomStreams.of(seed), margin);
        double[] thickness = spec.specimen().thicknessVariation() > 0
                ? RandomField.smooth(h, w, spec.specimen().thicknessLengthAngstrom() / p, random.thickness())
                : null;
        Species reference = spec.material() == Material.GRAPHENE ? Species.C : Species.SR;
        double unit = reference.strength(spec.contrast());

        int n = lattice.size();
        double[] rows = new double[n];
        double[] cols = new double[n];
        double[] amps = new double[n];
        int drawn = 0;
        List<TrueAtom> truth = new ArrayList<>();
        double rowCentre = (h - 1) / 2.0;
        for (PlacedAtom a : lattice) {
            double row = rowCentre + (a.row() - rowCentre) * (1 + spec.scan().rowStretch());
            double col = a.col() + shifts.centroid(row, coreSigma, tailSigma, probe.tailPeak());
            double hole = coverage(regions, Region.Kind.HOLE, row, col);
            double dirt = coverage(regions, Region.Kind.CONTAMINATION, row, col);
            if (hole >= 0.5 || dirt >= 0.5) {
                continue;
            }
            double amplitude = a.species().strength(spec.contrast()) / unit * (1 - dirt);
            if (thickness != null) {
                int tr = Math.max(0, Math.min(h - 1, (int) Math.round(row)));
                int tc = Math.max(0, Math.min(w - 1, (int) Math.round(col)));
                amplitude *= Math.max(0.1, 1 + spec.specimen().thicknessVariation() * thickness[tr * w + tc]);
            }
            rows[drawn] = row;
            cols[drawn] = a.col();
            amps[drawn] = amplitude;
            drawn++;
            if (row >= -0.5 && row < h - 0.5 && col >= -0.5 && col < w - 0.5) {
                truth.add(new TrueAtom(row, col, a.species().label()));
            }
        }
        double[] image = new double[h * w];
        double[] frameShifts = shifts.frameRows();
        rows = Arrays.copyOf(rows, drawn);
        cols = Arrays.copyOf(cols, drawn);
        amps = Arrays.copyOf(amps, drawn);
        ShiftedSpots.add(image, h, w, rows, cols, amps, coreSigma, frameShifts);
        if (probe.tailFraction() > 0) {
            double tailPeak = probe.tailPeak();
            double[] tailAmps = amps.clone();
            for (int i = 0; i < tailAmps.length; i++) {
                tailAmps[i] *= tailPeak;
            }
            ShiftedSpots.add(image, h, w, rows, cols, tailAmps, tailSigma, frameShifts);
        }
        SpecimenBackground.add(image, spec, regions, random.background(), random.texture(), random.contamination());
        if (spec.contrast() == Contrast.ABF) {
            for (int i = 0; i < image.length; i++) {
                image[i] = Math.max(0.02, 1 - Contrast.ABF_DEPTH * image[i]);
            }
        }
        if (spec.doseElectronsPerPixel() > 0) {
            expose(image, spec.doseElectronsPerPixel(), random.shot());
        }
        Frame frame = Frame.of(h, w, image).withPixelSize(spec.toldPixelSizeAngstrom());
        return new RealisticFrame(frame, truth, spec, seed, rotation, regions);
    }

    private static List<Region> regions(RealisticSpec spec, SplittableRandom rng) {
        Specimen s = spec.specimen();
        double p = spec.pixelSizeAngstrom();
        // Edges soft over about an ångström (10-90% over 4.4 logistic scales): the film thins, or the
        // contamination thickens, over an atom or two; contamination twice as gradually.
        double edge = 0.25 / p;
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < s.holes(); i++) {
            regions.add(Region.random(Region.Kind.HOLE, spec.height(), spec.width(), s.holeRadiusAngstrom() / p, edge,
                    rng));
        }
        for (int i = 0; i < s.contaminations(); i++) {
            regions.add(Region.random(Region.Kind.CONTAMINATION, spec.height(), spec.width(),
                    s.contaminationRadiusAngstrom() / p, 2 * edge, rng));
        }
        return regions;
    }

    /** The largest coverage of (row, col) by a region of this kind. */
    static double coverage(List<Region> regions, Region.Kind kind, double row, double col) {
        double most = 0;
        for (Region r : regions) {
            if (r.kind() == kind) {
                most = Math.max(most, r.coverage(row, col));
            }
        }
        return most;
    }

    /** Scales the image to a mean of {@code dose} electrons per pixel and draws each pixel's count. */
    private static void expose(double[] image, double dose, SplittableRandom rng) {
        double sum = 0;
        for (double v : image) {
            sum += v;
        }
        double scale = sum > 0 ? dose * image.length / sum : 0;
        for (int i = 0; i < image.length; i++) {
            image[i] = PoissonSampler.sample(image[i] * scale, rng);
        }
    }
}
