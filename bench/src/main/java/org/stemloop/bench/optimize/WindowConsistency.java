package org.stemloop.bench.optimize;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.stemloop.detect.LogParams;

/**
 * How much the sliding windows agree on one parameter (the paper's Figure 3 question: do
 * overlapping windows choose alike?). The spread over all windows, and the mean absolute
 * difference between grid neighbours (right and below), which overlap by 80 % of a window at the
 * default stride: if neighbours that share most of their pixels still differ, the search, not the
 * content, decides the value.
 *
 * @param parameter      the parameter's name as in {@code blob_log}
 * @param mean           mean over the windows
 * @param sd             standard deviation over the windows (population)
 * @param cv             {@code sd / mean}; 0 when every window agrees
 * @param neighbourMad   mean absolute difference between neighbouring windows
 * @param neighbourPairs neighbouring pairs averaged (0 for a single window, then {@code neighbourMad} is 0)
 */
public record WindowConsistency(String parameter, double mean, double sd, double cv, double neighbourMad,
        int neighbourPairs) {

    /** The four searched parameters, in the order of the genes. */
    public static final List<String> PARAMETERS = List.of("min_sigma", "max_sigma", "threshold", "overlap");

    public static final String CSV_HEADER = "parameter,mean,sd,cv,neighbour_mad,neighbour_mad_rel,neighbour_pairs";

    /** One row per searched parameter of {@code map}, in {@link #PARAMETERS} order. */
    public static List<WindowConsistency> of(WindowMap map) {
        return PARAMETERS.stream().map(p -> of(map, p, value(p))).toList();
    }

    /** The value of a named parameter in a parameter set. */
    public static ToDoubleFunction<LogParams> value(String parameter) {
        return switch (parameter) {
            case "min_sigma" -> LogParams::minSigma;
            case "max_sigma" -> LogParams::maxSigma;
            case "threshold" -> LogParams::threshold;
            case "overlap" -> LogParams::overlap;
            default -> throw new IllegalArgumentException("Unknown parameter: " + parameter + "; one of " + PARAMETERS);
        };
    }

    static WindowConsistency of(WindowMap map, String name, ToDoubleFunction<LogParams> f) {
        double sum = 0;
        double sq = 0;
        for (WindowMap.Entry e : map.windows()) {
            double v = f.applyAsDouble(e.params());
            sum += v;
            sq += v * v;
        }
        int n = map.windows().size();
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
        double diff = 0;
        int pairs = 0;
        for (int r = 0; r < map.rows(); r++) {
            for (int c = 0; c < map.cols(); c++) {
                double v = f.applyAsDouble(map.at(r, c).params());
                if (c + 1 < map.cols()) {
                    diff += Math.abs(v - f.applyAsDouble(map.at(r, c + 1).params()));
                    pairs++;
                }
                if (r + 1 < map.rows()) {
                    diff += Math.abs(v - f.applyAsDouble(map.at(r + 1, c).params()));
                    pairs++;
                }
            }
        }
        return new WindowConsistency(name, mean, sd, mean == 0 ? 0 : sd / Math.abs(mean), pairs == 0 ? 0 : diff / pairs,
                pairs);
    }

    /** The CSV row (without the material and noise columns the caller adds). */
    public String csv() {
        return "%s,%.5f,%.5f,%.4f,%.5f,%.4f,%d".formatted(parameter, mean, sd, cv, neighbourMad,
                mean == 0 ? 0 : neighbourMad / Math.abs(mean), neighbourPairs);
    }
}
