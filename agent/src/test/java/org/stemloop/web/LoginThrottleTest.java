package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The login throttle's budgets, backoff and memory bound, on a fake clock. */
class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LoginThrottle t = new LoginThrottle(now::get);

    @Test
    void attemptsAreCountedOnArrivalSoABurstGetsOnlyTheBudget() {
        int allowed = 0;
        for (int i = 0; i < 40; i++) {
            if (t.begin("operator", "10.0.0.9") == 0) {
                allowed++; // none of them has finished: nothing was reported as failed yet
            }
        }
        assertThat(allowed).isEqualTo(LoginThrottle.PER_USER_AT_ADDRESS);
    }

    @Test
    void theBackoffDoublesWithEachAttemptOverTheBudget() {
        for (int i = 0; i < LoginThrottle.PER_USER_AT_ADDRESS; i++) {
            assertThat(t.begin("operator", "10.0.0.9")).isZero();
        }
        long previous = 0;
        for (int over = 0; over < 6; over++) {
            long wait = t.begin("operator", "10.0.0.9");
            assertThat(wait).isEqualTo(LoginThrottle.BASE_DELAY_MS << over);
            assertThat(wait).isGreaterThan(previous);
            previous = wait;
            now.addAndGet(wait);
            assertThat(t.begin("operator", "10.0.0.9")).as("after waiting %d ms", wait).isZero();
        }
        now.addAndGet(LoginThrottle.MAX_DELAY_MS * 100);
        assertThat(t.begin("operator", "10.0.0.9")).as("capped, and forgotten in time").isZero();
    }

    @Test
    void aFloodFromOneAddressDoesNotLockTheUserOutOfAnother() {
        for (int i = 0; i < 1_000; i++) {
            t.begin("operator", "10.6.6.6");
        }
        assertThat(t.begin("operator", "10.6.6.6")).isPositive();
        assertThat(t.begin("operator", "192.168.1.20")).as("the real operator's own address").isZero();
        t.succeeded("operator", "192.168.1.20");
    }

    @Test
    void guessesSpreadOverManyAddressesSlowDownButNotAtTheUsersKnownAddress() {
        assertThat(t.begin("operator", "192.168.1.20")).isZero();
        t.succeeded("operator", "192.168.1.20");
        int allowed = 0;
        for (int a = 0; a < 200; a++) {
            for (int i = 0; i < 3; i++) {
                if (t.begin("operator", "10.1." + a / 250 + "." + a % 250) == 0) {
                    allowed++;
                }
            }
        }
        assertThat(allowed).isEqualTo(LoginThrottle.PER_USER);
        assertThat(t.begin("operator", "192.168.1.20")).as("known address").isZero();
    }

    @Test
    void oneIpv6HostIsOneAddressWhateverItsLow64Bits() {
        assertThat(LoginThrottle.hostOf("2001:db8:1:2:aaaa::1")).isEqualTo(LoginThrottle.hostOf("2001:db8:1:2::bbbb"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(LoginThrottle.hostOf("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(LoginThrottle.hostOf("10.0.0.1")).isEqualTo("10.0.0.1");
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (t.begin("u" + i, "2001:db8:1:2::" + Integer.toHexString(i)) == 0) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(LoginThrottle.PER_ADDRESS);
    }

    @Test
    void memoryStaysBoundedAndAFullTableDropsOnlyItsOldestCounter() {
        for (int i = 0; i < 3 * LoginThrottle.MAX_KEYS; i++) {
            t.begin("user" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(t.keys()).isLessThanOrEqualTo(3 * LoginThrottle.MAX_KEYS);
        // the most recent attacker is still counted: the table was not wiped
        String last = "user" + (3 * LoginThrottle.MAX_KEYS - 1);
        String addr = "10." + ((3 * LoginThrottle.MAX_KEYS - 1) >> 16) + "." + (((3 * LoginThrottle.MAX_KEYS - 1) >> 8) & 255)
                + "." + ((3 * LoginThrottle.MAX_KEYS - 1) & 255);
        for (int i = 1; i < LoginThrottle.PER_USER_AT_ADDRESS; i++) {
            assertThat(t.begin(last, addr)).isZero();
        }
        assertThat(t.begin(last, addr)).isPositive();
    }
}
