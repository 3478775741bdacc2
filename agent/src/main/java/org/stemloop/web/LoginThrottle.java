package org.stemloop.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing with budgets and exponential backoff, and holds under concurrent guesses:
 * an attempt is {@linkplain #begin counted when it arrives}, before the password hash is checked, so
 * forty guesses sent at once are forty counted attempts, not forty free ones.
 *
 * <p>Three budgets, each a counter of unexplained attempts per key:
 * <ul>
 *   <li>per client address ({@link #PER_ADDRESS} free attempts; IPv6 addresses by their /64, which one
 *       host usually owns whole);</li>
 *   <li>per user name <em>and</em> address ({@link #PER_USER_AT_ADDRESS}): a flood against
 *       {@code operator} from one address does not lock {@code operator} out of their own address;</li>
 *   <li>per user name from addresses where that user has not logged in before ({@link #PER_USER}):
 *       guessing spread over many addresses still slows down, while the address the user last logged
 *       in from ({@link #KNOWN_ADDRESSES} remembered) is exempt, so no flood locks the real user out.</li>
 * </ul>
 * Past a budget each further attempt waits {@link #BASE_DELAY_MS} x 2<sup>n</sup> (n = attempts over
 * the budget, the wait at most {@link #MAX_DELAY_MS}); a counter is forgotten after {@link #FORGET_MS}
 * without attempts. A success forgives the attempt it was and clears the user's counter at that address.
 *
 * <p>Memory is bounded: each table keeps at most {@link #MAX_KEYS} keys. When one is full, counters
 * already forgotten by time go first; if that frees nothing, the least recently active counter goes
 * (never the whole table). The address budget is checked before a user-and-address key is made, so
 * one address cannot fill the user tables faster than its own backoff lets it.
 *
 * <p>Used from one event loop: not thread-safe.
 */
final class LoginThrottle {

    static final int PER_ADDRESS = 20;
    static final int PER_USER_AT_ADDRESS = 5;
    static final int PER_USER = 50;
    static final long BASE_DELAY_MS = 1_000;
    static final long MAX_DELAY_MS = 15 * 60_000;
    static final long FORGET_MS = 30 * 60_000;
    static final int MAX_KEYS = 10_000;
    static final int KNOWN_ADDRESSES = 10_000;

    private final Counters byAddress = new Counters(PER_ADDRESS);
    private final Counters byUserAtAddress = new Counters(PER_USER_AT_ADDRESS);
    private final Counters byUser = new Counters(PER_USER);
    /** "user address" pairs with a past success, least recently used first. */
    private final LinkedHashMap<String, Boolean> known = new LinkedHashMap<>(16, 0.75f, true);
    private final LongSupplier clock;

    LoginThrottle(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /**
     * An attempt arrives: returns 0 and counts it against every budget, or the milliseconds to wait
     * (nothing counted) when a budget is spent and its backoff has not yet passed.
     */
    long begin(String user, String address) {
        long now = clock.getAsLong();
        String host = hostOf(address);
        String pair = user + " " + host;
        boolean knownHere = known.containsKey(pair);
        long wait = Math.max(byAddress.waitMs(host, now), byUserAtAddress.waitMs(pair, now));
        if (!knownHere) {
            wait = Math.max(wait, byUser.waitMs(user, now));
        }
        if (wait > 0) {
            return wait;
        }
        byAddress.count(host, now);
        byUserAtAddress.count(pair, now);
        if (!knownHere) {
            byUser.count(user, now);
        }
        return 0;
    }

    /** The attempt {@link #begin} counted had the right password: forgiven, and the address remembered. */
    void succeeded(String user, String address) {
        String host = hostOf(address);
        String pair = user + " " + host;
        byAddress.forgive(host);
        byUserAtAddress.clear(pair);
        if (!known.containsKey(pair)) {
            byUser.forgive(user);
        }
        known.put(pair, Boolean.TRUE);
        if (known.size() > KNOWN_ADDRESSES) {
            Iterator<String> eldest = known.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** How many keys the three tables hold (for the tests of the memory bound). */
    int keys() {
        return byAddress.size() + byUserAtAddress.size() + byUser.size();
    }

    /** The client's address as throttled: IPv4 whole, IPv6 by its first four groups (/64). */
    static String hostOf(String address) {
        if (address == null || !address.contains(":")) {
            return address == null ? "?" : address;
        }
        String[] groups = address.split(":", -1);
        if (address.contains("::") || groups.length < 4) {
            // compressed forms: expand enough to take the /64 prefix
            groups = expand(address);
        }
        return String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64";
    }

    private static String[] expand(String address) {
        String[] halves = address.split("::", -1);
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":");
        String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":");
        String[] out = new String[8];
        java.util.Arrays.fill(out, "0");
        System.arraycopy(head, 0, out, 0, Math.min(8, head.length));
        System.arraycopy(tail, 0, out, Math.max(0, 8 - tail.length), Math.min(8, tail.length));
        return out;
    }

    /** One budget: a counter and the time of the last attempt per key, at most {@link #MAX_KEYS} keys. */
    private final class Counters {

        private final int free;
        /** Least recently active first. */
        private final LinkedHashMap<String, long[]> table = new LinkedHashMap<>(16, 0.75f, true);

        Counters(int free) {
            this.free = free;
        }

        long waitMs(String key, long now) {
            long[] c = table.get(key);
            if (c == null) {
                return 0;
            }
            if (now - c[1] >= FORGET_MS) {
                table.remove(key);
                return 0;
            }
            long over = c[0] - free;
            if (over < 0) {
                return 0;
            }
            long delay = BASE_DELAY_MS << Math.min(30, over);
            return Math.max(0, c[1] + Math.min(MAX_DELAY_MS, delay) - now);
        }

        void count(String key, long now) {
            long[] c = table.get(key);
            if (c == null) {
                makeRoom(now);
                table.put(key, new long[] {1, now});
            } else {
                c[0]++;
                c[1] = now;
            }
        }

        void forgive(String key) {
            long[] c = table.get(key);
            if (c != null && --c[0] <= 0) {
                table.remove(key);
            }
        }

        void clear(String key) {
            table.remove(key);
        }

        int size() {
            return table.size();
        }

        private void makeRoom(long now) {
            if (table.size() < MAX_KEYS) {
                return;
            }
            table.values().removeIf(c -> now - c[1] >= FORGET_MS);
            if (table.size() >= MAX_KEYS) {
                Iterator<long[]> eldest = table.values().iterator();
                eldest.next();
                eldest.remove();
            }
        }
    }
}
