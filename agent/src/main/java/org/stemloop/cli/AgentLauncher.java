package org.stemloop.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stemloop.agent.Agent;
import org.stemloop.agent.AgentConfig;
import org.stemloop.mqtt.MessageSigning;
import org.stemloop.unet.UnetModelException;
import org.stemloop.web.UserFile;
import org.stemloop.web.WebConfig;
import org.stemloop.web.WebServer;

/** Starts an agent in its own Vert.x instance and stops both, once, on Ctrl-C or when asked. */
public final class AgentLauncher implements AutoCloseable {

    private static final int STOP_TIMEOUT_S = 15;

    private final Vertx vertx;
    private final Agent agent;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AgentLauncher(Vertx vertx, Agent agent) {
        this.vertx = vertx;
        this.agent = agent;
    }

    /**
     * Starts the agent; when the broker or the database is unreachable, fails with an
     * {@link UncheckedIOException} whose message says why (exit code 1) and leaves nothing running; when
     * the configured U-Net does not load, with a {@link Cli.InputException} naming it (exit code 2).
     */
    public static AgentLauncher start(AgentConfig config, int startTimeoutSeconds) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        try {
            // the key the agent signs its results with and the web UI its control messages (MessageSigning)
            MessageSigning.loadOrCreate(MessageSigning.keyFile()).installOn(vertx);
            Agent agent = Agent.start(vertx, config).toCompletionStage().toCompletableFuture()
                    .get(startTimeoutSeconds, TimeUnit.SECONDS);
            return new AgentLauncher(vertx, agent);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof UnetModelException bad) {
                // the configured U-Net is not usable: bad input, exit code 2, one line naming the model
                throw new Cli.InputException("Agent did not start: " + bad.getMessage());
            }
            // an unreachable broker or database: exit code 1 with the reason, no stack trace
            String why = e instanceof TimeoutException
                    ? "no answer within %d s from broker %s".formatted(startTimeoutSeconds, config.broker().url())
                    : cause.getMessage();
            String message = "Agent did not start: " + why;
            throw new UncheckedIOException(message, new IOException(message, cause));
        }
    }

    Agent agent() {
        return agent;
    }

    /**
     * Starts the web UI beside the agent (same Vert.x instance; it stops with it) and returns its port.
     * The first operator's password comes from {@code password} (STEMLOOP_PASSWORD) or is generated;
     * a generated one is printed once to {@code out}.
     */
    int startWeb(WebConfig web, String password, PrintWriter out) throws InterruptedException {
        try {
            UserFile.ensureFirstOperator(web.usersFile(), password).ifPresent(generated -> out.printf(
                    "  web login %s / %s (generated once; set %s to choose it; users in %s)%n",
                    UserFile.FIRST_OPERATOR, generated, UserFile.PASSWORD_ENV, web.usersFile()));
            return WebServer.start(vertx, web).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).port();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (e instanceof IllegalArgumentException bad) {
                // e.g. a STEMLOOP_PASSWORD under 12 characters: bad input, exit code 2, one line
                throw new Cli.InputException("Web UI did not start: " + bad.getMessage());
            }
            String message = "Web UI did not start: " + cause.getMessage();
            throw new UncheckedIOException(message, new IOException(message, cause));
        }
    }

    /** Blocks until Ctrl-C (the JVM's shutdown), stopping the agent on the way out. */
    void awaitCtrlC(PrintWriter out) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stemloop: stopping (run " + agent.runId() + ")");
            out.flush();
            close();
        }, "stemloop-shutdown"));
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            Future<Void> stopping = agent.stop();
            stopping.transform(stopped -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            // the agent's own failure, if any, after Vert.x is closed either way
            stopping.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the agent", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Agent did not stop cleanly: " + e.getMessage(), e);
        } finally {
            stopped.countDown();
        }
    }
}
