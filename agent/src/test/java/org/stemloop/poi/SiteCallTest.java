package org.stemloop.poi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.sim.EelsSimulator;
import org.stemloop.sim.EelsSimulator.Site;
import org.stemloop.sim.EelsSpectrum;

class SiteCallTest {

    private static long calls(Site site, double dwell, String element) {
        long n = 0;
        for (long seed = 0; seed < 100; seed++) {
            if (SiteCall.of(EelsSimulator.spectrum(site, dwell, seed)).element().equals(element)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void at20msSiliconAndCarbonAreToldApartEveryTime() {
        assertThat(calls(Site.SILICON, 20, "Si")).isEqualTo(100);
        assertThat(calls(Site.CARBON, 20, "C")).isEqualTo(100);
    }

    @Test
    void aShortDwellLeavesSiliconUncertain() {
        // the noise is set by the dwell: at 0.2 ms the Si edge is mostly lost in it
        assertThat(calls(Site.SILICON, 0.2, "Si")).isLessThan(50);
    }

    @Test
    void theEdgeSignalGrowsWithDwellAndIsNearZeroWithoutTheEdge() {
        EdgeSignal longer = EdgeSignal.measure(EelsSimulator.spectrum(Site.SILICON, 50, 1), 99);
        EdgeSignal shorter = EdgeSignal.measure(EelsSimulator.spectrum(Site.SILICON, 5, 1), 99);
        assertThat(longer.snr()).isGreaterThan(2 * shorter.snr());
        EdgeSignal none = EdgeSignal.measure(EelsSimulator.spectrum(Site.CARBON, 50, 1), 99);
        assertThat(Math.abs(none.snr())).isLessThan(SiteCall.MIN_SNR);
    }

    @Test
    void aSpectrumNotCoveringTheEdgeIsRefusedByName() {
        EelsSpectrum shortRange = new EelsSpectrum(150, 0.5, new double[100]);
        assertThatThrownBy(() -> SiteCall.of(shortRange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99 eV edge");
    }

    @Test
    void thePlannerStopsAtTheFrameAndRunBudgets() {
        List<PointOfInterest> points = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> new PointOfInterest("p" + i, i, PoiKind.DOPANT, i, i, i, i, 1, "x")).toList();
        DoseBudget budget = new DoseBudget(20, 200, 1000);
        assertThat(AcquisitionPlanner.plan(points, budget, 0)).hasSize(10);
        assertThat(AcquisitionPlanner.plan(points, budget, 950)).hasSize(2);
        assertThat(AcquisitionPlanner.plan(points, budget, 1000)).isEmpty();
        assertThat(AcquisitionPlanner.dwellSum(AcquisitionPlanner.plan(points, budget, 0))).isEqualTo(200);
    }
}
