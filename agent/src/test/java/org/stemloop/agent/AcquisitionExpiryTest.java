package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When a pending acquisition request expires and what the agent says then, on a fixed clock. */
class AcquisitionExpiryTest {

    private static final Instant MADE = Instant.parse("2026-12-02T13:00:00Z");

    private static AcquisitionExpiry at(Instant now, long seconds) {
        return new AcquisitionExpiry(Duration.ofSeconds(seconds), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRequestExpiresExactlyWhenItsTimeIsUp() {
        assertThat(at(MADE.plusSeconds(119), 120).expired(MADE)).isFalse();
        assertThat(at(MADE.plusMillis(119_999), 120).expired(MADE)).isFalse();
        assertThat(at(MADE.plusSeconds(120), 120).expired(MADE)).isTrue();
        assertThat(at(MADE.plusSeconds(3600), 120).expired(MADE)).isTrue();
    }

    @Test
    void theCutoffSelectsTheRequestsMadeBeforeItsTime() {
        AcquisitionExpiry e = at(MADE.plusSeconds(300), 120);
        assertThat(e.cutoff()).isEqualTo(MADE.plusSeconds(180));
        assertThat(e.expired(e.cutoff())).isTrue();
        assertThat(e.expired(e.cutoff().plusMillis(1))).isFalse();
    }

    @Test
    void zeroMeansNeverAndANegativeTimeIsRefused() {
        AcquisitionExpiry never = at(MADE.plus(Duration.ofDays(365)), 0);
        assertThat(never.enabled()).isFalse();
        assertThat(never.expired(MADE)).isFalse();
        assertThatThrownBy(() -> at(MADE, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("acquire-expiry-s must be 0 (never) or more");
    }

    @Test
    void theSweepRunsOftenEnoughButNotBusily() {
        assertThat(at(MADE, 120).sweepPeriodMs()).isEqualTo(30_000);
        assertThat(at(MADE, 20).sweepPeriodMs()).isEqualTo(5_000);
        assertThat(at(MADE, 2).sweepPeriodMs()).as("at least a second apart").isEqualTo(1_000);
    }

    @Test
    void theWordsNameTheRequestItsFrameAndWhy() {
        AcquisitionExpiry e = at(MADE.plusSeconds(200), 120);
        assertThat(e.reason("acq-1", "f-7", MADE)).contains("acq-1", "frame f-7", "expired",
                "no approve-acquire within 120 s", "acquire-expiry-s = 120", "holds no dose");
        assertThat(e.lateApproval("acq-1", MADE)).startsWith("approve-acquire: request acq-1 expired")
                .contains("not approved within 120 s", "nothing sent");
        assertThat(AcquisitionExpiry.lateSpectrum("acq-1", "p3")).contains("position p3", "acq-1",
                "expired before it was approved");
        assertThat(AcquisitionExpiry.lateSpectrum("acq-1", null)).startsWith("an ack of request acq-1");
    }
}
