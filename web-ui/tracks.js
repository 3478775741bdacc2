// stemloop: tracking across frames (issue 20). In the live view, the dopants' trails over the frame on screen
// (the last frames of the series from the live state's "tracks", joined by track id, each past position moved
// by the drift since, its id written at its head; a layer like the others). In the history view, the selected
// run's dopant trajectories drawn on a canvas (one colour per track id, a dot per frame; a hop is a jump of a
// bond), the drift per frame, and the downloads (CSV, JSON; dopants or every atom). Text from the server goes in
// through textContent only. app.js calls window.stemloopTracks.drawLive(g, state, redraw) from its overlay and
// window.stemloopTracks.show(runId) when a run is selected.
"use strict";
(function () {
  const SIZE = 360;

  function section() {
    let s = document.getElementById("tracks");
    if (s) {
      return s;
    }
    s = document.createElement("section");
    s.id = "tracks";
    const h = document.createElement("h2");
    h.textContent = "Tracks";
    const note = document.createElement("p");
    note.id = "tracks-note";
    note.className = "muted";
    const links = document.createElement("p");
    links.id = "tracks-links";
    const canvas = document.createElement("canvas");
    canvas.id = "tracks-canvas";
    canvas.width = SIZE;
    canvas.height = SIZE;
    canvas.style.background = "#111";
    s.append(h, note, links, canvas);
    const history = document.getElementById("history");
    if (history) {
      history.appendChild(s);
    }
    return s;
  }

  function link(parent, href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    parent.append(a, " ");
  }

  function draw(canvas, tracks) {
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    let max = 1;
    for (const t of tracks) {
      for (const p of t.points) {
        max = Math.max(max, p[2], p[3]);
      }
    }
    const scale = (canvas.width - 8) / max;
    tracks.forEach((t, k) => {
      ctx.strokeStyle = ctx.fillStyle = `hsl(${(k * 137.5) % 360}, 85%, 60%)`;
      ctx.beginPath();
      t.points.forEach((p, i) => {
        const x = 4 + p[3] * scale;
        const y = 4 + p[2] * scale;
        if (i === 0) {
          ctx.moveTo(x, y);
        } else {
          ctx.lineTo(x, y);
        }
      });
      ctx.stroke();
      for (const p of t.points) {
        ctx.fillRect(3 + p[3] * scale, 3 + p[2] * scale, 2, 2);
      }
    });
  }

  async function show(runId) {
    const s = section();
    const run = encodeURIComponent(runId);
    const links = s.querySelector("#tracks-links");
    links.replaceChildren("Download: ");
    link(links, `/api/runs/${run}/tracks.csv?kind=dopant`, "dopants CSV");
    link(links, `/api/runs/${run}/tracks.json?kind=dopant`, "dopants JSON");
    link(links, `/api/runs/${run}/tracks.csv?kind=atom`, "atoms CSV");
    link(links, `/api/runs/${run}/tracks.json?kind=atom`, "atoms JSON");
    const note = s.querySelector("#tracks-note");
    const response = await fetch(`/api/runs/${run}/tracks.json?kind=dopant`, {credentials: "same-origin"});
    if (!response.ok) {
      note.textContent = "no tracks for this run";
      draw(s.querySelector("canvas"), []);
      return;
    }
    const body = await response.json();
    const frames = body.frames || [];
    const last = frames.length ? frames[frames.length - 1] : null;
    note.textContent = `${body.tracks.length} dopant tracks over ${frames.length} frames` + (last
      ? `; drift since the series began: ${last.drift_row.toFixed(2)}, ${last.drift_col.toFixed(2)} px (row, col)`
      : "");
    draw(s.querySelector("canvas"), body.tracks);
  }

  // ---- live view: trails over the frame on screen --------------------------------------------
  const live = {trails: [], frameId: null, redraw: null};
  const colour = (id) => `hsl(${(id * 137.5) % 360}, 90%, 60%)`;

  /** The layer's checkbox, added once beside the others (on by default). */
  function liveBox() {
    let box = document.getElementById("layer-tracks");
    if (box) {
      return box;
    }
    const layers = document.querySelector(".layers");
    if (!layers) {
      return null;
    }
    const label = document.createElement("label");
    box = document.createElement("input");
    box.type = "checkbox";
    box.id = "layer-tracks";
    box.checked = true;
    box.addEventListener("change", () => live.redraw && live.redraw());
    label.append(box, document.createTextNode(" Dopant tracks"));
    layers.append(label);
    const legend = document.createElement("div");
    legend.id = "tracks-live";
    legend.className = "legend muted";
    layers.after(legend);
    return box;
  }

  /**
   * Trails ending at the frame on screen: the series' frames up to it (all of them when its tracks have not come
   * yet), each dopant's positions by track id, moved into the shown frame by the drift accumulated since
   * (image = specimen + drift). Oldest point first.
   */
  function trails(tracks, frameId) {
    const frames = (tracks && Array.isArray(tracks.frames)) ? tracks.frames : [];
    let k = frames.findIndex((f) => f.frame_id === frameId);
    if (k < 0) {
      k = frames.length - 1;
    }
    if (k < 0) {
      return {frameId: null, trails: []};
    }
    const now = frames[k].drift;
    const byId = new Map();
    for (let j = 0; j <= k; j++) {
      const d = frames[j].drift;
      for (const [id, row, col, hop] of frames[j].dopants) {
        if (!byId.has(id)) {
          byId.set(id, {id, points: [], frames: 0, hops: 0, current: false});
        }
        const t = byId.get(id);
        t.points.push([row - d[0] + now[0], col - d[1] + now[1]]);
        t.frames++;
        t.hops += hop ? 1 : 0;
        t.current = j === k;
      }
    }
    // a track ended before the frame on screen is not drawn: the dopant is gone (or another id took it up)
    return {frameId: frames[k].frame_id, trails: [...byId.values()].filter((t) => t.current)};
  }

  /** Draws the trails on the live overlay's context {@code g} (frame pixels); app.js calls it on each redraw. */
  function drawLive(g, state, redraw) {
    live.redraw = redraw;
    const box = liveBox();
    const shown = trails(state.tracks, state.frame ? state.frame.frame_id : null);
    live.trails = shown.trails;
    live.frameId = shown.frameId;
    const legend = document.getElementById("tracks-live");
    if (legend) {
      const long = live.trails.filter((t) => t.frames > 1).length;
      legend.textContent = live.trails.length
        ? `Dopant tracks: ${live.trails.length} (${long} over 2+ frames; ids ${live.trails.map((t) => t.id).join(", ")})`
        : (state.tracks ? "Dopant tracks: none on this frame" : "");
    }
    if (box && !box.checked) {
      return;
    }
    const w = Math.max(1.5, g.canvas.width / 300);
    g.save();
    g.lineWidth = w;
    g.font = `${Math.max(10, Math.round(g.canvas.width / 40))}px sans-serif`;
    for (const t of live.trails) {
      g.strokeStyle = g.fillStyle = colour(t.id);
      g.beginPath();
      t.points.forEach(([r, c], i) => (i === 0 ? g.moveTo(c, r) : g.lineTo(c, r)));
      g.stroke();
      for (const [r, c] of t.points) {
        g.fillRect(c - w, r - w, 2 * w, 2 * w);
      }
      const [r, c] = t.points[t.points.length - 1];
      g.beginPath();
      g.arc(c, r, 3 * w, 0, 2 * Math.PI);
      g.stroke();
      g.fillText(String(t.id), c + 4 * w, r - 2 * w);
    }
    g.restore();
  }

  /** What the live layer drew last: the frame and its trails ({id, points, frames, hops}); for tests. */
  const liveShown = () => ({frame_id: live.frameId, trails: live.trails});

  liveBox(); // the scripts come at the end of the page: the layers are there

  window.stemloopTracks = {show, drawLive, live: liveShown};
})();
