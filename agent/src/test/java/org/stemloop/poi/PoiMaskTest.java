package org.stemloop.poi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.stemloop.poi.PoiFinderTest.NN;
import static org.stemloop.poi.PoiFinderTest.honeycomb;
import static org.stemloop.poi.PoiFinderTest.nearest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.CrystalMask;

/**
 * Points of interest judged with the frame's crystal mask: a hole's rim is a boundary (not vacancy edges), noise in
 * the hole is no point (not even a bright one), the frame's border is no boundary, and a vacancy or a crowded atom
 * inside the crystal is found as without a mask.
 */
class PoiMaskTest {

    private static final int SIZE = 200;
    private static final int CELL = 10;
    private static final double HOLE_ROW = 130;
    private static final double HOLE_COL = 120;
    private static final double HOLE_RADIUS = 30;

    private final PoiGeometry geometry = new PoiGeometry(SIZE, SIZE, 0.142, NN, 3);
    private final PoiFinder finder = new PoiFinder(PoiSettings.DEFAULT);

    /** The honeycomb with a round hole: no lattice in it, 6 noise detections (one bright) inside. */
    private static List<AtomSite> holed() {
        List<AtomSite> atoms = new ArrayList<>(honeycomb(SIZE).stream()
                .filter(a -> Math.hypot(a.row() - HOLE_ROW, a.col() - HOLE_COL) > HOLE_RADIUS).toList());
        Random rng = new Random(7);
        for (int k = 0; k < 6; k++) {
            double r = 0.6 * HOLE_RADIUS * rng.nextDouble();
            double t = 2 * Math.PI * rng.nextDouble();
            atoms.add(new AtomSite(HOLE_ROW + r * Math.sin(t), HOLE_COL + r * Math.cos(t), k == 0 ? 3 : 0.9, -1));
        }
        return atoms;
    }

    /** The mask an estimator would give: cells whose centre lies in the hole are masked. */
    private static CrystalMask holeMask() {
        int n = SIZE / CELL;
        boolean[] crystal = new boolean[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                crystal[r * n + c] = Math.hypot(r * CELL + CELL / 2.0 - HOLE_ROW, c * CELL + CELL / 2.0 - HOLE_COL)
                        > HOLE_RADIUS;
            }
        }
        return new CrystalMask(SIZE, SIZE, CELL, crystal);
    }

    private static double fromHole(PointOfInterest p) {
        return Math.hypot(p.row() - HOLE_ROW, p.col() - HOLE_COL);
    }

    @Test
    void withoutTheMaskTheHolesRimIsTakenForVacanciesAndItsNoiseForADopant() {
        List<PointOfInterest> poi = finder.find(holed(), geometry);
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.VACANCY_EDGE).isNotEmpty()
                .allSatisfy(p -> assertThat(fromHole(p)).isLessThan(HOLE_RADIUS + 2 * NN));
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.DOPANT)
                .anySatisfy(p -> assertThat(fromHole(p)).isLessThan(HOLE_RADIUS));
    }

    @Test
    void withTheMaskTheHolesRimIsABoundaryAndNothingInTheHoleIsAPoint() {
        CrystalMask mask = holeMask();
        List<PointOfInterest> poi = finder.find(holed(), geometry, mask);
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.VACANCY_EDGE).as("a hole is not a vacancy").isEmpty();
        assertThat(poi).as("nothing off the crystal").allSatisfy(p -> assertThat(mask.contains(p.row(), p.col())).isTrue());
        List<PointOfInterest> rim = poi.stream().filter(p -> p.kind() == PoiKind.BOUNDARY).toList();
        assertThat(rim).hasSizeBetween(PoiSettings.DEFAULT.minAgreeing(), PoiSettings.DEFAULT.maxPerKind())
                .allSatisfy(p -> {
                    assertThat(fromHole(p)).as("on the hole's rim, not at the frame's border")
                            .isBetween(HOLE_RADIUS, HOLE_RADIUS + 1.2 * NN);
                    assertThat(p.reason()).startsWith("at the crystal's edge");
                });
    }

    @Test
    void aVacancyAndACrowdedAtomInsideTheCrystalAreFoundAsWithoutAMask() {
        List<AtomSite> atoms = new ArrayList<>(holed());
        AtomSite gone = atoms.remove(nearest(atoms, 50, 50));
        AtomSite host = atoms.get(nearest(atoms, 60, 150));
        atoms.add(new AtomSite(host.row() + 5, host.col() + 3, 1, -1));
        List<PointOfInterest> poi = finder.find(atoms, geometry, holeMask());
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.VACANCY_EDGE).hasSize(3).allSatisfy(p ->
                assertThat(Math.hypot(p.row() - gone.row(), p.col() - gone.col())).isCloseTo(NN,
                        org.assertj.core.data.Offset.offset(0.01)));
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.BOUNDARY)
                .anySatisfy(p -> assertThat(Math.hypot(p.row() - host.row(), p.col() - host.col())).isLessThan(2 * NN));
    }

    @Test
    void aLongRimDoesNotTakeEveryPlaceFromAShortOne() {
        List<PointOfInterest> rim = new ArrayList<>();
        for (int k = 0; k < 10; k++) { // a long rim, each point a bond from the next, the better scores
            rim.add(new PointOfInterest("p" + k, k, PoiKind.BOUNDARY, 20, 20 + NN * k, 0, 0, 0.67, "long"));
        }
        rim.add(new PointOfInterest("p10", 10, PoiKind.BOUNDARY, 150, 150, 0, 0, 0.33, "short"));
        rim.add(new PointOfInterest("p11", 11, PoiKind.BOUNDARY, 150, 150 + NN, 0, 0, 0.33, "short"));
        List<PointOfInterest> ordered = RimOrder.byStretch(rim, 2 * NN);
        assertThat(ordered).hasSize(12);
        assertThat(ordered.subList(0, 2)).extracting(PointOfInterest::reason).containsExactly("long", "short");
    }

    @Test
    void aMaskOfAllTheFrameChangesNothingAndOneOfAnotherSizeIsRefused() {
        List<AtomSite> atoms = holed();
        assertThat(finder.find(atoms, geometry, CrystalMask.all(SIZE, SIZE))).isEqualTo(finder.find(atoms, geometry));
        assertThatThrownBy(() -> finder.find(atoms, geometry, CrystalMask.all(SIZE, SIZE / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200 x 100");
    }
}
