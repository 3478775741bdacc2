package org.stemloop.poi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PoiFinderTest {

    static final double NN = 10; // px between nearest atoms

    /** A honeycomb of nearest distance NN covering size x size px, intensity 1 with 2% noise. */
    static List<AtomSite> honeycomb(int size) {
        List<AtomSite> out = new ArrayList<>();
        Random rng = new Random(3);
        double a = NN * Math.sqrt(3);
        for (int i = -2; i < size / a + 2; i++) {
            for (int j = -2; j < size / (1.5 * NN) + 2; j++) {
                double row = j * 1.5 * NN;
                double col = i * a + (j % 2 == 0 ? 0 : a / 2);
                for (double[] p : new double[][] {{row, col}, {row + NN, col}}) {
                    if (p[0] >= 0 && p[1] >= 0 && p[0] < size && p[1] < size) {
                        out.add(new AtomSite(p[0], p[1], 1 + 0.02 * rng.nextGaussian(), -1));
                    }
                }
            }
        }
        return out;
    }

    static int nearest(List<AtomSite> atoms, double row, double col) {
        int best = 0;
        for (int i = 1; i < atoms.size(); i++) {
            if (Math.hypot(atoms.get(i).row() - row, atoms.get(i).col() - col)
                    < Math.hypot(atoms.get(best).row() - row, atoms.get(best).col() - col)) {
                best = i;
            }
        }
        return best;
    }

    private final PoiGeometry geometry = new PoiGeometry(200, 200, 0.142, NN, 3);
    private final PoiFinder finder = new PoiFinder(PoiSettings.DEFAULT);

    @Test
    void aPerfectLatticeHasNoPointsOfInterest() {
        assertThat(finder.find(honeycomb(200), geometry)).isEmpty();
    }

    @Test
    void aBrightAtomIsTheDopantAndTheNeighboursOfAVacancyAreItsEdge() {
        List<AtomSite> atoms = new ArrayList<>(honeycomb(200));
        int bright = nearest(atoms, 60, 60);
        AtomSite b = atoms.get(bright);
        atoms.set(bright, new AtomSite(b.row(), b.col(), 2.0, -1));
        AtomSite gone = atoms.remove(nearest(atoms, 130, 130));

        List<PointOfInterest> poi = finder.find(atoms, geometry);

        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.DOPANT).singleElement().satisfies(p -> {
            assertThat(p.row()).isEqualTo(b.row());
            assertThat(p.xAngstrom()).isEqualTo(b.col() * 0.142);
            assertThat(p.reason()).contains("robust SD above the median");
        });
        List<PointOfInterest> edges = poi.stream().filter(p -> p.kind() == PoiKind.VACANCY_EDGE).toList();
        assertThat(edges).hasSize(3).allSatisfy(p -> {
            assertThat(Math.hypot(p.row() - gone.row(), p.col() - gone.col())).isCloseTo(NN, org.assertj.core.data.Offset.offset(0.01));
            assertThat(p.reason()).startsWith("2 neighbours");
        });
        assertThat(poi.get(0).kind()).isEqualTo(PoiKind.DOPANT);
        assertThat(poi).filteredOn(p -> p.kind() == PoiKind.BOUNDARY).isEmpty();
    }

    @Test
    void anExtraAtomCrowdingTheLatticeIsABoundary() {
        List<AtomSite> atoms = new ArrayList<>(honeycomb(200));
        AtomSite host = atoms.get(nearest(atoms, 100, 100));
        atoms.add(new AtomSite(host.row() + 5, host.col() + 3, 1, -1));
        assertThat(finder.find(atoms, geometry)).filteredOn(p -> p.kind() == PoiKind.BOUNDARY).isNotEmpty();
    }

    @Test
    void theBrightMinorityClassIsDopantEvenWhenNotAnOutlier() {
        List<AtomSite> atoms = new ArrayList<>();
        for (AtomSite a : honeycomb(200)) {
            atoms.add(new AtomSite(a.row(), a.col(), a.intensity(), 0));
        }
        int i = nearest(atoms, 100, 100);
        atoms.set(i, new AtomSite(atoms.get(i).row(), atoms.get(i).col(), 1.03, 1));
        assertThat(finder.find(atoms, geometry)).filteredOn(p -> p.kind() == PoiKind.DOPANT)
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("brightest class"));
    }

    @Test
    void noAtomsNoPoints() {
        assertThat(finder.find(List.of(), geometry)).isEmpty();
    }
}
