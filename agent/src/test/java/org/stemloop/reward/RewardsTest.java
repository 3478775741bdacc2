package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;

class RewardsTest {

    /** Graphene at 0.1 Å/px in a 256 x 256 frame: C–C 14.2 px. */
    private static final Lattice GRAPHENE = Lattice.graphene();
    private static final double PIXEL = 0.1;
    private static final RewardContext CONTEXT = RewardContext.of(GRAPHENE, 256, 256, PIXEL);
    private static final List<SyntheticLattice.Atom> IDEAL =
            SyntheticLattice.honeycomb(256, 256, GRAPHENE.nearestNeighbourPx(PIXEL) * Math.sqrt(3), 7, 1.5);

    @Test
    void idealLatticeIsNotCrowded() {
        AtomPositions atoms = AtomPositions.of(SyntheticLattice.rows(IDEAL), SyntheticLattice.cols(IDEAL));

        assertThat(new CrowdingReward().score(atoms, CONTEXT)).isZero();
        assertThat(new NeighbourSpreadReward().score(atoms, CONTEXT)).isCloseTo(0, within(1e-9));
        // the ideal positions inside the frame are about the expected count
        assertThat(new QuantityReward().score(atoms, CONTEXT)).isLessThan(0.03);
    }

    @Test
    void quantityIsZeroWhenCountsMatch() {
        AtomPositions atoms = AtomPositions.of(SyntheticLattice.rows(IDEAL), SyntheticLattice.cols(IDEAL));
        RewardContext exact = new RewardContext(IDEAL.size(), CONTEXT.nearestNeighbourPx(), CONTEXT.crowdingLimitPx());

        assertThat(new QuantityReward().score(atoms, exact)).isZero();
        assertThat(new QuantityReward().score(AtomPositions.of(new double[0], new double[0]), exact)).isEqualTo(1);
        RewardContext half = new RewardContext(IDEAL.size() / 2.0, 14.2, 35.5);
        assertThat(new QuantityReward().score(atoms, half)).isCloseTo(1, within(1e-12));
    }

    @Test
    void eachDuplicatePairCountsTwice() {
        AtomPositions five = withDuplicates(5, 1.0);
        AtomPositions ten = withDuplicates(10, 1.0);

        double er5 = new CrowdingReward().score(five, CONTEXT);
        double er10 = new CrowdingReward().score(ten, CONTEXT);

        assertThat(er5).isCloseTo(10 / CONTEXT.expectedCount(), within(1e-12));
        assertThat(er10).isCloseTo(2 * er5, within(1e-12));
    }

    @Test
    void atomCrowdedWhenItsNearestNeighbourIsWithinHalfABond() {
        double bond = GRAPHENE.nearestNeighbourPx(PIXEL);
        AtomPositions close = withDuplicates(3, 0.45 * bond);
        AtomPositions far = withDuplicates(3, 0.55 * bond);

        assertThat(CrowdingReward.crowdedCount(close, CONTEXT.crowdingLimitPx())).isEqualTo(6);
        // the original atom keeps two neighbours at one bond: 2.55 bonds is above the 2.5-bond limit
        int original = originalOfFirstTwin(far);
        assertThat(far.neighbourSum(original)).isCloseTo(2.55 * bond, within(1e-9));
        assertThat(far.neighbourSum(original)).isGreaterThan(CONTEXT.crowdingLimitPx());
    }

    private static int originalOfFirstTwin(AtomPositions atoms) {
        int twin = IDEAL.size();
        for (int i = 0; i < IDEAL.size(); i++) {
            if (atoms.row(i) == atoms.row(twin) && Math.abs(atoms.col(i) - atoms.col(twin)) < 10) {
                return i;
            }
        }
        throw new AssertionError("no original for the twin");
    }

    @Test
    void fewerThanFourAtomsAreNeverCrowded() {
        AtomPositions three = AtomPositions.of(new double[] {10, 10.5, 11}, new double[] {10, 10, 10});

        assertThat(new CrowdingReward().score(three, CONTEXT)).isZero();
    }

    @Test
    void spreadGrowsWithDuplicates() {
        double ideal = new NeighbourSpreadReward().score(withDuplicates(0, 1), CONTEXT);
        double some = new NeighbourSpreadReward().score(withDuplicates(10, 1), CONTEXT);
        double more = new NeighbourSpreadReward().score(withDuplicates(40, 1), CONTEXT);

        assertThat(ideal).isLessThan(some);
        assertThat(some).isLessThan(more).isLessThanOrEqualTo(1);
        assertThat(new NeighbourSpreadReward().score(AtomPositions.of(new double[] {1}, new double[] {1}), CONTEXT)).isEqualTo(1);
    }

