package org.stemloop.ops;

/**
 * Where {@link OpsVerticle} listens ({@code metrics-host}, {@code metrics-port}).
 *
 * @param host the address to bind: {@code 127.0.0.1} (default) lets only this machine scrape; a Prometheus
 *             on another machine needs the host's address (and a firewall rule for that scraper only)
 * @param port 0-65535; 0 picks a free port
 */
public record OpsEndpoint(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public OpsEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("metrics-host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics-port must be 0-65535: " + port);
        }
    }
}
