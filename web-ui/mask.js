// stemloop: the crystal mask on the live frame (issue 15). The agent's LoG* detections carry "mask" (a coarse
// grid: one string per row of cells, '1' crystal, '0' masked, cells of "cell" px) and "masked_fraction"; the
// masked cells are tinted on the overlay (the "Crystal mask" layer, under the atoms) and the fraction is shown
// beside the frame. app.js calls stemMask.draw and stemMask.stats.
"use strict";
(function () {
  const TINT = "rgba(40, 110, 255, 0.38)";
  const EDGE = "#2f6bff";

  /** Whether a detections message carries a usable mask grid. */
  function hasMask(log) {
    const m = log && log.mask;
    return !!m && Number.isInteger(m.cell) && m.cell > 0 && Array.isArray(m.grid)
      && m.grid.every((row) => typeof row === "string");
  }

  /** Tints the masked cells of {@code log}'s mask on the overlay's context {@code g}, outlined so they read on any frame. */
  function draw(g, log) {
    const layer = document.getElementById("layer-mask");
    if (!layer || !layer.checked || !hasMask(log)) {
      return;
    }
    const cell = log.mask.cell;
    g.save();
    g.fillStyle = TINT;
    g.strokeStyle = EDGE;
    g.lineWidth = Math.max(1, g.canvas.width / 400);
    log.mask.grid.forEach((row, r) => {
      for (let c = 0; c < row.length; c++) {
        if (row[c] === "0") {
          const w = Math.min(cell, g.canvas.width - c * cell);
          const h = Math.min(cell, g.canvas.height - r * cell);
          g.fillRect(c * cell, r * cell, w, h);
        }
      }
    });
    g.restore();
  }

  /** The masked fraction beside the frame: a percentage, "none" without a mask, with the grid's cell size. */
  function stats(log) {
    const el = document.getElementById("masked-fraction");
    if (!el) {
      return;
    }
    const f = log ? log.masked_fraction : null;
    if (f === null || f === undefined || Number.isNaN(Number(f))) {
      el.textContent = log ? "no mask" : "–";
      el.title = "";
      return;
    }
    el.textContent = (100 * Number(f)).toFixed(1) + " %" + (hasMask(log) ? ` (cells of ${log.mask.cell} px)` : "");
    el.title = "part of the frame off the crystal: its atoms are not reported, QC expects atoms on the crystal only";
  }

  window.stemMask = {draw, stats, hasMask};
})();
