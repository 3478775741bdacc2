package org.stemloop.web;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stemloop.store.TrackStore;
import org.stemloop.store.WebQueries;

/**
 * Trajectories to download (issue 20): {@code GET /api/runs/{runId}/tracks.csv} and {@code .json}, with
 * {@code ?kind=dopant} (the default), {@code atom} or {@code all}. One row per track and frame, by track then
 * frame; the JSON also has each frame's drift.
 */
final class TrackRoutes {

    /** The most rows one download carries (a long run's every atom would be millions). */
    static final int MAX_ROWS = 500_000;

    private final WorkerExecutor dbThread;
    private final WebQueries queries;
    private final TrackStore store;

    TrackRoutes(WorkerExecutor dbThread, WebQueries queries, TrackStore store) {
        this.dbThread = dbThread;
        this.queries = queries;
        this.store = store;
    }

    /** GET /api/runs/{runId}/tracks.csv. */
    void csv(RoutingContext ctx) {
        serve(ctx, "csv", points -> {
            StringBuilder out = new StringBuilder("track_id,kind,seq,frame_id,row,col,moved_px\n");
            for (TrackStore.TrackPoint p : points) {
                out.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%.3f,%.3f,%.3f%n", p.trackId(), p.kind(), p.seq(),
                        csvText(p.frameId()), p.row(), p.col(), p.moved()));
            }
            return out.toString();
        }, null);
    }

    /** GET /api/runs/{runId}/tracks.json: {"run_id", "kind", "frames": [...drift...], "tracks": [{"id", "kind", "points"}]}. */
    void json(RoutingContext ctx) {
        serve(ctx, "json", null, (runId, points) -> {
            JsonArray frames = new JsonArray();
            for (TrackStore.TrackFrame f : store.frames(runId)) {
                frames.add(new JsonObject().put("frame_id", f.frameId()).put("seq", f.seq()).put("series", f.series())
                        .put("step_row", f.stepRow()).put("step_col", f.stepCol()).put("drift_row", f.driftRow())
                        .put("drift_col", f.driftCol()).put("peak", f.peak()).put("atoms", f.atoms())
                        .put("dopants", f.dopants()));
            }
            JsonArray tracks = new JsonArray();
            JsonObject current = null;
            for (TrackStore.TrackPoint p : points) {
                if (current == null || current.getInteger("id") != p.trackId() || !current.getString("kind").equals(p.kind())) {
                    current = new JsonObject().put("id", p.trackId()).put("kind", p.kind()).put("points", new JsonArray());
                    tracks.add(current);
                }
                current.getJsonArray("points").add(new JsonArray().add(p.seq()).add(p.frameId()).add(p.row())
                        .add(p.col()).add(p.moved()));
            }
            return new JsonObject().put("run_id", runId).put("points_fields",
                    new JsonArray().add("seq").add("frame_id").add("row").add("col").add("moved_px"))
                    .put("frames", frames).put("tracks", tracks).put("truncated", points.size() >= MAX_ROWS).encode();
        });
    }

    private void serve(RoutingContext ctx, String ext, java.util.function.Function<List<TrackStore.TrackPoint>, String> csv,
                       java.util.function.BiFunction<String, List<TrackStore.TrackPoint>, String> json) {
        String runId = ctx.pathParam("runId");
        String kind = Optional.ofNullable(ctx.request().getParam("kind")).orElse("dopant");
        if (!List.of("dopant", "atom", "all").contains(kind)) {
            Http.error(ctx, 400, "kind must be dopant, atom or all");
            return;
        }
        dbThread.<Optional<String>>executeBlocking(() -> {
            if (!queries.runExists(runId)) {
                return Optional.empty();
            }
            List<TrackStore.TrackPoint> points = store.points(runId, kind.equals("all") ? null : kind, MAX_ROWS);
            return Optional.of(csv != null ? csv.apply(points) : json.apply(runId, points));
        }, true).onFailure(ctx::fail).onSuccess(body -> body.ifPresentOrElse(text -> ctx.response()
                        .putHeader("Content-Type", ext.equals("csv") ? "text/csv; charset=utf-8" : "application/json")
                        .putHeader("Content-Disposition", "attachment; filename=\"tracks-"
                                + runId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + kind + "." + ext + "\"")
                        .end(text),
                () -> Http.error(ctx, 404, "no run " + runId)));
    }

    /** A frame id as one CSV field: quoted when it holds a comma, a quote or a line break. */
    private static String csvText(String s) {
        return s.matches(".*[,\"\\r\\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
