package org.stemloop.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may connect to the embedded broker and what each may do: user names, passwords and topic
 * grants, the embedded counterpart of Mosquitto's password file and {@code broker-config/stemloop.acl}.
 * Everything not granted is denied.
 *
 * <p>{@link #forDemo} makes the four users {@code demo} needs, each with a fresh random password:
 * {@value #AGENT} (everything under the instrument), {@value #WEB} (reads frames, results and the loop's
 * poi, acquire and sites, writes control), {@value #TWIN} (writes frames, truth, spectra and its refusals on
 * errors, reads its own control topic and acquire) and {@value #WATCH}
 * (reads everything but control, writes nothing: for {@code mosquitto_sub}). Only the agent and the
 * web UI may publish results or control, or read control.
 */
public final class BrokerAccess {

    public static final String AGENT = "stemloop-agent";
    public static final String WEB = "stemloop-web";
    public static final String TWIN = "microscope";
    public static final String WATCH = "viewer";

    /** One grant: a topic filter and whether it may be published to and subscribed to. */
    public record Grant(String filter, boolean publish, boolean subscribe) {
        public Grant {
            Objects.requireNonNull(filter, "filter");
            if (!publish && !subscribe) {
                throw new IllegalArgumentException("A grant on " + filter + " must allow publish or subscribe");
            }
        }
    }

    /** One user: the password and the grants. */
    public record User(String name, String password, List<Grant> grants) {
        public User {
            Objects.requireNonNull(name, "name");
            if (password == null || password.length() < 12) {
                throw new IllegalArgumentException("Broker password of " + name + " must have 12+ characters");
            }
            grants = List.copyOf(grants);
        }
    }

    private final Map<String, User> users;

    public BrokerAccess(List<User> users) {
        Map<String, User> byName = new LinkedHashMap<>();
        users.forEach(u -> byName.put(u.name(), u));
        this.users = Map.copyOf(byName);
    }

    /** The demo's four users on {@code topics}' instrument, with generated passwords. */
    public static BrokerAccess forDemo(Topics topics) {
        String p = "stemloop/" + topics.instrument();
        Grant frames = new Grant(topics.frames(), false, true);
        return new BrokerAccess(List.of(
                new User(AGENT, generated(), List.of(new Grant(p + "/#", true, true))),
                new User(WEB, generated(), List.of(frames, new Grant(topics.detections(), false, true),
                        new Grant(topics.pareto(), false, true), new Grant(topics.status(), false, true),
                        new Grant(topics.status() + "/+", false, true), new Grant(topics.errors(), false, true),
                        new Grant(topics.control(), true, false),
                        // the loop's view (issue 20): points, requests (pending, then sent) and confirmed sites
                        new Grant(topics.poi(), false, true), new Grant(topics.acquire(), false, true),
                        new Grant(topics.sites(), false, true),
                        // the live view's dopant trails (issue 20)
                        new Grant(topics.tracks(), false, true))),
                new User(TWIN, generated(), List.of(new Grant(topics.frames(), true, false),
                        new Grant(topics.truth(), true, false), new Grant(topics.twin(), false, true),
                        // the loop (issue 20): beam positions in, spectra out
                        new Grant(topics.acquire(), false, true), new Grant(topics.spectra(), true, false),
                        // its refusals of a request (out of the field, unknown frame, malformed) name why
                        new Grant(topics.errors(), true, false))),
                new User(WATCH, generated(), List.of(frames, new Grant(topics.detections(), false, true),
                        new Grant(topics.pareto(), false, true), new Grant(topics.status(), false, true),
                        new Grant(topics.errors(), false, true), new Grant(topics.truth(), false, true),
                        new Grant(topics.poi(), false, true), new Grant(topics.acquire(), false, true),
                        new Grant(topics.spectra(), false, true), new Grant(topics.sites(), false, true),
                        new Grant(topics.tracks(), false, true)))));
    }

    /** The user of that name. */
    public User user(String name) {
        User u = users.get(name);
        if (u == null) {
            throw new IllegalArgumentException("No broker user " + name);
        }
        return u;
    }

    /** The user these credentials name, if the password is theirs (compared in constant time). */
    Optional<User> authenticate(String name, byte[] password) {
        User u = name == null ? null : users.get(name);
        byte[] expected = (u == null ? "\0" : u.password()).getBytes(StandardCharsets.UTF_8);
        boolean ok = password != null && MessageDigest.isEqual(expected, password);
        return ok && u != null ? Optional.of(u) : Optional.empty();
    }

    /** 18 random bytes as URL-safe Base64: 24 characters. */
    private static String generated() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
