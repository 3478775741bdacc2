package org.stemloop.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The users file as the running web UI sees it: reread on a worker every {@link #CHECK_MS} when its
 * time stamp or size changed, so that removing a user or changing a role ({@code stemloop users ...}
 * or an editor) ends their sessions within seconds, not at their next login. Read from the event
 * loop without blocking ({@link #stillValid}); a file that cannot be read keeps the last good list and
 * is logged.
 */
final class UserDirectory {

    static final long CHECK_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);

    private final Vertx vertx;
    private final Path file;
    private volatile Map<String, Role> roles = Map.of();
    private volatile String stamp = "";
    private long timer = -1;

    UserDirectory(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    /** Reads the file once, then watches it. */
    Future<Void> start() {
        return reload().onSuccess(v -> timer = vertx.setPeriodic(CHECK_MS, id -> reload()));
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    /** Whether {@code user} is still in the file with {@code role}. */
    boolean stillValid(String user, Role role) {
        return roles.get(user) == role;
    }

    /** Rereads the file if it changed; completes when the current list is in place. */
    Future<Void> reload() {
        return vertx.executeBlocking(() -> {
            String now = stampOf();
            if (!now.equals(stamp)) {
                try {
                    roles = UserFile.load(file).roles();
                    stamp = now;
                } catch (RuntimeException e) {
                    LOG.error("Cannot reread the users file " + file + " (the last good list stays): "
                            + e.getMessage());
                }
            }
            return null;
        }, false);
    }

    private String stampOf() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toMillis() + "/" + Files.size(file) + "/" + Files.readString(file).hashCode();
        } catch (IOException e) {
            return "missing";
        }
    }

    /** For the log and the tests: who is known. */
    @Override
    public String toString() {
        return roles.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().id())
                .collect(Collectors.joining(", ", "users[", "]"));
    }
}
