package org.stemloop.bench;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Whether a noise sweep reproduces the paper's finding, per material: the network is better at
 * low noise (mean one-to-one F1 over levels up to 0.2) and LoG* is steadier at high noise (its F1
 * falls less from the low levels to the levels from 0.6 up). Says so in plain words.
 */
public final class NoiseVerdict {

    static final double LOW = 0.2;
    static final double HIGH = 0.6;

    private NoiseVerdict() {
    }

    /** One sentence for {@code material}, with the numbers it rests on. */
    public static String say(List<NoiseRow> rows, String material, String network) {
        OptionalDouble logLow = meanF1(rows, LogStarFinder.METHOD, material, true);
        OptionalDouble logHigh = meanF1(rows, LogStarFinder.METHOD, material, false);
        OptionalDouble netLow = meanF1(rows, network, material, true);
        OptionalDouble netHigh = meanF1(rows, network, material, false);
        if (logLow.isEmpty() || netLow.isEmpty()) {
            return material + ": no comparison (the sweep needs both log* and " + network
                    + " at noise levels up to " + LOW + ").";
        }
        boolean netBetterLow = netLow.getAsDouble() > logLow.getAsDouble();
        String low = String.format(Locale.ROOT, "at noise <= %.1f the mean F1 is %.3f for %s and %.3f for log*", LOW,
                netLow.getAsDouble(), network, logLow.getAsDouble());
        if (logHigh.isEmpty() || netHigh.isEmpty()) {
            return "%s: %s (%s); no levels >= %.1f to judge steadiness.".formatted(material, low,
                    netBetterLow ? "the network is better, as in the paper" : "the network is NOT better, unlike the paper", HIGH);
        }
        double logDrop = logLow.getAsDouble() - logHigh.getAsDouble();
        double netDrop = netLow.getAsDouble() - netHigh.getAsDouble();
        boolean logSteadier = logDrop < netDrop;
        String high = String.format(Locale.ROOT, "from there to noise >= %.1f F1 falls by %.3f for log* and %.3f for %s",
                HIGH, logDrop, netDrop, network);
        String verdict = netBetterLow && logSteadier ? "REPRODUCED: the network is better at low noise and log* is steadier at high noise"
                : netBetterLow ? "PARTLY reproduced: the network is better at low noise, but log* is not steadier at high noise"
                : logSteadier ? "PARTLY reproduced: log* is steadier at high noise, but the network is not better at low noise"
                : "NOT reproduced: the network is neither better at low noise nor less steady at high noise";
        return "%s: %s; %s; %s.".formatted(material, verdict, low, high);
    }

    static OptionalDouble meanF1(List<NoiseRow> rows, String method, String material, boolean low) {
        return rows.stream().filter(r -> r.method().equals(method) && r.material().equals(material))
                .filter(r -> low ? r.noise() <= LOW + 1e-9 : r.noise() >= HIGH - 1e-9)
                .mapToDouble(NoiseRow::f1).average();
    }
}
