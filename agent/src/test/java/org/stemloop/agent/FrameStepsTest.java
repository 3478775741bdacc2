package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.detect.LogParams;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.store.AgentStore;
import org.stemloop.store.Database;
import org.stemloop.store.RunQueries;
import org.stemloop.store.RunRecord;

/**
 * The frame path's steps (queue, analysis, commit, publish) on a real H2 file, with the bridge replaced by the
 * test: it sends frames on {@link Addresses#FRAMES_IN} as the bridge does and holds or answers what the path
 * publishes. The interleavings of issue 14: the reply (the acknowledgement) only after the commit and after
 * the broker has the detections, a frame id stored in an earlier run answered from the database, and a
 * delivery past the queue deferred without an error.
 */
@ExtendWith(VertxExtension.class)
class FrameStepsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = new Topics("steps");
    private static final LogParams PARAMS = LogParams.of(1.5, 3, 5, 0.05, 0.5);

    @TempDir
    Path dir;

    private Database db;
    private AgentStore store;
    private final BlockingQueue<Message<Buffer>> published = new LinkedBlockingQueue<>();
    private final AtomicInteger analysed = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @BeforeEach
    void open(Vertx vertx) {
        db = Database.open("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        store = new AgentStore(db);
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, published::add);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFrameIsAcknowledgedOnlyAfterItsCommitAndAfterTheBrokerHasItsDetections(Vertx vertx) throws Exception {
        deploy(vertx, "run-1", 8);
        Future<Message<Object>> ack = send(vertx, "f-1");
        Message<Buffer> detections = next(TOPICS.detections());
        assertThat(new RunQueries(db).frameIds("run-1")).as("committed before the detections go out").containsExactly("f-1");
        Thread.sleep(200);
        assertThat(ack.isComplete()).as("no acknowledgement while the broker does not have the detections").isFalse();
        detections.reply(null);
        ack.await(10, TimeUnit.SECONDS);
        assertThat(analysed).hasValue(1);
    }

    @Test
    void aFrameIdStoredInAnEarlierRunIsAnsweredWithItsStoredDetectionsNeitherAnalysedNorStoredAgain(Vertx vertx)
            throws Exception {
        deploy(vertx, "run-1", 8);
        Future<Message<Object>> first = send(vertx, "f-1");
        JsonNode original = JSON.readTree(replyTo(next(TOPICS.detections())).getBytes());
        first.await(10, TimeUnit.SECONDS);
        store.endRun("run-1", Instant.now());

        undeployAll(vertx);
        deploy(vertx, "run-2", 8);
        Future<Message<Object>> again = send(vertx, "f-1");
        JsonNode repeat = JSON.readTree(replyTo(next(TOPICS.detections())).getBytes());
        again.await(10, TimeUnit.SECONDS);

        assertThat(analysed).as("analysed once, in the first run").hasValue(1);
        assertThat(repeat.get("repeat").asBoolean()).isTrue();
        assertThat(repeat.get("run_id").asText()).as("the run that stored it").isEqualTo("run-1");
        assertThat(repeat.get("atoms")).isEqualTo(original.get("atoms"));
        assertThat(repeat.get("params")).isEqualTo(original.get("params"));
        assertThat(new RunQueries(db).frameIds("run-2")).isEmpty();
        assertThat(new RunQueries(db).frameIds("run-1")).containsExactly("f-1");
    }

    @Test
    void aDeliveryPastTheQueueAndItsOverflowIsDeferredNotReportedAsAnError(Vertx vertx) throws Exception {
        gate = new CountDownLatch(1);
        deploy(vertx, "run-1", 1);
        List<Future<Message<Object>>> acks = new ArrayList<>();
        // one in analysis (held at the gate), one in the queue, the overflow, then one more
        for (int i = 0; i < 2 + FrameQueue.OVERFLOW + 1; i++) {
            acks.add(send(vertx, "f-" + i));
        }
        Future<Message<Object>> last = acks.get(acks.size() - 1);
        Throwable refused = last.transform(ar -> Future.succeededFuture(ar.cause())).await(10, TimeUnit.SECONDS);
        assertThat(refused).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) refused).failureCode()).isEqualTo(Addresses.DEFERRED);
        gate.countDown();
        for (int i = 0; i < acks.size() - 1; i++) {
            replyTo(next(TOPICS.detections()));
        }
        for (Future<Message<Object>> a : acks.subList(0, acks.size() - 1)) {
            a.await(30, TimeUnit.SECONDS);
        }
        assertThat(published).as("nothing on the errors topic").isEmpty();
        assertThat(new RunQueries(db).frameIds("run-1")).hasSize(acks.size() - 1);
    }

    private void deploy(Vertx vertx, String runId, int queue) throws Exception {
        store.startRun(new RunRecord(runId, TOPICS.instrument(), "autonomous", Instant.now()));
        AtomicReference<RunState> state = new AtomicReference<>(RunState.start(runId, RunMode.AUTONOMOUS, PARAMS,
                "graphene"));
        FrameAnalyzer counting = (frame, material, s) -> {
            analysed.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new FixedParamsAnalyzer().analyze(frame, material, s);
        };
        vertx.deployVerticle(new FrameVerticle(store, counting, state, TOPICS, false, null, null, InputLimits.DEFAULT,
                AgentMetrics.create(TOPICS.instrument()), new Backpressure(FramePolicy.EVERY, queue, queue),
                s -> new byte[0], TOPICS.status())).await(10, TimeUnit.SECONDS);
    }

    private static void undeployAll(Vertx vertx) throws Exception {
        for (String id : vertx.deploymentIDs()) {
            vertx.undeploy(id).await(10, TimeUnit.SECONDS);
        }
    }

    private static Future<Message<Object>> send(Vertx vertx, String frameId) {
        byte[] npy = NpyCodec.encode(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 24).withSeed(2)).frame());
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(60_000);
        Map<String, String> props = FrameCodec.userProperties(frameId, Material.GRAPHENE.defaultPixelSizeAngstrom(),
                "graphene");
        props.forEach(options::addHeader);
        return vertx.eventBus().request(Addresses.FRAMES_IN, Buffer.buffer(npy), options);
    }

    /** The next message the path publishes on {@code topic} (others on the way are answered and skipped). */
    private Message<Buffer> next(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Message<Buffer> m = published.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            if (topic.equals(m.headers().get(Addresses.TOPIC))) {
                return m;
            }
            if (TOPICS.errors().equals(m.headers().get(Addresses.TOPIC))) {
                throw new AssertionError("On the errors topic: " + m.body());
            }
            m.reply(null);
        }
        throw new AssertionError("Nothing published on " + topic + " within 30 s");
    }

    private static Buffer replyTo(Message<Buffer> m) {
        m.reply(null);
        return m.body();
    }
}
