package org.stemloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pieces of scikit-image's pruning that Python decides: tuple hashes, set order, overlaps. */
class PruningOrderTest {

    @Test
    void tupleHashIsCPythons() {
        // hash((0, 1)), hash((1, 2)), hash((12345, 67890)) in CPython 3.11
        assertThat(PythonSetOrder.tupleHash(0, 1)).isEqualTo(-1950498447580522560L);
        assertThat(PythonSetOrder.tupleHash(1, 2)).isEqualTo(-3550055125485641917L);
        assertThat(PythonSetOrder.tupleHash(12345, 67890)).isEqualTo(-8213766557046035702L);
    }

    @Test
    void setIterationOrderIsCPythons() {
        // list({(0,1),(0,2),(1,2),(3,4),(5,9),(2,7),(8,9)}) in CPython 3.11
        long[] inserted = {pair(0, 1), pair(0, 2), pair(1, 2), pair(3, 4), pair(5, 9), pair(2, 7), pair(8, 9)};
        long[] expected = {pair(0, 1), pair(1, 2), pair(3, 4), pair(2, 7), pair(0, 2), pair(8, 9), pair(5, 9)};

        assertThat(PythonSetOrder.iterationOrder(inserted)).containsExactly(expected);
    }

    @Test
    void diskOverlapIsScikitImages() {
        // _blob_overlap(array([10., 10., 2.]), array([12., 11., 1.5])) and the float32 pair
        assertThat(DiskOverlap.float64(10, 10, 2.0, 12, 11, 1.5)).isEqualTo(0.5900487715294458);
        assertThat(DiskOverlap.float32(10, 10, 2.5, 12, 11, 3.0)).isEqualTo(0.7600474577862228);
    }

    @Test
    void disjointAndNestedDisks() {
        assertThat(DiskOverlap.float64(0, 0, 1, 100, 100, 1)).isZero();
        assertThat(DiskOverlap.float64(5, 5, 3, 5, 5, 1)).isEqualTo(1.0);
    }

    @Test
    void chainsResolveInSetOrderNotSortedOrder() {
        // A (sigma 3) overlaps B (2), B overlaps C (1), A does not reach C. Sorted order would
        // visit (A,B) first and keep C; the pairs' set order decides what scikit-image keeps.
        int[] rows = {0, 0, 0};
        int[] cols = {0, 5, 9};
        double[] sigma = {3, 2, 1};
        long[] order = PythonSetOrder.iterationOrder(BlobPruner.pairsWithin(rows, cols, 2 * 3 * Math.sqrt(2)));
        BlobPruner.prune(rows, cols, sigma, 0.1, false);

        boolean abFirst = order[0] == pair(0, 1) || (order[0] == pair(0, 2) && order[1] == pair(0, 1));
        assertThat(sigma[1]).as("B is always dropped by A").isZero();
        assertThat(sigma[2] > 0).as("C survives exactly when (A, B) is visited before (B, C)").isEqualTo(abFirst);
    }

    private static long pair(int i, int j) {
        return ((long) i << 32) | j;
    }
}
