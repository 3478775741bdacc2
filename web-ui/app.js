// stemloop live view, Pareto front and history. No build step; ECharts from its WebJar.
// All text from the server goes in through textContent, never innerHTML; where a library takes HTML
// (ECharts tooltips), every value from a message or the database passes through esc() first.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const COLORS = {"log*": "#00e5ff", unet: "#ff9800", preview: "#ff2fd6"};
  // LoG* atoms by class (the agent's classes option): class 0, the largest, keeps the LoG* colour
  const CLASS_COLORS = ["#00e5ff", "#ffeb3b", "#76ff03", "#ff5252", "#b388ff", "#ffffff", "#ff80ab", "#a1887f",
    "#64ffda", "#9e9e9e"];
  const ui = {me: null, state: null, selected: null, preview: null, chart: null, imageFor: null};
  window.stemloop = ui; // for tests and the curious: the current state and the chart

  async function api(path, options = {}) {
    const init = Object.assign({credentials: "same-origin", headers: {}}, options);
    if (init.method && init.method !== "GET") {
      init.headers["Content-Type"] = "application/json";
      init.headers["X-CSRF-Token"] = ui.me.csrf;
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
      // back to this page (and tab) after the login
      window.location.href = "/login.html?next=" +
        encodeURIComponent(window.location.pathname + window.location.search + window.location.hash);
      throw new Error("logged out");
    }
    return response;
  }

  /** Text made safe for an HTML string: markup in an option id or a name is shown, not run. */
  const esc = (v) => String(v).replace(/[&<>"'`=\/]/g, (c) => "&#" + c.charCodeAt(0) + ";");
  ui.esc = esc;

  const fmt = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v)) ? "–" : Number(v).toFixed(digits);
  const paramsText = (p) => p ? `σ ${fmt(p.min_sigma, 2)}–${fmt(p.max_sigma, 2)} ×${p.num_sigma}, t ${fmt(p.threshold)}, o ${fmt(p.overlap, 2)}` : "–";

  function cell(row, text) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "–" : String(text);
    row.appendChild(td);
    return td;
  }

  // ---- live view -------------------------------------------------------------------------
  function render(state) {
    ui.state = state;
    const status = state.status || {};
    $("instrument").textContent = state.instrument;
    $("agent-state").textContent = status.state || "no status";
    $("agent-state").className = "tag state-" + (status.state || "none");
    renderUnauthenticated(state.unauthenticated);
    $("mode").textContent = status.mode ? "mode: " + status.mode : "";
    if (status.mode) {
      $("mode-select").value = status.mode;
    }
    renderFrame(state);
    renderPareto(state);
    renderPending(state.pending);
    window.stemLoop.render(state, ui.me, api); // loop.js: points of interest, acquisitions, spectra (issue 20)
  }

  /** Results that did not carry the agent's signature were dropped: say so, with the topic and time. */
  function renderUnauthenticated(u) {
    const el = $("unauthenticated");
    el.hidden = !u;
    el.textContent = u ? `${u.count} unauthenticated message(s) ignored, last on ${u.last_topic} at `
      + new Date(u.last_at).toLocaleTimeString() : "";
  }

  function renderFrame(state) {
    const frame = state.frame;
    $("no-frame").hidden = !!frame;
    if (!frame) {
      return;
    }
    const log = state.detections["log*"];
    const unet = state.detections.unet;
    $("frame-id").textContent = frame.frame_id + ` (${frame.width}×${frame.height})`;
    $("n-atoms").textContent = log ? log.atoms.length : "–";
    $("qc").textContent = log ? fmt(log.rewards.qc) : "–";
    $("er").textContent = log ? fmt(log.rewards.er) : "–";
    $("latency").textContent = log ? fmt(log.latency_ms, 0) + " ms" : "–";
    $("params").textContent = log ? paramsText(log.params) : "–";
    $("unet").textContent = unet ? unet.atoms.length + " atoms" : "no U-Net detections";
    renderClassLegend(log);
    window.stemMask.stats(log); // mask.js: the masked fraction
    const img = $("frame");
    if (ui.imageFor !== frame.image) {
      ui.imageFor = frame.image;
      img.onload = drawOverlay;
      img.src = frame.image;
    } else {
      drawOverlay();
    }
  }

  function drawOverlay() {
    const img = $("frame");
    const canvas = $("overlay");
    if (!img.naturalWidth || !ui.state || !ui.state.frame) {
      return;
    }
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext("2d");
    g.clearRect(0, 0, canvas.width, canvas.height);
    const d = ui.state.detections;
    window.stemMask.draw(g, d["log*"]); // mask.js: masked cells under the atoms
    if ($("layer-log").checked && d["log*"]) {
      const log = d["log*"];
      if (hasClasses(log)) {
        for (let c = 0; c < log.class_counts.length; c++) {
          circles(g, log.atoms.filter((a, i) => log.classes[i] === c), classColor(c));
        }
      } else {
        circles(g, log.atoms, COLORS["log*"]);
      }
    }
    if ($("layer-unet").checked && d.unet) {
      circles(g, d.unet.atoms, COLORS.unet, 4); // [row, col, probability]: a fixed radius
    }
    if ($("layer-preview").checked && ui.preview && ui.preview.frame_id === ui.state.frame.frame_id) {
      circles(g, ui.preview.atoms, COLORS.preview);
    }
    window.stemOptions.draw(g, ui.state.frame.frame_id);
    window.stemLoop.draw(g, ui.state, drawOverlay);
    window.stemloopTracks.drawLive(g, ui.state, drawOverlay); // tracks.js: the dopants' trails with their ids
  }

  function hasClasses(log) {
    return !!log && Array.isArray(log.classes) && Array.isArray(log.class_counts)
      && log.classes.length === log.atoms.length;
  }

  function classColor(c) {
    return CLASS_COLORS[c % CLASS_COLORS.length];
  }

  /** The legend of the LoG* atoms' classes: one swatch per class with its count, or why there are none. */
  function renderClassLegend(log) {
    const legend = $("class-legend");
    legend.replaceChildren();
    const skipped = log && log.classification && log.classification.skipped;
    legend.hidden = !hasClasses(log) && !skipped;
    if (skipped) {
      legend.textContent = "Classes: not this frame (" + skipped + ")";
      return;
    }
    if (!hasClasses(log)) {
      return;
    }
    const title = document.createElement("span");
    title.className = "muted";
    title.textContent = "Classes:";
    legend.append(title);
    log.class_counts.forEach((n, c) => {
      const entry = document.createElement("span");
      entry.className = "class-entry";
      entry.dataset.class = String(c);
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.borderColor = classColor(c);
      entry.append(swatch, document.createTextNode(`class ${c} (${n})`));
      legend.append(entry);
    });
  }

  function circles(g, atoms, color, radius) {
    g.strokeStyle = color;
    g.lineWidth = Math.max(1.5, g.canvas.width / 300);
    for (const a of atoms) {
      const r = radius || (a.length > 2 && a[2] ? a[2] * Math.SQRT2 : 3);
      g.beginPath();
      g.arc(a[1], a[0], r, 0, 2 * Math.PI);
      g.stroke();
    }
  }

  // ---- Pareto front ----------------------------------------------------------------------
  function renderPareto(state) {
    const pareto = state.pareto;
    const options = pareto ? pareto.options || [] : [];
    $("no-pareto").hidden = options.length > 0;
    $("pareto-frame").textContent = pareto ? "frame " + pareto.frame_id : "";
    window.stemOptions.summary(pareto);
    const key = JSON.stringify(pareto) + "|" + ui.selected;
    if (key === ui.paretoKey) {
      return; // unchanged: leave the chart (and the pointer's hover) alone
    }
    ui.paretoKey = key;
    const data = options.map((o) => ({
      value: [o.rewards.qc, o.rewards.er, o.n_atoms],
      id: String(o.id),
      symbolSize: String(o.id) === String(pareto.recommended) ? 16 : 11,
      itemStyle: {color: String(o.id) === ui.selected ? COLORS.preview : (String(o.id) === String(pareto.recommended) ? "#ffd54f" : "#4fc3f7")},
    }));
    ui.chart.setOption({series: [{data}]});
    const body = $("options").querySelector("tbody");
    body.replaceChildren();
    for (const o of options) {
      const row = document.createElement("tr");
      row.dataset.option = String(o.id);
      if (String(o.id) === ui.selected) {
        row.className = "selected";
      }
      const inUse = pareto.applied !== undefined && pareto.applied !== null && String(o.id) === String(pareto.applied);
      cell(row, o.id + (String(o.id) === String(pareto.recommended) ? " ★" : "") + (inUse ? " ✓ in use" : ""));
      cell(row, o.label || "").title = o.label || "";
      cell(row, fmt(o.rewards.qc));
      cell(row, fmt(o.rewards.er));
      cell(row, o.n_atoms);
      cell(row, `${fmt(o.params.min_sigma, 2)}–${fmt(o.params.max_sigma, 2)}`);
      cell(row, fmt(o.params.threshold));
      cell(row, fmt(o.params.overlap, 2));
      row.addEventListener("mouseenter", () => preview(String(o.id)));
      row.addEventListener("click", () => select(String(o.id)));
      body.appendChild(row);
    }
    if (ui.selected && !options.some((o) => String(o.id) === ui.selected)) {
      select(null);
    }
    $("approve").disabled = !ui.selected || ui.me.role !== "operator";
  }

  async function preview(optionId) {
    if (!optionId) {
      ui.preview = null;
      $("preview-info").textContent = "";
      window.stemOptions.explain(api, ui.state, null, drawOverlay);
      return;
    }
    const response = await api(`/api/pareto/options/${encodeURIComponent(optionId)}/atoms`);
    if (!response.ok) {
      $("preview-info").textContent = `No preview of option ${optionId} (${response.status})`;
      return;
    }
    ui.preview = await response.json();
    $("preview-info").textContent =
      `Preview: option ${optionId} finds ${ui.preview.atoms.length} atoms on frame ${ui.preview.frame_id}`;
    drawOverlay();
    window.stemOptions.explain(api, ui.state, optionId, drawOverlay);
  }

  function select(optionId) {
    ui.selected = optionId;
    $("selected").textContent = optionId ? `Option ${optionId} selected.` : "Select an option (click a point or a row).";
    $("approve").disabled = !optionId || ui.me.role !== "operator";
    for (const row of $("options").querySelectorAll("tbody tr")) {
      row.className = row.dataset.option === optionId ? "selected" : "";
    }
    if (optionId) {
      preview(optionId);
    }
    if (ui.state) {
      renderPareto(ui.state);
    }
  }

  function renderPending(p) {
    const el = $("pending");
    if (!p) {
      el.textContent = "";
      el.className = "";
      return;
    }
    const when = new Date(p.at).toLocaleTimeString();
    el.className = "pending-" + p.state;
    el.textContent = p.state === "pending"
      ? `Pending: option ${p.option_id} approved by ${p.by} at ${when}; waiting for the agent to confirm it…`
      : p.state === "applied"
        ? `Applied: option ${p.option_id} (approved by ${p.by} at ${when}) is in use` +
          (p.applied_frame_id ? ` since frame ${p.applied_frame_id}.` : " (the agent confirmed it).")
        : `Refused by the agent: option ${p.option_id} (approved by ${p.by} at ${when}): ${p.detail}`;
  }

  async function approve() {
    if (!ui.selected) {
      return;
    }
    $("message").textContent = "";
    const response = await api("/api/choices", {
      method: "POST",
      body: JSON.stringify({option_id: ui.selected, version: ui.state.version}),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 409) {
      $("message").textContent = "Not sent: " + answer.detail + " Look again and approve anew.";
      if (answer.state) {
        render(answer.state);
      }
    } else if (!response.ok) {
      $("message").textContent = `Not sent (${response.status}): ${answer.detail || ""}`;
    }
  }

  async function control(action, extra = {}) {
    $("message").textContent = "";
    const response = await api("/api/control", {method: "POST", body: JSON.stringify(Object.assign({action}, extra))});
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      $("message").textContent = `${action} not sent (${response.status}): ${answer.detail || ""}`;
    } else {
      $("message").textContent = `${action} sent.`;
    }
  }

  function makeChart() {
    ui.chart = echarts.init($("pareto-chart"), null, {renderer: "canvas"});
    ui.chart.setOption({
      animation: false,
      grid: {left: 56, right: 24, top: 32, bottom: 44},
      xAxis: {name: "QC (lower is better)", nameLocation: "middle", nameGap: 28, scale: true},
      yAxis: {name: "ER", nameLocation: "middle", nameGap: 40, scale: true},
      tooltip: {trigger: "item", formatter: (p) => `option ${esc(p.data.id)}<br>QC ${esc(fmt(p.value[0]))}, ER ${esc(fmt(p.value[1]))}<br>${esc(p.value[2])} atoms`},
      series: [{type: "scatter", data: [], label: {show: true, position: "top", formatter: (p) => String(p.value[2])}}],
    });
    ui.chart.on("mouseover", (p) => preview(p.data.id));
    ui.chart.on("mouseout", () => preview(ui.selected));
    ui.chart.getZr().on("globalout", () => preview(ui.selected));
    ui.chart.on("click", (p) => select(p.data.id));
    window.addEventListener("resize", () => ui.chart.resize());
  }

  // ---- history -----------------------------------------------------------------------------
  async function loadRuns() {
    const runs = (await (await api("/api/runs")).json()).runs;
    const body = $("runs").querySelector("tbody");
    body.replaceChildren();
    for (const r of runs) {
      const row = document.createElement("tr");
      [r.run_id, r.instrument, r.mode, r.started_at, r.ended_at, r.frames, r.decisions].forEach((v) => cell(row, v));
      row.addEventListener("click", () => loadRun(r.run_id));
      body.appendChild(row);
    }
    if (runs.length) {
      loadRun(runs[0].run_id);
    }
  }

  async function loadRun(runId) {
    $("decisions-run").textContent = "run " + runId;
    const run = encodeURIComponent(runId);
    if (window.stemloopTracks) {
      window.stemloopTracks.show(runId).catch((e) => console.warn("tracks:", e));
    }
    const decisions = (await (await api(`/api/runs/${run}/decisions`)).json()).decisions;
    const db = $("decisions").querySelector("tbody");
    db.replaceChildren();
    for (const d of decisions) {
      const row = document.createElement("tr");
      [d.decided_at, d.actor, d.action, d.option_id, d.frame_id, d.detail].forEach((v) => cell(row, v));
      db.appendChild(row);
    }
    const frames = (await (await api(`/api/runs/${run}/frames`)).json()).frames;
    const fb = $("frames").querySelector("tbody");
    fb.replaceChildren();
    for (const f of frames) {
      const row = document.createElement("tr");
      [f.frame_id, f.received_at, f.n_atoms, fmt(f.qc), fmt(f.er), paramsText(f.params)].forEach((v) => cell(row, v));
      const links = cell(row, "");
      if (f.method) {
        for (const ext of ["csv", "json"]) {
          const a = document.createElement("a");
          a.href = `/api/runs/${run}/frames/${encodeURIComponent(f.frame_id)}/detections.${ext}`;
          a.textContent = ext.toUpperCase();
          a.setAttribute("download", "");
          links.appendChild(a);
          links.appendChild(document.createTextNode(" "));
        }
      }
      fb.appendChild(row);
    }
  }

  // ---- start -------------------------------------------------------------------------------
  async function start() {
    const meResponse = await api("/api/me");
    ui.me = await meResponse.json();
    $("who").textContent = `${ui.me.user} (${ui.me.role})`;
    document.body.classList.add("role-" + ui.me.role);
    makeChart();
    for (const id of ["layer-log", "layer-unet", "layer-preview", "layer-explain", "layer-mask"]) {
      $(id).addEventListener("change", drawOverlay);
    }
    $("approve").addEventListener("click", approve);
    $("pause").addEventListener("click", () => control("pause"));
    $("resume").addEventListener("click", () => control("resume"));
    $("reoptimize").addEventListener("click", () => control("reoptimize"));
    $("mode-select").addEventListener("change", (e) => control("set-mode", {mode: e.target.value}));
    $("logout").addEventListener("click", async () => {
      await api("/api/logout", {method: "POST"});
      window.location.href = "/login.html";
    });
    for (const tab of document.querySelectorAll(".tab")) {
      tab.addEventListener("click", () => {
        document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t === tab));
        $("live").hidden = tab.dataset.tab !== "live";
        $("history").hidden = tab.dataset.tab !== "history";
        window.history.replaceState(null, "", tab.dataset.tab === "live" ? window.location.pathname : "#history");
        if (tab.dataset.tab === "history") {
          loadRuns();
        } else {
          ui.chart.resize();
        }
      });
    }
    if (window.location.hash === "#history") {
      document.querySelector('.tab[data-tab="history"]').click();
    }
    window.stemStream.open("/api/live", render, api, (text) => {
      $("stream-info").textContent = text;
      if (text) {
        $("agent-state").textContent = "reconnecting…";
      }
    });
  }

  start().catch((e) => { $("message").textContent = "Cannot start: " + e; });
})();
