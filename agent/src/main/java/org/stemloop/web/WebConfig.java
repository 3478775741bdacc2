package org.stemloop.web;

import java.nio.file.Path;
import java.util.Objects;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.InputLimits;

/**
 * How the web UI runs: one record, built by {@code demo}, {@code run} and the tests.
 *
 * @param host          the address to listen on, e.g. {@code 127.0.0.1} (this machine only) or {@code 0.0.0.0}
 * @param port          the HTTP port; 0 picks a free one ({@link WebServer#port()} tells which)
 * @param usersFile     the users file ({@link UserFile})
 * @param jdbcUrl       the agent's database, read for the history and written for the audit
 * @param broker        the broker and topics; the web connects as its own client, with these credentials
 * @param secureCookies mark the session cookie {@code Secure} (set it behind HTTPS, ours or a proxy's)
 * @param https         the certificate when the server itself speaks HTTPS, {@code null} for plain HTTP
 * @param limits        the size limits on the frames the web UI decodes for display (the agent's;
 *                      {@link InputLimits#DEFAULT} when {@code null})
 */
public record WebConfig(String host, int port, Path usersFile, String jdbcUrl, BrokerSettings broker,
                        boolean secureCookies, HttpsSettings https, InputLimits limits) {

    /** Where {@code demo} and {@code run} keep the users unless told otherwise. */
    public static final Path DEFAULT_USERS_FILE = Path.of("stemloop-data", "users.txt");

    public WebConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(broker, "broker");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HTTP port must be 0-65535, got " + port);
        }
        if (limits == null) {
            limits = InputLimits.DEFAULT;
        }
    }

    /** The default frame limits. */
    public WebConfig(String host, int port, Path usersFile, String jdbcUrl, BrokerSettings broker,
                     boolean secureCookies, HttpsSettings https) {
        this(host, port, usersFile, jdbcUrl, broker, secureCookies, https, null);
    }

    /** The same with these frame limits (the agent's). */
    public WebConfig withLimits(InputLimits frameLimits) {
        return new WebConfig(host, port, usersFile, jdbcUrl, broker, secureCookies, https, frameLimits);
    }

    /** Plain HTTP (HTTPS, if any, is a proxy's job). */
    public WebConfig(String host, int port, Path usersFile, String jdbcUrl, BrokerSettings broker,
                     boolean secureCookies) {
        this(host, port, usersFile, jdbcUrl, broker, secureCookies, null, null);
    }

    /** {@code https} or {@code http}, for the URL printed to the operator. */
    public String scheme() {
        return https == null ? "http" : "https";
    }
}
