package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LatticeTest {

    @ParameterizedTest
    @EnumSource(Material.class)
    void eachMaterialsLatticeAgreesWithItsNumbers(Material m) {
        Lattice lattice = Lattice.of(m);

        assertThat(lattice.nearestNeighbour()).isCloseTo(m.nearestNeighbourAngstrom(), within(1e-9));
        assertThat(lattice.density()).isCloseTo(m.atomsPerSquareAngstrom(), within(1e-9));
        assertThat(Material.byId(" " + m.id().toUpperCase(Locale.ROOT) + " ")).contains(m);
    }

    @Test
    void unknownMaterialNamesTheChoices() {
        assertThat(Material.byId("gold")).isEmpty();
        assertThat(Material.byId(null)).isEmpty();
        assertThatThrownBy(() -> Material.parse("gold")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown material: gold (expected graphene or srtio3)");
    }

    @Test
    void grapheneCountsAtomsFromArea() {
        Lattice graphene = Lattice.graphene();

        // 256 x 256 px at 0.1 Å/px = 655.36 Å²; a = 2.46 Å gives 0.3816 atoms/Å² (0.3819 with a = 2.459)
        assertThat(graphene.density()).isCloseTo(0.3816, within(0.0005));
        assertThat(graphene.expectedCount(256, 256, 0.1)).isCloseTo(250.3, within(0.3));
        assertThat(graphene.nearestNeighbour()).isCloseTo(1.42, within(0.005));
        assertThat(graphene.nearestNeighbourPx(0.078)).isCloseTo(18.21, within(0.01));
    }

    @Test
    void grapheneCrowdingLimitIsTwoAndAHalfBonds() {
        Lattice graphene = Lattice.graphene();

        assertThat(graphene.threeNeighbourSum()).isCloseTo(3 * 1.4203, within(1e-3));
        assertThat(graphene.crowdingLimit()).isCloseTo(2.5 * graphene.nearestNeighbour(), within(1e-12));
        assertThat(graphene.crowdingLimitPx(0.1)).isCloseTo(10 * graphene.crowdingLimit(), within(1e-9));
    }

    @Test
    void srtio3HasTwoColumnsPerCellAtHalfDiagonal() {
        Lattice srtio3 = Lattice.srtio3();

        assertThat(srtio3.atomsPerCell()).isEqualTo(2);
        assertThat(srtio3.cellArea()).isCloseTo(3.905 * 3.905, within(1e-12));
        assertThat(srtio3.nearestNeighbour()).isCloseTo(3.905 / Math.sqrt(2), within(1e-12));
        // 1024 px at 0.1001 Å/px: a = 39.0 px
        assertThat(srtio3.nearestNeighbourPx(0.1001) * Math.sqrt(2)).isCloseTo(39.01, within(0.01));
        assertThat(srtio3.expectedCount(1024, 1024, 0.1001)).isCloseTo(1378.5, within(0.5));
    }

    @Test
    void customSquareWithTwoAtomsEqualsCentredSquare() {
        Lattice square = Lattice.square(3.905, 2);
        Lattice srtio3 = Lattice.srtio3();

        assertThat(square.density()).isCloseTo(srtio3.density(), within(1e-12));
        assertThat(square.nearestNeighbour()).isCloseTo(srtio3.nearestNeighbour(), within(1e-12));
        assertThat(square.crowdingLimit()).isCloseTo(srtio3.crowdingLimit(), within(1e-12));
    }

    @Test
    void customLatticesOfOneAtom() {
        assertThat(Lattice.square(2, 1).threeNeighbourSum()).isEqualTo(6);
        assertThat(Lattice.hexagonal(2, 1).cellArea()).isCloseTo(2 * Math.sqrt(3), within(1e-12));
        assertThat(Lattice.hexagonal(2, 1).nearestNeighbour()).isEqualTo(2);
        // 2 neighbours at 3, the third at min(7, 6)
        assertThat(Lattice.rectangular(7, 3, 1).threeNeighbourSum()).isEqualTo(12);
        assertThat(Lattice.rectangular(3, 4, 1).threeNeighbourSum()).isEqualTo(10);
        assertThat(Lattice.rectangular(3, 4, 1).expectedCount(10, 10, 1.2)).isCloseTo(12, within(1e-12));
    }

    @Test
    void latticeInPixelsUsesUnitPixelSize() {
        Lattice pixels = new Honeycomb("FFT honeycomb", 31.5);

        assertThat(pixels.expectedCount(512, 512, 1)).isCloseTo(512 * 512 * 2 / (31.5 * 31.5 * Math.sqrt(3) / 2), within(1e-9));
    }

    @Nested
    class Failures {

        @Test
        void nonPositiveParameter() {
            assertThatThrownBy(() -> Lattice.square(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Lattice parameter a must be positive and finite: -1.0");
        }

        @Test
        void infiniteSecondSide() {
            assertThatThrownBy(() -> Lattice.rectangular(3, Double.POSITIVE_INFINITY, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Lattice parameter b must be positive and finite: Infinity");
        }

        @Test
        void notANumber() {
            assertThatThrownBy(() -> Lattice.hexagonal(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Lattice parameter a must be positive and finite: NaN");
        }

        @Test
        void noAtoms() {
            assertThatThrownBy(() -> Lattice.hexagonal(2, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Atoms per cell must be at least 1: 0");
        }

        @Test
        void blankName() {
            assertThatThrownBy(() -> new Honeycomb(" ", 2.46)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Lattice name must not be blank");
        }

        @Test
        void zeroPixelSize() {
            assertThatThrownBy(() -> Lattice.graphene().expectedCount(10, 10, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Pixel size must be positive and finite: 0.0");
        }

        @Test
        void emptyFrame() {
            assertThatThrownBy(() -> Lattice.graphene().expectedCount(0, 10, 0.1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Frame size must be positive: 0 x 10");
        }
    }
}
