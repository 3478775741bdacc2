// stemloop: tracking across frames (issue 20) in the history view. The selected run's dopant trajectories
// drawn on a canvas (one colour per track id, a dot per frame; a hop is a jump of a bond), the drift per
// frame, and the downloads (CSV, JSON; dopants or every atom). Text from the server goes in through
// textContent only. app.js calls window.stemloopTracks.show(runId) when a run is selected.
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

  window.stemloopTracks = {show};
})();
