package org.stemloop.bench;

import java.util.Objects;

/**
 * One case of the equality sweep and how Java's blobs compared with scikit-image's.
 *
 * @param verifyCase the frame and parameters
 * @param comparison the comparison of the two blob lists
 */
public record VerifyResult(VerifyCase verifyCase, BlobComparison comparison) {

    public VerifyResult {
        Objects.requireNonNull(verifyCase, "verifyCase");
        Objects.requireNonNull(comparison, "comparison");
    }
}