    @Test
    void paperRewardsComeAsQcThenEr() {
        Rewards rewards = Rewards.paper();
        AtomPositions atoms = withDuplicates(5, 1.0);

        assertThat(rewards.names()).containsExactly("qc", "er");
        assertThat(rewards.evaluate(atoms, CONTEXT)).containsExactly(
                new QuantityReward().score(atoms, CONTEXT), new CrowdingReward().score(atoms, CONTEXT));
    }

    @Test
    void aThirdRewardPlugsIn() {
        Reward count = new Reward() {
            @Override
            public String name() {
                return "count";
            }

            @Override
            public double score(AtomPositions atoms, RewardContext context) {
                return atoms.size();
            }
        };
        Rewards rewards = Rewards.of(new QuantityReward(), new CrowdingReward(), new NeighbourSpreadReward(), count);

        double[] scores = rewards.evaluate(new double[] {1, 2}, new double[] {3, 4}, CONTEXT);

        assertThat(rewards.names()).containsExactly("qc", "er", "nn_spread", "count");
        assertThat(scores).hasSize(4);
        assertThat(scores[3]).isEqualTo(2);
    }

    @Test
    void positionsFromBlobsAndCopiedArrays() {
        double[] rows = {1, 2};
        double[] cols = {3, 4};
        AtomPositions atoms = AtomPositions.of(rows, cols);
        rows[0] = 99;

        assertThat(atoms.row(0)).isEqualTo(1);
        AtomPositions blobs = AtomPositions.ofBlobs(List.of(new Blob(5, 6, 1), new Blob(5, 9, 2)));
        assertThat(blobs.size()).isEqualTo(2);
        assertThat(blobs.neighbourDistance(0, 0)).isEqualTo(3);
        assertThat(blobs.neighbourDistance(0, 1)).isInfinite();
    }

    @Test
    void contextFromFftEstimateUsesPixels() {
        LatticeEstimate estimate = new LatticeEstimate(Symmetry.HEXAGONAL, 27.3, 27.3, 2 * 27.3 * 27.3 / Math.sqrt(3), 2, 0.9, "test");

        RewardContext context = RewardContext.of(estimate, 256, 256);

        assertThat(context.nearestNeighbourPx()).isCloseTo(2 * 27.3 / 3, within(1e-9));
        assertThat(context.expectedCount()).isCloseTo(256 * 256 * estimate.atomsPerAreaPx2(), within(1e-9));
    }

    /**
     * The ideal lattice plus a twin {@code offset} px along the column axis of each of {@code count}
     * interior atoms far apart (edge atoms lack in-frame neighbours, so a twin there may not crowd).
     */
    private static AtomPositions withDuplicates(int count, double offset) {
        double[] rows = Arrays.copyOf(SyntheticLattice.rows(IDEAL), IDEAL.size() + count);
        double[] cols = Arrays.copyOf(SyntheticLattice.cols(IDEAL), IDEAL.size() + count);
        int[] interior = IntStream.range(0, IDEAL.size())
                .filter(i -> Math.min(rows[i], cols[i]) > 30 && Math.max(rows[i], cols[i]) < 226).toArray();
        int step = interior.length / Math.max(count, 1);
        for (int i = 0; i < count; i++) {
            rows[IDEAL.size() + i] = rows[interior[i * step]];
            cols[IDEAL.size() + i] = cols[interior[i * step]] + offset;
        }
        return AtomPositions.of(rows, cols);
    }

    @Nested
    class Failures {

        @Test
        void duplicateNames() {
            assertThatThrownBy(() -> Rewards.of(new QuantityReward(), new QuantityReward()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Reward names must be unique: [qc, qc]");
        }

        @Test
        void noRewards() {
            assertThatThrownBy(() -> Rewards.of()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Rewards need at least one reward");
        }

        @Test
        void zeroExpectedCount() {
            assertThatThrownBy(() -> new RewardContext(0, 14, 35)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expected count must be positive and finite: 0.0");
        }

        @Test
        void positionNotFinite() {
            assertThatThrownBy(() -> AtomPositions.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Atom 1 position must be finite: (NaN, 2.0)");
        }

        @Test
        void mismatchedArrays() {
            assertThatThrownBy(() -> AtomPositions.of(new double[1], new double[2]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Rows and cols differ in length: 1 != 2");
        }

        @Test
        void rankOutOfRange() {
            assertThatThrownBy(() -> AtomPositions.of(new double[1], new double[1]).neighbourDistance(0, 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Neighbour rank must be in [0, 3): 3");
        }

        @Test
        void estimateWithoutAtoms() {
            assertThatThrownBy(() -> new LatticeEstimate(Symmetry.SQUARE, 10, 10, 100, 0, 0.5, ""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Atoms per cell must be at least 1: 0");
        }
    }
}
