package org.stemloop.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;

/**
 * The web UI of a running agent: deploys the web verticle on the agent's Vert.x instance.
 *
 * <pre>{@code
 * WebServer web = WebServer.start(vertx, new WebConfig("127.0.0.1", 8080, usersFile, jdbcUrl, broker, false))
 *         .await();
 * ... web.port() ...
 * web.stop().await();
 * }</pre>
 *
 * <p>See {@code docs/web.md} for the pages, the API ({@code web-ui/openapi.yaml}) and the security model.
 */
public final class WebServer {

    private final Vertx vertx;
    private final String deployment;
    private final int port;

    private WebServer(Vertx vertx, String deployment, int port) {
        this.vertx = vertx;
        this.deployment = deployment;
        this.port = port;
    }

    /** Starts the web UI; fails when the database, the broker or the port cannot be had. */
    public static Future<WebServer> start(Vertx vertx, WebConfig config) {
        Objects.requireNonNull(config, "config");
        WebVerticle verticle = new WebVerticle(config);
        return vertx.deployVerticle(verticle).map(id -> new WebServer(vertx, id, verticle.port()));
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return port;
    }

    /** Closes the streams, the server, the MQTT client and the database connection. */
    public Future<Void> stop() {
        return vertx.undeploy(deployment);
    }
}
