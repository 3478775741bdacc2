package org.stemloop.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.poi.AcquisitionPlanner;
import org.stemloop.poi.BeamPosition;
import org.stemloop.poi.DoseBudget;
import org.stemloop.poi.SiteCall;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.LoopStore;

/**
 * The loop with the microscope (issue 20), after the frame pipeline: for each analysed frame
 * ({@link Addresses#ANALYSED}) its points of interest ({@link LoopPlan}) are stored with an acquisition request
 * within the dose budget and published on {@code poi}; in autonomous mode the request goes on {@code acquire}
 * at once, in supervised mode it waits for an operator's {@code approve-acquire} ({@link Addresses#APPROVE_ACQUIRE}).
 * Spectra ({@link Addresses#SPECTRA_IN}) are checked against their request, linked to the nearest atom within
 * half a nearest-neighbour distance, classified (Si or C by edge), stored once per id and published on
 * {@code sites}. Bad or unknown spectra go to {@code errors} and are acknowledged: they would only come back.
 * In a share group every member hears every spectrum: a member leaves alone (acknowledges, stores and answers
 * nothing) a spectrum for a request another member made, found in the shared {@code acquisitions} table; that
 * member answers it. Only a request id the database does not hold is {@code unknown-request}.
 *
 * <p>A pending request expires after {@code acquire-expiry-s} ({@link AcquisitionExpiry}): a sweep marks it
 * {@code expired} with an agent decision (one transaction) and says so on {@code errors} ({@code acquire-expired},
 * naming the request and why); a late approval is refused ({@code bad-control}), a late spectrum goes to
 * {@code errors} ({@code acquire-expired}).
 *
 * <p>Blocking work (finding points, JDBC) runs on one worker thread in arrival order; the frames recently
 * analysed stay in memory (the last {@value #FRAMES_KEPT}) so spectra can be linked to their atoms.
 */
