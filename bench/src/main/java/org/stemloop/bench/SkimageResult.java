package org.stemloop.bench;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * Everything one call of {@link SkimageBlobLog#run} gave.
 *
 * @param skimageVersion scikit-image's version, e.g. "0.19.3"
 * @param pythonVersion  the interpreter's version
 * @param cases          one result per job, in job order
 */
public record SkimageResult(String skimageVersion, String pythonVersion, List<Case> cases) {

    public SkimageResult {
        Objects.requireNonNull(skimageVersion, "skimageVersion");
        cases = List.copyOf(cases);
    }

    /**
     * scikit-image's answer to one job.
     *
     * @param id      the job's id
     * @param dtype   the frame's numpy dtype as loaded
     * @param blobs   blob_log's rows as blobs, in its order
     * @param timesMs the timed runs in ms (empty for untimed jobs)
     */
    public record Case(String id, String dtype, List<Blob> blobs, double[] timesMs) {
        public Case {
            Objects.requireNonNull(id, "id");
            blobs = List.copyOf(blobs);
            timesMs = timesMs.clone();
        }

        @Override
        public double[] timesMs() {
            return timesMs.clone();
        }
    }
}
