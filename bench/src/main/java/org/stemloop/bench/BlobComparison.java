package org.stemloop.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stemloop.detect.Blob;

/**
 * Whether two blob lists are the same set of blobs: both sorted by (row, col, sigma) and compared with
 * positions exactly equal and sigmas equal within {@value #SIGMA_ULPS} units in the last place. Equal
 * multisets in any order count as identical (scikit-image's output order is not part of its contract; the
 * values are).
 *
 * <p>Why a few ULP in sigma: with {@code log_scale} the sigmas are {@code 10 ** linspace(...)}, and numpy
 * picks its SIMD kernels for {@code pow} and {@code exp} by the CPU it runs on (AVX-512 on this kind of AMD
 * EPYC, AVX2 or SSE elsewhere), whose results may differ in the last bit; the Java side is the same on every
 * machine. Positions come from comparisons of the filtered cube, not from those functions, and stay exact: a
 * blob at another pixel, or one more or one fewer blob, is a real difference.
 *
 * @param identical    true when every blob of one list is in the other (positions exact, sigma within
 *                     {@value #SIGMA_ULPS} ULP)
 * @param javaCount    blobs the Java detector found
 * @param skimageCount blobs scikit-image found
 * @param onlyJava     the first {@value #SHOWN} blobs found by Java alone, sorted
 * @param onlySkimage  the first {@value #SHOWN} blobs found by scikit-image alone, sorted
 */
public record BlobComparison(boolean identical, int javaCount, int skimageCount, List<Blob> onlyJava,
                             List<Blob> onlySkimage) {

    /** Units in the last place two sigmas may differ by and still be the same blob's (see the class notes). */
    public static final int SIGMA_ULPS = 4;

    /** How many differing blobs of each side are kept for the report. */
    public static final int SHOWN = 10;

    /** (row, col, sigma), each by {@link Double#compare}. */
    public static final Comparator<Blob> ORDER = Comparator.comparingDouble(Blob::row)
            .thenComparingDouble(Blob::col).thenComparingDouble(Blob::sigma);

    public BlobComparison {
        onlyJava = List.copyOf(onlyJava);
        onlySkimage = List.copyOf(onlySkimage);
        if (javaCount < 0 || skimageCount < 0) {
            throw new IllegalArgumentException("Blob counts must not be negative: %d, %d".formatted(javaCount, skimageCount));
        }
        if (identical && (javaCount != skimageCount || !onlyJava.isEmpty() || !onlySkimage.isEmpty())) {
            throw new IllegalArgumentException("Identical lists cannot differ: %d vs %d blobs, %d + %d differences"
                    .formatted(javaCount, skimageCount, onlyJava.size(), onlySkimage.size()));
        }
    }

    /**
     * Compares the Java detector's blobs with scikit-image's.
     *
     * @apiNote Cost: sorting both lists, O(n log n).
     */
    public static BlobComparison of(List<Blob> java, List<Blob> skimage) {
        List<Blob> a = java.stream().sorted(ORDER).toList();
        List<Blob> b = skimage.stream().sorted(ORDER).toList();
        List<Blob> onlyA = new ArrayList<>();
        List<Blob> onlyB = new ArrayList<>();
        int i = 0;
        int j = 0;
        boolean same = true;
        while (i < a.size() || j < b.size()) {
            int c = i == a.size() ? 1 : j == b.size() ? -1 : compare(a.get(i), b.get(j));
            if (c == 0) {
                i++;
                j++;
                continue;
            }
            same = false;
            if (c < 0) {
                addShown(onlyA, a.get(i++));
            } else {
                addShown(onlyB, b.get(j++));
            }
        }
        return new BlobComparison(same, a.size(), b.size(), onlyA, onlyB);
    }

    /** {@link #ORDER}, with sigmas within {@link #SIGMA_ULPS} ULP counting as equal. */
    static int compare(Blob x, Blob y) {
        int c = Double.compare(x.row(), y.row());
        if (c == 0) {
            c = Double.compare(x.col(), y.col());
        }
        if (c != 0) {
            return c;
        }
        double tolerance = SIGMA_ULPS * Math.ulp(Math.max(Math.abs(x.sigma()), Math.abs(y.sigma())));
        return Math.abs(x.sigma() - y.sigma()) <= tolerance ? 0 : Double.compare(x.sigma(), y.sigma());
    }

    private static void addShown(List<Blob> list, Blob blob) {
        if (list.size() < SHOWN) {
            list.add(blob);
        }
    }

    /** One line for a person: "identical (1812 blobs)" or the counts and the first differences. */
    public String describe() {
        if (identical) {
            return "identical (%d blobs)".formatted(javaCount);
        }
        return "DIFFERENT: java %d blobs, skimage %d; only java: %s; only skimage: %s"
                .formatted(javaCount, skimageCount, text(onlyJava), text(onlySkimage));
    }

    private static String text(List<Blob> blobs) {
        StringBuilder sb = new StringBuilder("[");
        for (Blob b : blobs) {
            sb.append(sb.length() > 1 ? ", " : "").append("(%s, %s, %s)".formatted(b.row(), b.col(), b.sigma()));
        }
        return sb.append(']').toString();
    }
}