final class LoopVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(LoopVerticle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAMES_KEPT = 32;

    private final LoopStore store;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final AgentMetrics metrics;
    private final DoseBudget budget;
    private final AcquisitionExpiry expiry;
    /** This agent's client id in a share group, or {@code null} for an agent on its own. */
    private final String member;
    // read on the worker (spectra), written on the event loop: synchronised
    private final Map<String, LoopPlan.Planned> recent = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LoopPlan.Planned> eldest) {
            return size() > FRAMES_KEPT;
        }
    });
    private Publisher publisher;
    private WorkerExecutor worker;
    private boolean sweeping;

    /** @param member this agent's client id in a share group, or {@code null} for an agent on its own */
    LoopVerticle(LoopStore store, AtomicReference<RunState> state, Topics topics, AgentMetrics metrics,
                 DoseBudget budget, AcquisitionExpiry expiry, String member) {
        this.store = store;
        this.state = state;
        this.topics = topics;
        this.metrics = metrics;
        this.budget = budget;
        this.expiry = expiry;
        this.member = member;
    }

    /** A request the sweep expired: the frame it was about and why. */
    private record Expired(String frameId, String reason) {
    }

    /** A spectrum or an approval for a request that expired before it was approved. */
    private static final class ExpiredRequest extends Exception {
        ExpiredRequest(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public Future<?> start() {
        publisher = new Publisher(vertx, topics, metrics);
        AnalysedFrame.registerCodec(vertx);
        worker = vertx.createSharedWorkerExecutor("stemloop-loop", 1);
        if (expiry.enabled()) {
            vertx.setPeriodic(expiry.sweepPeriodMs(), id -> sweep());
        }
        return Future.all(vertx.eventBus().<AnalysedFrame>consumer(Addresses.ANALYSED, this::onAnalysed).completion(),
                vertx.eventBus().<Buffer>consumer(Addresses.SPECTRA_IN, this::onSpectrum).completion(),
                vertx.eventBus().<String>consumer(Addresses.APPROVE_ACQUIRE, this::onApprove).completion());
    }

    @Override
    public Future<?> stop() {
        return worker.close();
    }

    private void onAnalysed(Message<AnalysedFrame> message) {
        AnalysedFrame frame = message.body();
        RunMode mode = state.get().mode();
        worker.executeBlocking(() -> LoopPlan.plan(frame, mode, budget, store), true)
                .compose(planned -> {
                    recent.put(planned.frameId(), planned);
                    if (!planned.storedNow()) {
                        return Future.<Void>succeededFuture();
                    }
                    Future<Void> poi = publisher.publish(topics.poi(), Payloads.bytes(planned.poiJson()), false);
                    return planned.request() != null && mode == RunMode.AUTONOMOUS
                            ? poi.compose(v -> publisher.publish(topics.acquire(), Payloads.bytes(planned.request()), false))
                            : poi;
                })
                .onFailure(e -> LOG.error("Points of interest of frame " + frame.frameId() + " failed: "
                        + e.getMessage(), e));
    }

    /** Marks the requests pending too long expired (one at a time on the loop's worker) and says so on errors. */
    private void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        worker.executeBlocking(this::expireDue, true)
                .compose(expired -> Future.all(expired.stream()
                        .map(x -> publisher.error(x.frameId(), AcquisitionExpiry.ACTION, x.reason())).toList()))
                .onFailure(e -> LOG.error("Expiring acquisition requests failed: " + e.getMessage(), e))
                .onComplete(ar -> sweeping = false);
    }

    private List<Expired> expireDue() {
        List<Expired> out = new java.util.ArrayList<>();
        for (LoopStore.Acquisition a : store.pendingBefore(expiry.cutoff())) {
            String why = expiry.reason(a.requestId(), a.frameId(), a.createdAt());
            if (expire(a, why)) {
                out.add(new Expired(a.frameId(), why));
            }
        }
        return out;
    }

    /** Marks one pending request expired with the agent's decision; false when it was no longer pending. */
    private boolean expire(LoopStore.Acquisition a, String why) {
        boolean now = store.expire(a.requestId(), new DecisionRecord(a.runId(), DecisionRecord.AGENT,
                AcquisitionExpiry.ACTION, a.requestId(), a.frameId(), why, expiry.clock().instant()));
        if (now) {
            metrics.decision(AcquisitionExpiry.ACTION, true);
            LOG.info(why);
        }
        return now;
    }

    /** {@code {"request_id", "positions"?: [poi ids], "by", "detail"}}: replies, or fails 400 naming why. */
    private void onApprove(Message<String> message) {
        worker.executeBlocking(() -> approve(JSON.readTree(message.body())), true)
                .compose(sent -> sent == null ? Future.<Void>succeededFuture()
                        : publisher.publish(topics.acquire(), Payloads.bytes(sent), false))
                .onSuccess(v -> message.reply("ok"))
                .onFailure(e -> message.fail(e instanceof IllegalArgumentException ? 400 : 500, e.getMessage()));
    }

    /** The approved request to publish, or {@code null} when it was approved before (nothing to send again). */
    private ObjectNode approve(JsonNode json) throws Exception {
        String requestId = json.path("request_id").asText();
        LoopStore.Acquisition a = store.acquisition(requestId).orElseThrow(() -> new IllegalArgumentException(
                "approve-acquire: no acquisition request " + requestId));
        if ("expired".equals(a.state())) {
            throw new IllegalArgumentException(expiry.lateApproval(requestId, a.createdAt()));
        }
        if (!"pending".equals(a.state())) {
            return null;
        }
        if (expiry.expired(a.createdAt())) {
            // past its time but not swept yet: expired now, so the refusal does not depend on the sweep's timing
            expire(a, expiry.reason(requestId, a.frameId(), a.createdAt()));
            throw new IllegalArgumentException(expiry.lateApproval(requestId, a.createdAt()));
        }
        ObjectNode request = (ObjectNode) JSON.readTree(a.positionsJson());
        List<BeamPosition> offered = LoopJson.readPositions(request.path("positions"));
        List<BeamPosition> chosen = offered;
        if (json.path("positions").isArray()) {
            List<String> ids = java.util.stream.StreamSupport.stream(json.path("positions").spliterator(), false)
                    .map(JsonNode::asText).toList();
            for (String id : ids) {
                if (offered.stream().noneMatch(b -> b.poiId().equals(id))) {
                    throw new IllegalArgumentException("approve-acquire: position %s is not in request %s"
                            .formatted(org.stemloop.mqtt.Printable.of(id, 32), requestId));
                }
            }
            chosen = offered.stream().filter(b -> ids.contains(b.poiId())).toList();
            if (chosen.isEmpty()) {
                // an empty request would hold no dose and tell the microscope nothing: refused, not sent
                throw new IllegalArgumentException("approve-acquire: no position of request %s named (it offers %d)"
                        .formatted(requestId, offered.size()));
            }
        }
        double dwell = AcquisitionPlanner.dwellSum(chosen);
        double sent = store.dwellHeld(a.runId());
        if (sent + dwell > budget.perRunMs() + 1e-9) {
            // approvals run one at a time on this worker: the sum cannot move between the check and the update
            throw new IllegalArgumentException(("approve-acquire: out of budget: request %s asks %.0f ms, the run has "
                    + "sent %.0f of its %.0f ms").formatted(requestId, dwell, sent, budget.perRunMs()));
        }
        request.put("state", "sent").set("positions", LoopJson.positions(chosen));
        request.put("dwell_ms_total", dwell);
        DecisionRecord decision = new DecisionRecord(a.runId(), json.path("by").asText("operator"), "approve-acquire",
                requestId, a.frameId(), "%d of %d positions, %.0f ms: %s".formatted(chosen.size(), offered.size(), dwell,
                json.path("detail").asText("")), Instant.now());
        return store.approve(requestId, dwell, request.toString(), decision) ? request : null;
    }

    private void onSpectrum(Message<Buffer> message) {
        worker.executeBlocking(() -> spectrum(message.body().getBytes()), true)
                .compose(site -> site == null ? Future.<Void>succeededFuture()
                        : publisher.publish(topics.sites(), Payloads.bytes(site), false))
                .recover(e -> e instanceof SpectrumMessage.Rejected bad
                        ? publisher.error(null, bad.getMessage().startsWith("unknown") ? "unknown-request" : "bad-spectrum",
                        bad.getMessage())
                        : e instanceof ExpiredRequest late ? publisher.error(null, AcquisitionExpiry.ACTION, late.getMessage())
                        : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> {
                    LOG.error("Spectrum not stored, not acknowledged: " + e.getMessage(), e);
                    message.fail(500, String.valueOf(e.getMessage()));
                });
    }

    /** The site to publish, or {@code null} (an ack, or a spectrum stored before). */
    private ObjectNode spectrum(byte[] payload) throws Exception {
        SpectrumMessage m = SpectrumMessage.parse(payload);
        LoopStore.Acquisition a = store.acquisition(m.requestId()).orElseThrow(() -> new SpectrumMessage.Rejected(
                "unknown request " + org.stemloop.mqtt.Printable.of(m.requestId(), 64) + ": no such acquisition"));
        // a request of this run is this member's; any other, in a share group, may be another member's to answer
        if (!a.runId().equals(state.get().runId()) && store.madeByAnotherMember(a, member)) {
            LOG.debug("Spectrum for request " + m.requestId() + " left to the member of the share group that made it");
            return null;
        }
        if ("expired".equals(a.state())) {
            throw new ExpiredRequest(AcquisitionExpiry.lateSpectrum(m.requestId(), m.poiId()));
        }
        if (!"sent".equals(a.state())) {
            throw new SpectrumMessage.Rejected("unknown request " + m.requestId() + ": it was never sent (" + a.state() + ")");
        }
        if (m.spectrum() == null) {
            LOG.debug("The microscope started on request " + m.requestId());
            return null;
        }
        BeamPosition at = LoopJson.readPositions(JSON.readTree(a.positionsJson()).path("positions")).stream()
                .filter(b -> b.poiId().equals(m.poiId())).findFirst().orElseThrow(() -> new SpectrumMessage.Rejected(
                        "unknown position %s in request %s".formatted(m.poiId(), m.requestId())));
        SiteCall call = SiteCall.of(m.spectrum());
        LoopPlan.Planned frame = recent.get(a.frameId());
        LoopPlan.Link link = frame == null ? null : frame.nearestAtom(at.row(), at.col());
        boolean stored = store.addSpectrum(new LoopStore.Spectrum(m.spectrumId(), m.requestId(), m.poiId(), a.runId(),
                a.frameId(), at.row(), at.col(), m.dwellMs(), m.spectrum().offsetEv(), m.spectrum().stepEv(),
                JSON.writeValueAsString(m.spectrum().counts()), call.element(), call.silicon().snr(),
                call.carbon().snr(), link == null ? null : link.atom(), link == null ? null : link.distancePx(),
                Instant.now()));
        return stored ? LoopJson.site(a.runId(), a.frameId(), m.requestId(), at, call,
                link == null ? null : link.atom(), link == null ? null : link.distancePx()) : null;
    }
}
