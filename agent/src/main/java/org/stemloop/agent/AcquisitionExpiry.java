package org.stemloop.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a pending acquisition request (supervised mode: it waits for an operator's {@code approve-acquire}) expires,
 * and the words that say so. A request is about one frame: after a while the sample has drifted, the microscope no
 * longer holds the frame (the twin keeps its last 64) and the agent can no longer link its spectra to atoms (its
 * last 32 frames), so an approval that late would spend dose on a place nobody is looking at. Pure: the clock is
 * handed in (tests: a fixed one).
 *
 * @param after how long a request may wait; {@link Duration#ZERO}: never expires
 * @param clock now
 */
record AcquisitionExpiry(Duration after, Clock clock) {

    /** The decision row's action, and the kind of the message on {@code errors} that names an expired request. */
    static final String ACTION = "acquire-expired";

    AcquisitionExpiry {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(clock, "clock");
        if (after.isNegative()) {
            throw new IllegalArgumentException("acquire-expiry-s must be 0 (never) or more: " + after.toSeconds());
        }
    }

    /** Whether requests expire at all. */
    boolean enabled() {
        return !after.isZero();
    }

    /** Whether a request made at {@code createdAt} and still pending has expired by now. */
    boolean expired(Instant createdAt) {
        return enabled() && !clock.instant().isBefore(createdAt.plus(after));
    }

    /** Requests made before this instant have expired (only meaningful when {@link #enabled()}). */
    Instant cutoff() {
        return clock.instant().minus(after);
    }

    /**
     * How often the agent looks for expired requests: a quarter of the expiry, between 1 and 30 s, so a request is
     * marked at most that much after its time (an approval is checked against its time anyway).
     */
    long sweepPeriodMs() {
        return Math.max(1_000, Math.min(30_000, after.toMillis() / 4));
    }

    /** Why the request expired: the decision's detail and the {@code errors} message's. */
    String reason(String requestId, String frameId, Instant createdAt) {
        return ("acquisition request %s (frame %s) expired: no approve-acquire within %d s of %s (acquire-expiry-s = %d);"
                + " nothing was sent and it holds no dose").formatted(requestId, frameId, after.toSeconds(), createdAt,
                after.toSeconds());
    }

    /** Why an approval of an expired request is refused ({@code bad-control}). */
    String lateApproval(String requestId, Instant createdAt) {
        return ("approve-acquire: request %s expired, made at %s and not approved within %d s (acquire-expiry-s);"
                + " nothing sent: approve the request of a newer frame").formatted(requestId, createdAt,
                after.toSeconds());
    }

    /** Why a spectrum for an expired request is refused ({@code errors}: {@value #ACTION}). */
    static String lateSpectrum(String requestId, String poiId) {
        String what = poiId == null ? "an ack" : "a spectrum for position " + org.stemloop.mqtt.Printable.of(poiId, 32);
        return ("%s of request %s: the request expired before it was approved and was never sent; not stored")
                .formatted(what, requestId);
    }
}
