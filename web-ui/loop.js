// stemloop: the loop with the microscope in the live view (issue 20). Loaded before app.js, which calls
// stemLoop.render(state, me, api) with every state event and stemLoop.draw(g, state) when it redraws the frame.
// What it shows: the points of interest on the frame (colour by kind, a tooltip with score and reason); the
// acquisition requests with, for the one selected, its frame and positions, a checkbox each and Approve
// (operators; supervised mode); the spectra stored for it, one small plot per site with the Si L2,3 (99 eV)
// and C K (284 eV) edges marked, and the element each confirms. All server text goes in through textContent.
"use strict";
(function () {
  const KIND_COLORS = {dopant: "#ffd600", "vacancy-edge": "#00e676", boundary: "#e040fb"};
  const ELEMENT_COLORS = {Si: "#ffd600", C: "#4fc3f7", unknown: "#9e9e9e"};
  const EDGES = [{ev: 99, label: "Si L2,3 99 eV"}, {ev: 284, label: "C K 284 eV"}];
  const $ = (id) => document.getElementById(id);
  const fmt = (v, d = 2) => (v === null || v === undefined || Number.isNaN(Number(v))) ? "–" : Number(v).toFixed(d);
  const lp = {
    state: null, me: null, api: null, built: false,
    selected: null, // the request shown
    pinned: false, // the operator picked or ticked: the selection no longer follows the newest request
    unticked: {}, // request id -> Set of poi ids the operator deselected
    spectra: {}, // request id -> {key, list}
    imageFor: null,
    loop: null, // GET /api/loop: points, requests, sites
    fetched: null, // "version|frame" of lp.loop
    fetching: false,
  };
  window.stemLoop = lp;

  const kindColor = (kind) => KIND_COLORS[kind] || "#ffffff";

  function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") {
        e.className = v;
      } else {
        e.setAttribute(k, v);
      }
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  // ---- the panel's skeleton, built once -------------------------------------------------------
  function build() {
    const live = $("live");
    if (!live || lp.built) {
      return;
    }
    lp.built = true;
    const layers = document.querySelector(".layers");
    if (layers) {
      const label = el("label");
      const box = el("input", {type: "checkbox", id: "layer-poi"});
      box.checked = true;
      box.addEventListener("change", () => lp.redrawMain && lp.redrawMain());
      label.append(box, document.createTextNode(" Points of interest"));
      layers.append(label);
    }
    const tooltip = el("div", {id: "loop-tooltip", class: "loop-tooltip", role: "tooltip"});
    tooltip.hidden = true;
    document.body.append(tooltip);

    const header = document.querySelector("header nav");
    if (header) {
      const tag = el("button", {id: "loop-pending", class: "tag warn", type: "button"});
      tag.hidden = true;
      tag.addEventListener("click", () => $("loop-panel").scrollIntoView({behavior: "smooth"}));
      header.after(tag);
    }

    const section = el("section", {id: "loop-panel", class: "loop-panel"});
    section.append(el("h2", {}, "Points of interest, spectra and sites"));
    section.append(el("p", {id: "loop-help", class: "muted"}));
    const legend = el("div", {class: "legend", id: "loop-legend"});
    for (const [kind, color] of Object.entries(KIND_COLORS)) {
      const entry = el("span", {class: "class-entry"});
      const sw = el("span", {class: "swatch loop-diamond"});
      sw.style.borderColor = color;
      entry.append(sw, document.createTextNode(kind));
      legend.append(entry);
    }
    legend.append(el("span", {class: "muted"}, "filled: ticked for the beam; label: the element its spectrum confirms"));
    section.append(legend);

    const grid = el("div", {class: "loop-grid"});
    // 1: the requests and the selected request's frame
    const left = el("div");
    left.append(el("h3", {}, "Acquisition requests"));
    const requests = el("table", {id: "loop-requests"});
    const rh = el("thead");
    const rhr = el("tr");
    ["frame", "state", "positions", "dwell"].forEach((h) => rhr.append(el("th", {}, h)));
    rh.append(rhr);
    requests.append(rh, el("tbody"));
    left.append(requests);
    const view = el("div", {id: "loop-view"});
    view.append(el("img", {id: "loop-frame", alt: "the request's frame"}), el("canvas", {id: "loop-overlay"}));
    left.append(view);
    // 2: the positions with their checkboxes, the budget, Approve
    const middle = el("div");
    middle.append(el("h3", {id: "loop-request-title"}, "No request yet"));
    middle.append(el("p", {id: "loop-budget", class: "muted"}));
    const positions = el("table", {id: "loop-positions"});
    const ph = el("thead");
    const phr = el("tr");
    ["", "point", "kind", "score", "reason", "site"].forEach((h) => phr.append(el("th", {}, h)));
    ph.append(phr);
    positions.append(ph, el("tbody"));
    middle.append(positions);
    const decide = el("div", {class: "decide"});
    const all = el("button", {id: "loop-all", type: "button"}, "Tick all");
    const approve = el("button", {id: "loop-approve", type: "button"}, "Approve acquisition");
    approve.disabled = true;
    decide.append(all, approve, el("span", {id: "loop-selection", class: "muted"}));
    middle.append(decide);
    middle.append(el("p", {id: "loop-message", role: "alert"}));
    // 3: the spectra of the selected request's sites
    const right = el("div");
    right.append(el("h3", {}, "Spectra"));
    right.append(el("p", {id: "loop-sites-summary", class: "muted"}));
    right.append(el("div", {id: "loop-spectra"}));
    grid.append(left, middle, right);
    section.append(grid);
    live.append(section);

    all.addEventListener("click", () => {
      if (lp.selected) {
        lp.pinned = true;
        lp.unticked[lp.selected] = new Set();
        renderLoop();
      }
    });
    approve.addEventListener("click", approveSelected);
    hover($("overlay"), () => currentPoints());
    hover($("loop-overlay"), () => {
      const r = selectedRequest();
      return r ? r.offered || [] : [];
    });
  }

  // ---- state --------------------------------------------------------------------------------
  lp.render = function (state, me, api) {
    lp.state = state;
    lp.me = me;
    lp.api = api;
    build();
    if (!lp.built) {
      return;
    }
    refresh();
    renderLoop();
  };

  /** The state events carry only the loop's version: fetch the rest when it (or the frame shown) moves. */
  async function refresh() {
    const brief = lp.state && lp.state.loop;
    const frame = lp.state && lp.state.frame ? lp.state.frame.frame_id : "";
    const key = brief ? brief.version + "|" + frame : null;
    if (!key || key === lp.fetched || lp.fetching) {
      return;
    }
    lp.fetching = true;
    let ok = false;
    try {
      const response = await lp.api("/api/loop?frame_id=" + encodeURIComponent(frame));
      if (response.ok) {
        lp.loop = await response.json();
        lp.fetched = key;
        ok = true;
        renderLoop();
        if (lp.redrawMain) {
          lp.redrawMain();
        }
      }
    } finally {
      lp.fetching = false;
    }
    if (ok) {
      refresh(); // it moved again meanwhile; after a failure the next state event tries again
    }
  }

  function loopState() {
    return lp.loop || {requests: [], points: [], sites: [], pending: 0};
  }

  function selectedRequest() {
    return loopState().requests.find((r) => r.request_id === lp.selected) || null;
  }

  /** The points of the frame on screen (the main view), if the loop has them. */
  function currentPoints() {
    const loop = loopState();
    const frame = lp.state && lp.state.frame;
    return frame && loop.frame_id === frame.frame_id ? loop.points || [] : [];
  }

  function chooseRequest(loop) {
    const requests = loop.requests || [];
    if (lp.pinned && requests.some((r) => r.request_id === lp.selected)) {
      return;
    }
    lp.pinned = false;
    const pending = requests.find((r) => r.state === "pending");
    lp.selected = pending ? pending.request_id : (requests[0] ? requests[0].request_id : null);
  }

  function ticked(r) {
    const off = lp.unticked[r.request_id] || new Set();
    return (r.offered || []).filter((p) => !off.has(p.poi_id)).map((p) => p.poi_id);
  }

  function sitesOf(requestId) {
    const out = {};
    for (const s of loopState().sites || []) {
      if (s.request_id === requestId) {
        out[s.poi_id] = s;
      }
    }
    return out;
  }

  function renderLoop() {
    const loop = loopState();
    const status = (lp.state && lp.state.status) || {};
    const operator = lp.me && lp.me.role === "operator";
    chooseRequest(loop);
    const pendingTag = $("loop-pending");
    if (pendingTag) {
      pendingTag.hidden = !loop.pending;
      pendingTag.textContent = loop.pending ? `${loop.pending} acquisition(s) wait for approval` : "";
    }
    $("loop-help").textContent = status.mode === "autonomous"
      ? "Autonomous: the agent sends each frame's request within the dose budget; the spectra and sites follow."
      : operator
        ? "Supervised: nothing goes to the microscope until you approve. Pick a request, untick the points the beam "
          + "should skip, then Approve; the spectra and the sites they confirm appear on the right."
        : "Supervised: an operator approves each request before the microscope takes spectra (viewers watch).";
    renderRequests(loop);
    const r = selectedRequest();
    renderPositions(r, operator);
    renderFrame(r);
    renderSpectra(r);
    const counts = {};
    (loop.sites || []).forEach((s) => { counts[s.element] = (counts[s.element] || 0) + 1; });
    $("loop-sites-summary").textContent = (loop.sites || []).length
      ? "Confirmed sites (recent requests): " + Object.entries(counts).map(([e, n]) => `${e} ${n}`).join(" · ")
      : "No sites confirmed yet: spectra come once a request is on its way to the microscope.";
  }

  function renderRequests(loop) {
    const body = $("loop-requests").querySelector("tbody");
    body.replaceChildren();
    for (const r of loop.requests || []) {
      const row = el("tr", {"data-request": r.request_id, "data-state": r.state});
      if (r.request_id === lp.selected) {
        row.className = "selected";
      }
      row.append(el("td", {}, r.frame_id), el("td", {class: "loop-state-" + r.state}, r.state),
        el("td", {}, r.state === "pending" ? `${(r.offered || []).length} offered`
          : `${(r.positions || []).length} of ${(r.offered || []).length}`),
        el("td", {}, fmt(r.dwell_ms_total, 0) + " ms"));
      row.title = r.request_id + (r.detail ? ": " + r.detail : "");
      row.addEventListener("click", () => {
        lp.selected = r.request_id;
        lp.pinned = true;
        renderLoop();
      });
      body.append(row);
    }
    if (!(loop.requests || []).length) {
      const row = el("tr");
      row.append(el("td", {colspan: "4", class: "muted"}, "No acquisition request yet (the points of the first "
        + "analysed frame make one)."));
      body.append(row);
    }
  }

  function renderPositions(r, operator) {
    const body = $("loop-positions").querySelector("tbody");
    body.replaceChildren();
    const approve = $("loop-approve");
    const all = $("loop-all");
    if (!r) {
      $("loop-request-title").textContent = "No request yet";
      $("loop-budget").textContent = "";
      $("loop-selection").textContent = "";
      approve.disabled = true;
      all.hidden = true;
      return;
    }
    const pending = r.state === "pending" || r.state === "refused";
    $("loop-request-title").textContent = `Request ${r.request_id} · frame ${r.frame_id} · ${r.state}`
      + (r.approved_by ? ` (approved by ${r.approved_by})` : "");
    const b = r.budget || {};
    $("loop-budget").textContent = `Dose budget: ${fmt(b.per_frame_ms, 0)} ms per frame, `
      + `${fmt(b.run_held_ms, 0)} of ${fmt(b.per_run_ms, 0)} ms of the run held; ${(r.offered || []).length} `
      + "positions offered" + (r.detail ? `. ${r.detail}` : "");
    const chosen = new Set(pending ? ticked(r) : (r.positions || []).map((p) => p.poi_id));
    const sites = sitesOf(r.request_id);
    for (const p of r.offered || []) {
      const row = el("tr", {"data-poi": p.poi_id});
      const box = el("input", {type: "checkbox", "aria-label": "acquire " + p.poi_id});
      box.checked = chosen.has(p.poi_id);
      box.disabled = !pending || !operator;
      box.addEventListener("change", () => {
        lp.pinned = true;
        const off = lp.unticked[r.request_id] || (lp.unticked[r.request_id] = new Set());
        if (box.checked) {
          off.delete(p.poi_id);
        } else {
          off.add(p.poi_id);
        }
        renderLoop();
      });
      const first = el("td");
      first.append(box);
      const kind = el("td", {}, p.kind || "–");
      kind.style.color = kindColor(p.kind);
      const site = sites[p.poi_id];
      const siteCell = el("td", {class: site ? "loop-site loop-site-" + site.element : "muted"},
        site ? site.element : (r.state === "sent" && chosen.has(p.poi_id) ? "…" : "–"));
      row.append(first, el("td", {}, p.poi_id), kind, el("td", {}, fmt(p.score)), el("td", {}, p.reason || ""),
        siteCell);
      row.title = p.reason || "";
      row.addEventListener("mouseenter", () => { lp.highlight = p.poi_id; drawLoopFrame(); });
      row.addEventListener("mouseleave", () => { lp.highlight = null; drawLoopFrame(); });
      body.append(row);
    }
    all.hidden = !pending || !operator;
    approve.hidden = !operator;
    approve.disabled = !pending || !operator || chosen.size === 0;
    const dwell = (r.offered || []).filter((p) => chosen.has(p.poi_id)).reduce((s, p) => s + (p.dwell_ms || 0), 0);
    $("loop-selection").textContent = !operator ? "Only operators approve acquisitions."
      : pending ? `${chosen.size} of ${(r.offered || []).length} positions ticked, ${fmt(dwell, 0)} ms of beam`
        : r.state === "approving" ? "Approval sent; waiting for the agent to put it on acquire…" : "";
  }

  async function approveSelected() {
    const r = selectedRequest();
    if (!r) {
      return;
    }
    lp.pinned = true;
    $("loop-message").textContent = "";
    const response = await lp.api(`/api/acquisitions/${encodeURIComponent(r.request_id)}/approve`, {
      method: "POST",
      body: JSON.stringify({positions: ticked(r)}),
    });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      $("loop-message").textContent = `Not approved (${response.status}): ${answer.detail || ""}`;
    }
  }

  // ---- the request's frame with its positions ---------------------------------------------------
  function renderFrame(r) {
    const img = $("loop-frame");
    const view = $("loop-view");
    view.hidden = !r;
    if (!r) {
      return;
    }
    const src = "/api/live/frames/" + encodeURIComponent(r.frame_id) + "/image.png";
    if (lp.imageFor !== src) {
      lp.imageFor = src;
      img.onload = drawLoopFrame;
      img.onerror = () => { view.dataset.missing = "true"; };
      delete view.dataset.missing;
      img.src = src;
    } else {
      drawLoopFrame();
    }
  }

  function drawLoopFrame() {
    const img = $("loop-frame");
    const canvas = $("loop-overlay");
    const r = selectedRequest();
    if (!img.naturalWidth || !r) {
      return;
    }
    // drawn at the size shown (a 128 px frame fills ~400 px): markers and labels stay crisp
    const scale = Math.max(1, Math.round((canvas.clientWidth || img.naturalWidth) * (window.devicePixelRatio || 1)
      / img.naturalWidth));
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    canvas.dataset.scale = String(scale);
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, canvas.width, canvas.height);
    const pending = r.state === "pending" || r.state === "refused";
    const chosen = new Set(pending ? ticked(r) : (r.positions || []).map((p) => p.poi_id));
    const sites = sitesOf(r.request_id);
    const size = Math.max(6, canvas.width / 60);
    for (const p of r.offered || []) {
      const x = p.col * scale;
      const y = p.row * scale;
      diamond(g, x, y, size, kindColor(p.kind), chosen.has(p.poi_id), p.poi_id === lp.highlight);
      const site = sites[p.poi_id];
      if (site) {
        g.font = `bold ${Math.round(size * 1.7)}px system-ui, sans-serif`;
        g.fillStyle = ELEMENT_COLORS[site.element] || "#fff";
        g.strokeStyle = "#000";
        g.lineWidth = 3;
        g.strokeText(site.element, x + size * 1.2, y - size * 0.5);
        g.fillText(site.element, x + size * 1.2, y - size * 0.5);
      }
    }
  }

  function diamond(g, x, y, size, color, filled, highlight) {
    g.beginPath();
    g.moveTo(x, y - size);
    g.lineTo(x + size, y);
    g.lineTo(x, y + size);
    g.lineTo(x - size, y);
    g.closePath();
    g.lineWidth = highlight ? 3 : Math.max(1.5, g.canvas.width / 300);
    g.strokeStyle = highlight ? "#ffffff" : color;
    if (filled) {
      g.fillStyle = color + "99";
      g.fill();
    }
    g.stroke();
  }

  /** The main view's layer: the points of interest of the frame on screen (app.js calls it from drawOverlay). */
  lp.draw = function (g, state, redraw) {
    lp.redrawMain = redraw;
    const box = $("layer-poi");
    if (box && !box.checked) {
      return;
    }
    const size = Math.max(3, g.canvas.width / 80);
    for (const p of currentPoints()) {
      diamond(g, p.col, p.row, size, kindColor(p.kind), false, false);
    }
  };

  /** A tooltip with the kind, score and reason of the point nearest the pointer on {@code canvas}. */
  function hover(canvas, points) {
    if (!canvas) {
      return;
    }
    const tip = $("loop-tooltip");
    canvas.style.pointerEvents = "auto";
    canvas.addEventListener("mousemove", (e) => {
      const box = canvas.getBoundingClientRect();
      if (!canvas.width || !box.width) {
        return;
      }
      const scale = Number(canvas.dataset.scale || 1); // canvas pixels per frame pixel
      const x = (e.clientX - box.left) * canvas.width / box.width / scale;
      const y = (e.clientY - box.top) * canvas.height / box.height / scale;
      const reach = Math.max(4, canvas.width / scale / 50);
      let best = null;
      let bestD = reach;
      for (const p of points()) {
        const d = Math.hypot(p.col - x, p.row - y);
        if (d <= bestD) {
          best = p;
          bestD = d;
        }
      }
      if (canvas.id === "overlay" && $("layer-poi") && !$("layer-poi").checked) {
        best = null;
      }
      tip.hidden = !best;
      if (best) {
        tip.textContent = `${best.kind || "point"} ${best.poi_id} · score ${fmt(best.score)} · ${best.reason || ""}`;
        tip.style.left = (e.pageX + 14) + "px";
        tip.style.top = (e.pageY + 14) + "px";
      }
    });
    canvas.addEventListener("mouseleave", () => { tip.hidden = true; });
  }

  // ---- spectra -------------------------------------------------------------------------------
  async function renderSpectra(r) {
    const box = $("loop-spectra");
    if (!r || r.state === "pending") {
      box.replaceChildren();
      box.append(el("p", {class: "muted"}, r ? "Approve the request: the spectra appear here as they arrive."
        : ""));
      return;
    }
    const sites = sitesOf(r.request_id);
    const key = r.request_id + "|" + Object.keys(sites).length;
    const cached = lp.spectra[r.request_id];
    if (cached && cached.key === key) {
      if (box.dataset.request !== r.request_id) {
        plotAll(box, r, cached.list);
      }
      return;
    }
    if (!Object.keys(sites).length) {
      box.replaceChildren(el("p", {class: "muted"}, "Waiting for the microscope's spectra…"));
      box.dataset.request = "";
      return;
    }
    lp.spectra[r.request_id] = {key, list: cached ? cached.list : []};
    const response = await lp.api(`/api/acquisitions/${encodeURIComponent(r.request_id)}/spectra`);
    if (!response.ok) {
      return;
    }
    const list = (await response.json()).spectra;
    if (lp.spectra[r.request_id].key !== key) {
      return; // a newer site came meanwhile: its answer draws
    }
    lp.spectra[r.request_id] = {key, list};
    if (lp.selected === r.request_id) {
      plotAll(box, r, list);
    }
  }

  function plotAll(box, r, list) {
    box.replaceChildren();
    box.dataset.request = r.request_id;
    for (const s of list) {
      const figure = el("figure", {class: "spectrum", "data-poi": s.poi_id, "data-element": s.element});
      const canvas = el("canvas", {width: "300", height: "120"});
      const caption = el("figcaption");
      const name = el("b", {}, `${s.poi_id}: ${s.element}`);
      name.style.color = ELEMENT_COLORS[s.element] || "#fff";
      caption.append(name, document.createTextNode(` · Si S/N ${fmt(s.si_snr, 1)} · C S/N ${fmt(s.c_snr, 1)} · `
        + `${fmt(s.dwell_ms, 0)} ms` + (s.atom === null || s.atom === undefined ? " · no atom within reach"
        : ` · atom ${s.atom}`)));
      figure.append(canvas, caption);
      figure.addEventListener("mouseenter", () => { lp.highlight = s.poi_id; drawLoopFrame(); });
      figure.addEventListener("mouseleave", () => { lp.highlight = null; drawLoopFrame(); });
      box.append(figure);
      plot(canvas, s);
    }
  }

  /** Counts against energy, log scale (the power-law background falls 200-fold), the two edges marked. */
  function plot(canvas, s) {
    const g = canvas.getContext("2d");
    const w = canvas.width;
    const h = canvas.height;
    const left = 4;
    const bottom = h - 14;
    const top = 4;
    const counts = s.counts.map((c) => Math.log10(Math.max(1, c)));
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    const e0 = s.offset_ev;
    const e1 = s.offset_ev + s.step_ev * (s.counts.length - 1);
    const x = (ev) => left + (ev - e0) / (e1 - e0) * (w - left - 4);
    const y = (v) => bottom - (v - lo) / Math.max(1e-9, hi - lo) * (bottom - top);
    g.fillStyle = "#0b0f13";
    g.fillRect(0, 0, w, h);
    g.font = "10px system-ui, sans-serif";
    g.setLineDash([4, 3]);
    for (const edge of EDGES) {
      if (edge.ev < e0 || edge.ev > e1) {
        continue;
      }
      g.strokeStyle = edge.ev === 99 ? ELEMENT_COLORS.Si : ELEMENT_COLORS.C;
      g.beginPath();
      g.moveTo(x(edge.ev), top);
      g.lineTo(x(edge.ev), bottom);
      g.stroke();
      g.fillStyle = g.strokeStyle;
      g.fillText(edge.label, Math.min(x(edge.ev) + 3, w - 70), top + 10);
    }
    g.setLineDash([]);
    g.strokeStyle = "#e6edf3";
    g.lineWidth = 1;
    g.beginPath();
    counts.forEach((v, i) => {
      const px = x(e0 + i * s.step_ev);
      if (i === 0) {
        g.moveTo(px, y(v));
      } else {
        g.lineTo(px, y(v));
      }
    });
    g.stroke();
    g.fillStyle = "#8b98a5";
    g.fillText(`${fmt(e0, 0)} eV`, left, h - 2);
    g.fillText(`${fmt(e1, 0)} eV (log counts)`, w - 110, h - 2);
  }
})();
