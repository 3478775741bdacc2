package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;

class BlobComparisonTest {

    private static final Blob A = new Blob(3, 4, 2);
    private static final Blob B = new Blob(3, 4, 2.5);
    private static final Blob C = new Blob(10, 1, 1.5);

    @Test
    void sameBlobsInAnotherOrderAreIdentical() {
        BlobComparison c = BlobComparison.of(List.of(C, A, B), List.of(A, B, C));
        assertThat(c.identical()).isTrue();
        assertThat(c.javaCount()).isEqualTo(3);
        assertThat(c.describe()).isEqualTo("identical (3 blobs)");
    }

    @Test
    void aFewUlpOfSigmaAreTheSameBlobButMoreAreADifference() {
        // numpy's SIMD pow/exp differ by CPU in the last bits of a log_scale sigma: the same blob
        Blob nearlyB = new Blob(3, 4, 2.5 + BlobComparison.SIGMA_ULPS * Math.ulp(2.5));
        assertThat(BlobComparison.of(List.of(A, B, C), List.of(A, nearlyB, C)).identical()).isTrue();

        Blob otherB = new Blob(3, 4, 2.5 + (BlobComparison.SIGMA_ULPS + 1) * Math.ulp(2.5));
        BlobComparison c = BlobComparison.of(List.of(A, B, C), List.of(A, otherB, C));
        assertThat(c.identical()).isFalse();
        assertThat(c.onlyJava()).containsExactly(B);
        assertThat(c.onlySkimage()).containsExactly(otherB);
        assertThat(c.describe()).startsWith("DIFFERENT: java 3 blobs, skimage 3").contains("(3.0, 4.0, 2.5)");
    }

    @Test
    void positionsStayExact() {
        Blob movedB = new Blob(3, Math.nextUp(4.0), 2.5);
        assertThat(BlobComparison.of(List.of(A, B, C), List.of(A, movedB, C)).identical()).isFalse();
    }

    @Test
    void aMissingOrDuplicatedBlobIsADifference() {
        assertThat(BlobComparison.of(List.of(A, C), List.of(A, B, C)).onlySkimage()).containsExactly(B);
        BlobComparison twice = BlobComparison.of(List.of(A, A), List.of(A));
        assertThat(twice.identical()).isFalse();
        assertThat(twice.onlyJava()).containsExactly(A);
    }

    @Test
    void emptyListsAreIdentical() {
        assertThat(BlobComparison.of(List.of(), List.of()).identical()).isTrue();
    }

    @Test
    void keepsOnlyTheFirstDifferences() {
        List<Blob> many = java.util.stream.IntStream.range(0, 50).mapToObj(i -> new Blob(i, 0, 1)).toList();
        BlobComparison c = BlobComparison.of(many, List.of());
        assertThat(c.onlyJava()).hasSize(BlobComparison.SHOWN).first().isEqualTo(new Blob(0, 0, 1));
        assertThat(c.javaCount()).isEqualTo(50);
    }
}
