package org.stemloop.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.poi.AtomSite;
import org.stemloop.poi.PoiFinder;
import org.stemloop.poi.PoiGeometry;
import org.stemloop.poi.PoiKind;
import org.stemloop.poi.PoiSettings;
import org.stemloop.store.TrackStore;
import org.stemloop.track.SeriesTracker;
import org.stemloop.track.Spot;
import org.stemloop.track.TrackSettings;

/**
 * Tracking across frames (issue 20), after the frame pipeline: each analysed frame ({@link Addresses#ANALYSED})
 * goes through the run's {@link SeriesTracker} (drift by phase correlation, every atom and every dopant followed
 * with an id that persists), is stored ({@link TrackStore}) and published on {@code tracks}. A thin adapter: the
 * tracking is {@code org.stemloop.track}'s; the dopants are {@link PoiFinder}'s.
 *
 * <p>A series restarts (the drift from zero, new track ids) when the run changes, the frame size changes, or the
 * agent restarts; ids keep growing within a run. Frames are tracked one at a time on one worker thread, in
 * arrival order (the order the pipeline finished them).
 */
final class TrackVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(TrackVerticle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PoiFinder FINDER = new PoiFinder(PoiSettings.DEFAULT);

    private final TrackStore store;
    private final Topics topics;
    private final AgentMetrics metrics;
    private Publisher publisher;
    private WorkerExecutor worker;
    // touched only on the worker thread
    private String runId;
    private SeriesTracker tracker;
    private int seq;
    private int series;

    TrackVerticle(TrackStore store, Topics topics, AgentMetrics metrics) {
        this.store = store;
        this.topics = topics;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        publisher = new Publisher(vertx, topics, metrics);
        AnalysedFrame.registerCodec(vertx);
        worker = vertx.createSharedWorkerExecutor("stemloop-track", 1);
        return vertx.eventBus().<AnalysedFrame>consumer(Addresses.ANALYSED, this::onAnalysed).completion();
    }

    @Override
    public Future<?> stop() {
        return worker.close();
    }

    private void onAnalysed(Message<AnalysedFrame> message) {
        AnalysedFrame frame = message.body();
        worker.executeBlocking(() -> track(frame), true)
                .compose(json -> json == null ? Future.<Void>succeededFuture()
                        : publisher.publish(topics.tracks(), Payloads.bytes(json), false))
                .onFailure(e -> LOG.error("Tracking of frame " + frame.frameId() + " failed: " + e.getMessage(), e));
    }

    /** The message to publish, or {@code null} (stored before, or a frame that cannot be tracked). */
    private ObjectNode track(AnalysedFrame f) {
        PoiGeometry g = LoopPlan.geometry(f);
        if (g.nearestNeighbour() < 2 || Math.min(f.frame().height(), f.frame().width()) < 16) {
            LOG.debug("Frame " + f.frameId() + " not tracked: atoms under 2 px apart or a side under 16 px");
            return null;
        }
        if (!f.runId().equals(runId) || tracker == null || !tracker.accepts(f.frame())
                || Math.abs(tracker.settings().nearestNeighbourPx() - g.nearestNeighbour()) > 0.05 * g.nearestNeighbour()) {
            int[] next = f.runId().equals(runId) && tracker != null
                    ? new int[] {seq, series + 1, tracker.nextIds()[0], tracker.nextIds()[1]} : store.next(f.runId());
            runId = f.runId();
            seq = next[0];
            series = next[1];
            tracker = new SeriesTracker(TrackSettings.of(g.nearestNeighbour()), next[2], next[3]);
        }
        List<Spot> atoms = new ArrayList<>(f.atoms().size());
        List<AtomSite> sites = new ArrayList<>(f.atoms().size());
        for (int i = 0; i < f.atoms().size(); i++) {
            Blob b = f.atoms().get(i);
            atoms.add(new Spot(b.row(), b.col()));
            sites.add(new AtomSite(b.row(), b.col(), AtomSite.brightness(f.frame(), b.row(), b.col()),
                    f.classes() == null ? -1 : f.classes()[i]));
        }
        List<Spot> dopants = FINDER.find(sites, g).stream().filter(p -> p.kind() == PoiKind.DOPANT)
                .map(p -> new Spot(p.row(), p.col())).toList();
        SeriesTracker.FrameTracks t = tracker.next(f.frame(), atoms, dopants);
        int frameSeq = seq++;
        List<TrackStore.TrackPoint> points = new ArrayList<>(atoms.size() + dopants.size());
        int[] atomIds = t.atoms().ids();
        double[] atomMoved = t.atoms().moved();
        for (int i = 0; i < atoms.size(); i++) {
            points.add(new TrackStore.TrackPoint(f.frameId(), "atom", atomIds[i], frameSeq, atoms.get(i).row(),
                    atoms.get(i).col(), atomMoved[i]));
        }
        int[] dopantIds = t.dopants().ids();
        double[] dopantMoved = t.dopants().moved();
        for (int i = 0; i < dopants.size(); i++) {
            points.add(new TrackStore.TrackPoint(f.frameId(), "dopant", dopantIds[i], frameSeq, dopants.get(i).row(),
                    dopants.get(i).col(), dopantMoved[i]));
        }
        boolean stored = store.commit(new TrackStore.TrackFrame(f.runId(), f.frameId(), frameSeq, series, t.step().row(),
                t.step().col(), t.driftRow(), t.driftCol(), t.step().peak(), atoms.size(), dopants.size()), points);
        return stored ? message(f, frameSeq, t, dopants, g.nearestNeighbour()) : null;
    }

    private ObjectNode message(AnalysedFrame f, int frameSeq, SeriesTracker.FrameTracks t, List<Spot> dopants,
                               double nn) {
        ObjectNode root = JSON.createObjectNode().put("run_id", f.runId()).put("frame_id", f.frameId())
                .put("seq", frameSeq).put("series", series).put("frame_in_series", t.frame());
        root.putObject("drift").put("step_row", t.step().row()).put("step_col", t.step().col())
                .put("row", t.driftRow()).put("col", t.driftCol()).put("peak", t.step().peak());
        root.putObject("atoms").put("tracked", t.atoms().ids().length).put("begun", t.atoms().begun().size())
                .put("ended", t.atoms().ended().size());
        ArrayNode ds = root.putArray("dopants");
        int[] ids = t.dopants().ids();
        double[] moved = t.dopants().moved();
        for (int i = 0; i < dopants.size(); i++) {
            ds.addObject().put("track", ids[i]).put("row", dopants.get(i).row()).put("col", dopants.get(i).col())
                    .put("moved_px", moved[i]).put("hop", moved[i] > nn / 2);
        }
        ArrayNode ended = root.putArray("dopants_ended");
        t.dopants().ended().forEach(ended::add);
        ArrayNode atomTracks = root.putArray("atom_tracks");
        for (int id : t.atoms().ids()) {
            atomTracks.add(id);
        }
        return root;
    }
}
