package org.stemloop.bench;

import java.util.List;
import java.util.Objects;

/**
 * Everything one run of {@code stemloop bench blobs} found, ready to be written out.
 *
 * @param speed          one result per size and parameter set
 * @param verify         the equality sweep (empty when scikit-image was not available)
 * @param verifySeed     the seed the sweep's cases were drawn from
 * @param skimageVersion scikit-image's version, or {@code null} when it was not available
 * @param skimageNote    why scikit-image was not available, or {@code null}
 * @param machine        where it ran: cores, Java, operating system, load
 */
public record BlobsBench(List<SpeedResult> speed, List<VerifyResult> verify, long verifySeed, String skimageVersion,
                         String skimageNote, Machine machine) {

    public BlobsBench {
        speed = List.copyOf(speed);
        verify = List.copyOf(verify);
        Objects.requireNonNull(machine, "machine");
        if ((skimageVersion == null) == (skimageNote == null)) {
            throw new IllegalArgumentException("Give scikit-image's version or a note why it is missing, not both or neither");
        }
    }

    /** True when scikit-image ran. */
    public boolean hasSkimage() {
        return skimageVersion != null;
    }

    /** Speed cases whose blobs equal scikit-image's. */
    public long speedIdentical() {
        return speed.stream().filter(r -> r.equality() != null && r.equality().identical()).count();
    }

    /** Sweep cases whose blobs equal scikit-image's. */
    public long verifyIdentical() {
        return verify.stream().filter(r -> r.comparison().identical()).count();
    }

    /** True when scikit-image ran and every case, timed or swept, gave identical blobs. */
    public boolean allIdentical() {
        return hasSkimage() && speedIdentical() == speed.size() && verifyIdentical() == verify.size();
    }

    /**
     * The machine the numbers come from.
     *
     * @param cores       available processors
     * @param java        Java runtime version
     * @param os          operating system name, version and architecture
     * @param loadBefore  one-minute load average at the start (negative when unknown)
     * @param loadAfter   one-minute load average at the end (negative when unknown)
     */
    public record Machine(int cores, String java, String os, double loadBefore, double loadAfter) {
        public Machine {
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(os, "os");
        }

        /** "2 cores, Java 17.0.15, Linux 6.1 amd64, load 2.9 -> 3.1". */
        public String describe() {
            return "%d cores, Java %s, %s, load average %s -> %s".formatted(cores, java, os,
                    loadBefore < 0 ? "?" : "%.2f".formatted(loadBefore), loadAfter < 0 ? "?" : "%.2f".formatted(loadAfter));
        }
    }
}
