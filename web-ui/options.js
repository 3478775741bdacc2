// stemloop: what a Pareto option means, explained on the frame (issue 19). Loaded before app.js, which calls
// the hooks below: label and summary of the options, and the explanation of the previewed option against the
// option in use (atoms it adds and drops, its crowded pairs, its count by region against the lattice).
// All server text goes in through textContent.
"use strict";
(function () {
  const COLORS = {added: "#39ff14", dropped: "#ff1744", crowded: "#ff9100", more: "255,60,60", fewer: "60,120,255"};
  /** Departure of a cell's count at which its tint is strongest (as in analyze's option-<id>.png). */
  const FULL_TINT = 0.3;
  const opt = {explanation: null, requested: null};

  const sameParams = (a, b) => !!a && !!b && ["min_sigma", "max_sigma", "num_sigma", "threshold", "overlap"]
    .every((k) => a[k] === b[k]);

  /** The option the agent uses now: the one it applied from this front, else the one with the live params. */
  opt.inUse = function (state) {
    const pareto = state && state.pareto;
    if (!pareto || !pareto.options) {
      return null;
    }
    if (pareto.applied !== undefined && pareto.applied !== null) {
      return String(pareto.applied);
    }
    const log = state.detections && state.detections["log*"];
    const match = log && pareto.options.find((o) => sameParams(o.params, log.params));
    return match ? String(match.id) : String(pareto.recommended);
  };

  /** The line above the table: how many distinct readings, or that the frame is unambiguous. */
  opt.summary = function (pareto) {
    const el = document.getElementById("options-summary");
    if (!el) {
      return;
    }
    const n = pareto && pareto.options ? pareto.options.length : 0;
    el.className = n === 1 ? "unambiguous" : "muted";
    el.textContent = n === 0 ? ""
      : n === 1 ? "Unambiguous frame: the search found one reading only (no other option finds other atoms)."
        : `${n} distinct readings of this frame (options that find the same atoms are merged); ` +
          "point at one to see what it changes against the option in use.";
  };

  /** Fetches the explanation of an option against the option in use, then asks for a redraw. */
  opt.explain = async function (api, state, optionId, redraw) {
    const against = opt.inUse(state);
    opt.requested = optionId;
    if (!optionId || against === null) {
      opt.explanation = null;
      opt.legend(null);
      redraw();
      return;
    }
    const response = await api(`/api/pareto/options/${encodeURIComponent(optionId)}/explain?against=` +
      encodeURIComponent(against));
    if (opt.requested !== optionId) {
      return; // the pointer moved on meanwhile
    }
    opt.explanation = response.ok ? await response.json() : null;
    opt.legend(opt.explanation);
    redraw();
  };

  opt.legend = function (why) {
    const el = document.getElementById("explain-info");
    if (!el) {
      return;
    }
    el.replaceChildren();
    if (!why) {
      return;
    }
    const part = (color, text) => {
      const s = document.createElement("span");
      s.className = "explain-entry";
      const sw = document.createElement("span");
      sw.className = "swatch-box";
      sw.style.background = color;
      s.append(sw, document.createTextNode(text));
      el.append(s);
    };
    const head = document.createElement("span");
    head.textContent = why.option_id === why.against ? `Option ${why.option_id} (in use):`
      : `Option ${why.option_id} against option ${why.against} in use:`;
    el.append(head);
    part(COLORS.added, `${why.added.length} atoms added`);
    part(COLORS.dropped, `${why.dropped.length} dropped`);
    part(COLORS.crowded, `${why.crowded_pairs.length} crowded pairs (its ER)`);
    part(`linear-gradient(90deg, rgb(${COLORS.fewer}), rgb(${COLORS.more}))`,
      "cells: fewer / more atoms than the lattice expects (its QC)");
  };

  /** Draws the explanation on the overlay canvas (frame pixels), if it belongs to this frame. */
  opt.draw = function (g, frameId) {
    const why = opt.explanation;
    const toggle = document.getElementById("layer-explain");
    if (!why || why.frame_id !== frameId || (toggle && !toggle.checked)) {
      return;
    }
    const q = why.qc_grid;
    for (let r = 0; r < q.rows; r++) {
      for (let c = 0; c < q.cols; c++) {
        const d = (q.found[r * q.cols + c] - q.expected_per_cell) / q.expected_per_cell;
        const alpha = Math.min(0.45, 0.45 * Math.abs(d) / FULL_TINT);
        g.fillStyle = `rgba(${d > 0 ? COLORS.more : COLORS.fewer},${alpha})`;
        g.fillRect(c * q.cell_width - 0.5, r * q.cell_height - 0.5, q.cell_width, q.cell_height);
      }
    }
    const width = Math.max(1.5, g.canvas.width / 250);
    g.lineWidth = width;
    g.strokeStyle = COLORS.crowded;
    for (const p of why.crowded_pairs) {
      g.beginPath();
      g.moveTo(p[1], p[0]);
      g.lineTo(p[3], p[2]);
      g.stroke();
    }
    const ring = why.matching_radius_px;
    g.strokeStyle = COLORS.added;
    for (const a of why.added) {
      g.beginPath();
      g.arc(a[1], a[0], ring, 0, 2 * Math.PI);
      g.stroke();
    }
    g.strokeStyle = COLORS.dropped;
    for (const a of why.dropped) {
      g.beginPath();
      g.moveTo(a[1] - ring, a[0] - ring);
      g.lineTo(a[1] + ring, a[0] + ring);
      g.moveTo(a[1] - ring, a[0] + ring);
      g.lineTo(a[1] + ring, a[0] - ring);
      g.stroke();
    }
  };

  window.stemOptions = opt;
})();
