package org.stemloop.web;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stemloop.image.NpyCodec;
import org.stemloop.image.PngWriter;
import org.stemloop.store.WebQueries;

/**
 * The history half of the API: runs, their frames and decisions, a frame's detections as JSON or CSV,
 * a frame's image when the agent keeps raw frames. Every query runs on the web's database thread.
 */
final class HistoryRoutes {

    private final WorkerExecutor dbThread;
    private final WebQueries queries;

    HistoryRoutes(WorkerExecutor dbThread, WebQueries queries) {
        this.dbThread = dbThread;
        this.queries = queries;
    }

    /** GET /api/runs. */
    void runs(RoutingContext ctx) {
        answer(ctx, () -> {
            JsonArray rows = new JsonArray();
            for (WebQueries.RunRow r : queries.runs()) {
                rows.add(new JsonObject().put("run_id", r.runId()).put("instrument", r.instrument())
                        .put("mode", r.mode()).put("started_at", text(r.startedAt())).put("ended_at", text(r.endedAt()))
                        .put("frames", r.frames()).put("decisions", r.decisions()));
            }
            return new JsonObject().put("runs", rows);
        });
    }

    /** GET /api/runs/{runId}/frames. */
    void frames(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        answer(ctx, () -> {
            if (!queries.runExists(runId)) {
                return null;
            }
            JsonArray rows = new JsonArray();
            for (WebQueries.FrameRow f : queries.frames(runId)) {
                JsonObject row = new JsonObject().put("frame_id", f.frameId()).put("height", f.height())
                        .put("width", f.width()).put("received_at", text(f.receivedAt())).put("method", f.method())
                        .put("n_atoms", f.method() == null ? null : f.nAtoms()).put("qc", number(f.qc()))
                        .put("er", number(f.er())).put("stage_ms", number(f.latencyMs())).put("raw_kept", f.rawKept());
                if (f.method() != null) {
                    row.put("param_source", f.paramSource()).put("params", new JsonObject()
                            .put("min_sigma", f.minSigma()).put("max_sigma", f.maxSigma())
                            .put("num_sigma", f.numSigma()).put("threshold", number(f.threshold()))
                            .put("overlap", f.overlap()));
                }
                rows.add(row);
            }
            return new JsonObject().put("run_id", runId).put("frames", rows);
        });
    }

    /** GET /api/runs/{runId}/decisions: who did what, when. */
    void decisions(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        answer(ctx, () -> {
            if (!queries.runExists(runId)) {
                return null;
            }
            JsonArray rows = new JsonArray();
            for (WebQueries.DecisionRow d : queries.decisions(runId)) {
                rows.add(new JsonObject().put("id", d.id()).put("actor", d.actor()).put("action", d.action())
                        .put("option_id", d.optionId()).put("frame_id", d.frameId()).put("detail", d.detail())
                        .put("decided_at", text(d.decidedAt())));
            }
            return new JsonObject().put("run_id", runId).put("decisions", rows);
        });
    }

    /** GET .../detections.json: {@code {"run_id", "frame_id", "atoms": [[row, col, sigma], ...]}}, a download. */
    void detectionsJson(RoutingContext ctx) {
        download(ctx, "json", atoms -> new JsonObject().put("run_id", ctx.pathParam("runId"))
                .put("frame_id", ctx.pathParam("frameId")).put("atoms", new JsonArray(atoms)).encode());
    }

    /** GET .../detections.csv: {@code row,col,sigma} with a header line, a download. */
    void detectionsCsv(RoutingContext ctx) {
        download(ctx, "csv", atoms -> {
            StringBuilder csv = new StringBuilder("row,col,sigma\n");
            for (Object a : new JsonArray(atoms)) {
                JsonArray r = (JsonArray) a;
                csv.append(r.getValue(0)).append(',').append(r.getValue(1)).append(',').append(r.getValue(2))
                        .append('\n');
            }
            return csv.toString();
        });
    }

    /** GET /api/runs/{runId}/frames/{frameId}/image.png: only when the agent kept the raw frame. */
    void image(RoutingContext ctx) {
        String runId = ctx.pathParam("runId");
        String frameId = ctx.pathParam("frameId");
        dbThread.<Optional<byte[]>>executeBlocking(() -> {
                    Optional<byte[]> npy = queries.rawNpy(runId, frameId);
                    return npy.isEmpty() ? Optional.empty()
                            : Optional.of(PngWriter.encode(NpyCodec.decode(npy.get(), "frame " + frameId)));
                }, true)
                .onFailure(ctx::fail)
                .onSuccess(png -> png.ifPresentOrElse(bytes -> ctx.response().putHeader("Content-Type", "image/png")
                                .end(Buffer.buffer(bytes)),
                        () -> Http.error(ctx, 404, "no raw frame kept for " + frameId
                                + " (the agent stores frames only with keep-raw-frames = true)")));
    }

    private void download(RoutingContext ctx, String ext, java.util.function.Function<String, String> format) {
        String runId = ctx.pathParam("runId");
        String frameId = ctx.pathParam("frameId");
        dbThread.executeBlocking(() -> queries.atomsJson(runId, frameId).map(format), true)
                .onFailure(ctx::fail)
                .onSuccess(body -> body.ifPresentOrElse(text -> ctx.response()
                                .putHeader("Content-Type", ext.equals("csv") ? "text/csv; charset=utf-8"
                                        : "application/json")
                                .putHeader("Content-Disposition", "attachment; filename=\"detections-"
                                        + frameId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + ext + "\"")
                                .end(text),
                        () -> Http.error(ctx, 404, "no detections for frame " + frameId + " in run " + runId)));
    }

    /** Runs {@code query} on the database thread; {@code null} means 404. */
    private void answer(RoutingContext ctx, Callable<JsonObject> query) {
        dbThread.executeBlocking(query, true).onFailure(ctx::fail).onSuccess(json -> {
            if (json == null) {
                Http.error(ctx, 404, "no run " + ctx.pathParam("runId"));
            } else {
                Http.json(ctx, 200, json);
            }
        });
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
