// dateline figures view: pick a series (kind + who + where), see each source's figure over time with
// its interval, the low/best/high band across sources per month, disagreements marked, and who said
// what with the evidence. Drawn by hand in SVG; all data reaches the DOM as text nodes.
"use strict";

window.datelineFigures = function (h) {
  const { el, svg, append, clear, api, n, articleHref, sourceLink } = h;
  const W = 640, H = 280, PAD = { left: 58, right: 16, top: 14, bottom: 30 };
  const DAY = 86400000;
  const toTime = (iso) => Date.parse(iso + "T00:00:00Z");
  const QUAL = { exact: "", about: "about ", more_than: "more than ", at_least: "at least ", fewer_than: "fewer than ",
                 up_to: "up to ", range: "" };
  const PALETTE = ["#0f766e", "#6d28d9", "#b45309", "#1d4ed8", "#be185d", "#4d7c0f", "#0e7490", "#9a3412",
                   "#475569", "#7c3aed"];

  function subjectLabel(s) {
    const parts = [s.kind.replace(/_/g, " ")];
    if (s.noun) parts.push(s.noun);
    const about = [s.who, s.where].filter(Boolean).join(", ");
    return parts.join(" · ") + (about ? " — " + about : " — unspecified");
  }
  function subjectHash(s) {
    const q = new URLSearchParams({ kind: s.kind });
    for (const key of ["who", "where", "noun"]) if (s[key]) q.set(key, s[key]);
    return "#/figures?" + q.toString();
  }
  function said(p) {
    const num = (v) => v === null || v === undefined ? "?" : n(v);
    if (p.qualifier === "range" && p.low !== null && p.high !== null) return num(p.low) + "–" + num(p.high);
    return (QUAL[p.qualifier] || "") + num(p.value !== null ? p.value : p.point);
  }

  async function show(box, params) {
    const list = await api("/api/figures/series", { limit: 100, min_points: 2 });
    const wanted = params.get("kind") ? {
      kind: params.get("kind"), who: params.get("who"), where: params.get("where"), noun: params.get("noun") } : null;
    const chosen = wanted || list.series[0];
    append(box, el("div", { className: "list-head" },
      el("h2", {}, el("span", { id: "series-count" }, n(list.total)), " figure series"),
      el("span", { className: "muted" }, "subjects reported by several sources")));
    if (!chosen) {
      box.appendChild(el("p", { className: "empty" }, "No figure series yet: figures about one subject from two or more reports."));
      return;
    }
    const select = el("select", { id: "series-select", "aria-label": "Figure series" });
    for (const s of list.series) {
      const option = el("option", {}, subjectLabel(s) + "  (" + n(s.figures) + " figures, " + n(s.sources) + " sources)");
      option.value = subjectHash(s);
      select.appendChild(option);
    }
    const current = subjectHash(chosen);
    if (![...select.options].some((o) => o.value === current)) {
      const option = el("option", {}, subjectLabel(chosen));
      option.value = current;
      select.insertBefore(option, select.firstChild);
    }
    select.value = current;
    select.addEventListener("change", () => { location.hash = select.value; });
    box.appendChild(el("label", { className: "series-picker" }, el("span", { className: "muted" }, "Series "), select));
    const data = await api("/api/figures/series/detail", {
      kind: chosen.kind, who: chosen.who, where: chosen.where, noun: chosen.noun });
    drawSeries(box, data);
  }

  function drawSeries(box, data) {
    const points = data.points;
    const outlets = [...new Set(points.map((p) => p.outlet || "unknown outlet"))];
    const colour = (p) => PALETTE[outlets.indexOf(p.outlet || "unknown outlet") % PALETTE.length];
    const dis = data.disagreements.length;
    append(box,
      el("h1", { className: "entity-title series-title" }, subjectLabel(data.subject)),
      el("div", { className: "numbers" }, h.number(points.length, "figures"), h.number(data.sources, "sources"),
        h.number(data.estimates.length, "months"),
        el("div", { className: "number" + (dis ? " warn" : "") }, el("b", {}, n(dis)), el("span", {}, "disagreements"))));
    const chart = chartSvg(points, data, colour);
    box.appendChild(el("div", { className: "chart-box" }, chart));
    box.appendChild(el("div", { className: "legend chart-legend" },
      el("span", { className: "legend-item" }, el("span", { className: "swatch band-swatch" }), "low–high across sources (month)"),
      el("span", { className: "legend-item" }, el("span", { className: "swatch best-swatch" }), "best (median)"),
      el("span", { className: "legend-item" }, el("span", { className: "swatch bar-swatch" }), "what a figure allows (“about” ±10%, ranges, open bounds ↑)"),
      el("span", { className: "legend-item" }, el("span", { className: "swatch dis-swatch" }), "disagreement"),
      outlets.map((o) => el("span", { className: "legend-item" }, el("span", { className: "dot-swatch", "data-colour": "" }), o))));
    // colour the outlet dots (a style property, not parsed HTML)
    const dots = box.querySelectorAll(".chart-legend .dot-swatch");
    outlets.forEach((o, i) => { dots[i].style.background = PALETTE[i % PALETTE.length]; });
    box.appendChild(el("h3", {}, "Who said what"));
    const rows = el("ol", { className: "said", id: "series-said" });
    for (const p of points) rows.appendChild(saidRow(p, points, colour));
    box.appendChild(rows);
  }

  function saidRow(p, points, colour) {
    const sentence = p.sentence || "";
    const a = Math.max(0, p.mark_start), z = Math.min(sentence.length, p.mark_end);
    const evidence = a < z ? [sentence.slice(0, a), el("mark", { className: "fig" }, sentence.slice(a, z)), sentence.slice(z)] : [sentence];
    const row = el("li", { className: "said-row" + (p.disagrees_with.length ? " disagrees" : ""), id: "said-" + p.index,
                           "data-index": p.index },
      el("div", { className: "meta" },
        el("span", { className: "source-dot" }), el("span", { className: "date" }, p.as_of || "undated"),
        el("b", { className: "said-value" }, said(p)),
        el("span", { className: "outlet" }, p.outlet || "unknown outlet"),
        p.speaker ? el("span", {}, "per " + p.speaker) : null,
        p.disagrees_with.length ? el("span", { className: "badge-dis" }, "disagrees with " +
          p.disagrees_with.map((j) => (points[j].outlet || "?") + " (" + said(points[j]) + ")").join(", ")) : null),
      el("p", { className: "said-evidence" }, evidence),
      el("div", { className: "meta small" }, el("a", { href: articleHref(p.article_id) }, p.title || "Source article · " + (p.published || "undated")),
        " ", sourceLink(p.url)));
    row.querySelector(".source-dot").style.background = colour(p);
    return row;
  }

  function chartSvg(points, data, colour) {
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "series-chart", class: "series-chart", role: "img",
                               "aria-label": "Figures over time" });
    const dated = points.filter((p) => p.as_of);
    if (!dated.length) return chart;
    const months = data.estimates.filter((e) => e.month !== "undated");
    let t0 = Math.min(...dated.map((p) => toTime(p.as_of))), t1 = Math.max(...dated.map((p) => toTime(p.as_of)));
    for (const e of months) { t0 = Math.min(t0, toTime(e.month + "-01")); t1 = Math.max(t1, monthEnd(e.month)); }
    const span = Math.max(t1 - t0, 20 * DAY);
    t0 -= span * 0.04; t1 += span * 0.04;
    const values = [];
    for (const p of dated) for (const v of [p.point, p.lower, p.upper]) if (v !== null && v !== undefined && v > 0) values.push(v);
    for (const e of months) for (const v of [e.low, e.high]) if (v !== null && v > 0) values.push(v);
    let lo = Math.min(...values), hi = Math.max(...values);
    const logScale = lo > 0 && hi / lo > 60;
    if (!logScale) { lo = 0; hi = hi * 1.12 || 1; } else { lo = lo / 1.6; hi = hi * 1.6; }
    const x = (t) => PAD.left + (t - t0) / (t1 - t0) * (W - PAD.left - PAD.right);
    const y = (v) => {
      const f = logScale ? (Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
      return H - PAD.bottom - Math.min(1, Math.max(0, f)) * (H - PAD.top - PAD.bottom);
    };
    // grid and axes
    for (const v of yTicks(lo, hi, logScale)) {
      chart.appendChild(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "grid" }));
      chart.appendChild(text(PAD.left - 6, y(v) + 3, short(v), "axis", "end"));
    }
    chart.appendChild(svg("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "baseline" }));
    for (const tick of monthTicks(t0, t1)) {
      chart.appendChild(svg("line", { x1: x(tick.t), x2: x(tick.t), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: "baseline" }));
      chart.appendChild(text(x(tick.t), H - 10, tick.label, "axis", "middle"));
    }
    if (logScale) chart.appendChild(text(PAD.left + 4, PAD.top + 8, "log scale", "axis", "start"));
    // low-high band and best line per month
    const best = [];
    for (const e of months) {
      const a = x(toTime(e.month + "-01")), z = x(monthEnd(e.month));
      if (e.low !== null && e.high !== null) {
        const band = svg("rect", { x: a, width: Math.max(2, z - a), y: y(e.high), height: Math.max(1.5, y(e.low) - y(e.high)), class: "band" });
        band.appendChild(title(e.month + ": low " + n(e.low) + ", best " + n(e.best) + ", high " + n(e.high) + " (" + e.sources + " sources)"));
        chart.appendChild(band);
      }
      if (e.best !== null) best.push([(a + z) / 2, y(e.best)]);
    }
    if (best.length) chart.appendChild(svg("polyline", { points: best.map((p) => p.join(",")).join(" "), class: "best" }));
    // disagreements: a dashed line between the two figures
    const at = (p) => [x(toTime(p.as_of)) + jitter(p), y(p.point)];
    for (const d of data.disagreements) {
      const a = points[d.a], b = points[d.b];
      if (!a.as_of || !b.as_of || a.point === null || b.point === null) continue;
      const [ax, ay] = at(a), [bx, by] = at(b);
      const line = svg("line", { x1: ax, y1: ay, x2: bx, y2: by, class: "dis-line" });
      line.appendChild(title("Disagreement in " + d.month + ": " + (a.outlet || "?") + " " + said(a) + " vs " + (b.outlet || "?") + " " + said(b)));
      chart.appendChild(line);
    }
    // each source's figure: its interval as an error bar, its value as a dot
    for (const p of dated) {
      if (p.point === null) continue;
      const [px, py] = at(p);
      const top = p.upper !== null ? y(p.upper) : PAD.top, bottom = p.lower !== null ? y(p.lower) : H - PAD.bottom;
      const g = svg("g", { class: "figure-mark" + (p.disagrees_with.length ? " disagrees" : ""), "data-index": p.index });
      if (Math.abs(bottom - top) > 1) {
        g.appendChild(svg("line", { x1: px, x2: px, y1: top, y2: bottom, class: "errbar", stroke: colour(p) }));
        if (p.upper !== null) g.appendChild(svg("line", { x1: px - 4, x2: px + 4, y1: top, y2: top, class: "errbar", stroke: colour(p) }));
        else g.appendChild(svg("path", { d: `M${px - 4},${top + 6} L${px},${top} L${px + 4},${top + 6}`, class: "errbar open", stroke: colour(p) }));
        if (p.lower !== null) g.appendChild(svg("line", { x1: px - 4, x2: px + 4, y1: bottom, y2: bottom, class: "errbar", stroke: colour(p) }));
      }
      if (p.disagrees_with.length) g.appendChild(svg("circle", { cx: px, cy: py, r: 9, class: "dis-ring" }));
      g.appendChild(svg("circle", { cx: px, cy: py, r: 5, class: "point", fill: colour(p) }));
      g.appendChild(title((p.as_of || "") + " · " + (p.outlet || "?") + ": " + said(p) + (p.text ? " (“" + p.text + "”)" : "") +
        (p.disagrees_with.length ? " · disagrees with another source" : "")));
      g.addEventListener("click", () => {
        const row = document.getElementById("said-" + p.index);
        if (!row) return;
        for (const other of document.querySelectorAll(".said-row.focus")) other.classList.remove("focus");
        row.classList.add("focus");
        row.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
      chart.appendChild(g);
    }
    return chart;

    // figures on the same day spread sideways a little so none hides another
    function jitter(p) {
      const same = dated.filter((q) => q.as_of === p.as_of);
      if (same.length < 2) return 0;
      return (same.indexOf(p) - (same.length - 1) / 2) * 7;
    }
  }

  function title(textValue) { const t = svg("title"); t.textContent = textValue; return t; }
  function text(xPos, yPos, value, cls, anchor) {
    const t = svg("text", { x: xPos, y: yPos, class: cls, "text-anchor": anchor });
    t.textContent = value;
    return t;
  }
  function monthEnd(month) {
    const [yy, mm] = month.split("-").map(Number);
    return Date.UTC(yy, mm, 1);
  }
  function short(v) {
    if (v >= 1e6) return (v / 1e6).toFixed(v >= 1e7 ? 0 : 1).replace(/\.0$/, "") + "M";
    if (v >= 1e3) return (v / 1e3).toFixed(v >= 1e4 ? 0 : 1).replace(/\.0$/, "") + "k";
    return String(Math.round(v * 10) / 10);
  }
  function yTicks(lo, hi, logScale) {
    if (logScale) {
      const out = [];
      for (let p = Math.ceil(Math.log10(lo)); p <= Math.floor(Math.log10(hi)); p++) out.push(10 ** p);
      return out;
    }
    const raw = (hi - lo) / 4, mag = 10 ** Math.floor(Math.log10(raw || 1));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
    const out = [];
    for (let v = 0; v <= hi; v += step) out.push(v);
    return out;
  }
  function monthTicks(t0, t1) {
    const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const months = (t1 - t0) / (30 * DAY), step = months <= 8 ? 1 : months <= 24 ? 3 : months <= 72 ? 12 : 60;
    const out = [], d = new Date(t0);
    let cursor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    while (cursor < t1 && out.length < 30) {
      const c = new Date(cursor), m = c.getUTCMonth();
      if (step < 12 ? m % step === 0 : m === 0)
        out.push({ t: cursor, label: m === 0 || out.length === 0 ? names[m] + " " + c.getUTCFullYear() : names[m] });
      cursor = Date.UTC(c.getUTCFullYear(), m + 1, 1);
    }
    return out;
  }

  return { show, subjectLabel, subjectHash, said };
};
