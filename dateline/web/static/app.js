// dateline analyst page: map of places, timeline brushing, article list, article/actor/place views.
// Every piece of stored data reaches the page through text nodes or a checked attribute, never
// through HTML parsing. Nothing is fetched from anywhere but this server.
"use strict";

(function () {
  const state = { since: null, until: null, actor: null, actorName: null, place: null, placeName: null,
                  search: null, offset: 0, limit: 50, eventType: null, eventOffset: 0, storyOffset: 0 };
  const KINDS = [
    ["place", "Places", "place_mentions"],
    ["actor", "Actors", "actor_mentions"],
    ["time", "Times", "time_mentions"],
    ["entity", "Entities", "entities"],
  ];
  let eventLayer = null, eventMapRequest = 0, eventTypes = null, eventCount = null, placeLegend = "";
  let countriesGeo = null;
  let map = null, placeLayer = null, focusLayer = null, fitted = false, hist = null, histRequest = 0, listRequest = 0, mapRequest = 0;

  // ---- DOM helpers -------------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "href") node.setAttribute("href", safeHref(value));
      else if (key === "title") node.title = String(value);
      else if (key === "id") node.id = String(value);
      else if (key === "onclick") node.addEventListener("click", value);
      else if (key.startsWith("data-") || key === "role" || key === "type" || key.startsWith("aria-"))
        node.setAttribute(key, String(value));
      else throw new Error("el(): unsupported property " + key);
    }
    append(node, ...children);
    return node;
  }
  function append(node, ...children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }
  // Links from the page: our own hash routes, or http(s) URLs of sources; anything else is dropped.
  function safeHref(value) {
    const text = String(value);
    if (text.startsWith("#/")) return text;
    try {
      const url = new URL(text);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch (e) { /* not a URL */ }
    return "#/";
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat("en");
  const n = (value) => fmt.format(value || 0);

  async function api(path, params) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {}))
      if (value !== null && value !== undefined && value !== "") query.set(key, value);
    const url = path + (query.toString() ? "?" + query : "");
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail; } catch (e) { /* keep status text */ }
      throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
    }
    return response.json();
  }
  const enc = encodeURIComponent;
  const articleHref = (id) => "#/article/" + enc(id);
  const actorHref = (id) => "#/actor/" + enc(id);
  const placeHref = (id) => "#/place/" + enc(id);
  function articleHeadline(a) {
    if (a.title) return a.title;
    const first = (a.snippet || "").split(/(?<=[.!?])\s/)[0];
    return first.length > 140 ? first.slice(0, 137) + "…" : first || a.id;
  }
  function filterParams(extra) {
    return Object.assign({ since: state.since, until: state.until, actor: state.actor,
                           place: state.place, search: state.search }, extra || {});
  }

  // ---- header --------------------------------------------------------------------------------
  async function loadStats() {
    const s = await api("/api/stats");
    const range = s.first_date ? s.first_date + " – " + s.last_date : "no dates";
    append(clear($("stats")),
      el("span", {}, el("b", {}, n(s.articles)), " articles"),
      el("span", {}, el("b", {}, n(s.outlets)), " outlets"),
      el("span", {}, el("b", {}, n(s.places)), " places"),
      el("span", {}, el("b", {}, n(s.actors)), " actors"),
      el("span", { className: "range" }, range));
  }

  // ---- map -----------------------------------------------------------------------------------
  async function initMap() {
    map = L.map("map", { worldCopyJump: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.5,
                         attributionControl: true, preferCanvas: false })
      .setView([30, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: Natural Earth");
    map.setMaxBounds([[-85, -220], [85, 220]]);
    const topo = await (await fetch("/static/vendor/world-atlas/countries-110m.json")).json();
    const countries = topojson.feature(topo, topo.objects.countries);
    countriesGeo = countries;
    countries.features = countries.features.filter((f) => f.properties.a3 !== "ATA");
    countries.features.forEach((f) => unwrapAntimeridian(f.geometry));
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#aab3bd", weight: 0.6, fillColor: "#eef0f2", fillOpacity: 1 },
    }).addTo(map);
    // Events and the focused places get panes above the place markers, whatever order they load in.
    map.createPane("events", map.getPane("overlayPane")).style.zIndex = 410;
    map.createPane("focus", map.getPane("overlayPane")).style.zIndex = 420;
    placeLayer = L.layerGroup().addTo(map);
    eventLayer = L.layerGroup().addTo(map);
    focusLayer = L.layerGroup().addTo(map);
    if (pendingFocus) focusPlaces(...pendingFocus);
  }

  // Places of the article or the place page in view, drawn over the others in orange.
  let pendingFocus = null;
  function focusPlaces(places, fly) {
    if (!focusLayer) { pendingFocus = [places, fly]; return; }  // the basemap is still loading
    focusLayer.clearLayers();
    const points = places.filter((p) => p.lat !== null && p.lon !== null);
    for (const p of points)
      L.circleMarker([p.lat, p.lon], { radius: 7, color: "#9a3412", weight: 2, fillColor: "#f97316",
                                       fillOpacity: 0.85, interactive: false, pane: "focus" }).addTo(focusLayer);
    if (fly && points.length === 1) map.flyTo([points[0].lat, points[0].lon], Math.max(map.getZoom(), 5), { duration: 0.6 });
    else if (fly && points.length) map.flyToBounds(points.map((p) => [p.lat, p.lon]), { padding: [60, 60], maxZoom: 6, duration: 0.6 });
  }

  // Rings that cross the antimeridian (Russia, Fiji) would streak across a Mercator map: move
  // their western points east by 360 degrees so each ring is drawn in one piece.
  function unwrapAntimeridian(geometry) {
    if (!geometry) return;
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) {
      let crosses = false;
      for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) crosses = true;
      if (crosses) for (const point of ring) if (point[0] < 0) point[0] += 360;
    }
  }

  // Up to a few hundred markers are SVG paths (crisp, styleable); more are drawn on a canvas, which
  // keeps a store with 100,000 events responsive (thousands of SVG nodes stall the first paint).
  const CANVAS_FROM = 300, canvases = {};
  function rendererFor(count, pane) {
    if (count < CANVAS_FROM) return undefined;
    if (!canvases[pane]) canvases[pane] = L.canvas({ pane, padding: 0.3 });
    return canvases[pane];
  }

  async function loadPlaces() {
    if (!map) return;
    const ticket = ++mapRequest;
    const data = await api("/api/places", filterParams({ place: null, limit: 1000 }));
    if (ticket !== mapRequest) return;
    placeLayer.clearLayers();
    const max = Math.max(1, ...data.places.map((p) => p.articles));
    const renderer = rendererFor(data.places.length, "overlayPane");
    for (const p of data.places) {
      if (p.lat === null || p.lon === null) continue;
      const selected = state.place === p.geonameid;
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: 3 + 13 * Math.sqrt(p.articles / max),
        color: selected ? "#9a3412" : "#0f5f59", weight: selected ? 2.5 : 1,
        fillColor: selected ? "#f97316" : "#14b8a6", fillOpacity: 0.55,
        className: "place-marker", renderer,
      });
      marker.bindTooltip(() => el("div", { className: "map-tip" },
        el("b", {}, p.name || "?"), el("br"),
        [p.admin1, p.country].filter(Boolean).join(", "), el("br"),
        n(p.articles) + " articles · " + n(p.mentions) + " mentions"), { direction: "top", offset: [0, -4] });
      marker.on("click", () => setPlaceFilter(p.geonameid, p.name));
      marker.addTo(placeLayer);
    }
    if (!fitted && data.places.length && !["article", "place", "event"].includes(route().name)) {
      fitted = true;
      // Frame where the reporting is: the most-cited places below country level (a country's
      // centroid, or one story about Washington, would zoom the map out to the whole world).
      const local = data.places.filter((p) => p.lat !== null && !String(p.feature_code || "").startsWith("PCL"));
      const floor = local.length ? local[0].articles * 0.2 : 0;
      let top = local.filter((p) => p.articles >= floor).slice(0, 30);
      // ... around the weighted median of those places: outliers far from it are left out of the frame
      const median = (key) => {
        const sorted = top.map((p) => [p[key], p.articles]).sort((a, b) => a[0] - b[0]);
        let half = sorted.reduce((sum, x) => sum + x[1], 0) / 2;
        for (const [v, w] of sorted) { half -= w; if (half <= 0) return v; }
        return sorted.length ? sorted[sorted.length - 1][0] : 0;
      };
      const lat0 = median("lat"), lon0 = median("lon");
      top = top.filter((p) => Math.abs(p.lat - lat0) <= 18 && Math.abs(p.lon - lon0) <= 25);
      if (top.length < 2) top = data.places.slice(0, 50).filter((p) => p.lat !== null);
      map.fitBounds(top.map((p) => [p.lat, p.lon]), { padding: [40, 40], maxZoom: 5 });
    }
    const shown = data.places.length;
    placeLegend = shown < data.total ? `top ${n(shown)} of ${n(data.total)} places` : `${n(data.total)} places`;
    drawLegend();
  }
  function drawLegend() {
    append(clear($("map-legend")), el("span", { className: "dot" }), placeLegend,
      eventCount !== null ? el("span", { className: "dot event-dot" }) : null,
      eventCount !== null ? `${n(eventCount)} event locations` : null,
      state.since || state.until ? " in the selected period" : "");
  }

  // ---- timeline with brush -------------------------------------------------------------------
  const DAY = 86400000;
  const toTime = (iso) => Date.parse(iso + "T00:00:00Z");
  const toIso = (t) => new Date(t).toISOString().slice(0, 10);

  // The timeline counts events on the event views and articles elsewhere; each follows its filters.
  const histSource = () => ["events", "event"].includes(route().name) ? "events" : "articles";
  let histShown = null;
  async function loadHistogram() {
    const ticket = ++histRequest, source = histSource();
    const data = source === "events"
      ? await api("/api/events/histogram", eventParams({ since: null, until: null }))
      : await api("/api/articles/histogram", filterParams({ since: null, until: null }));
    if (ticket !== histRequest) return;
    hist = data;
    hist.unit = source;
    histShown = source;
    $("timeline-hint").textContent = "drag to select a period" +
      (data.outside ? " · " + n(data.outside) + " events dated before or after the articles' period not drawn" : "");
    $("timeline-title").textContent = source === "events" ? "Events over time" : "Articles over time";
    $("timeline").classList.toggle("of-events", source === "events");
    $("timeline").setAttribute("aria-label", (source === "events" ? "Events" : "Articles") + " per " + (data.bucket || "day"));
    drawHistogram();
  }

  function drawHistogram() {
    const box = $("timeline");
    clear(box);
    if (!hist || !hist.bins.length) return;
    const width = box.clientWidth || 600, height = box.clientHeight || 120;
    const pad = { left: 34, right: 10, top: 8, bottom: 22 };
    box.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const start = toTime(hist.first), end = toTime(hist.bins[hist.bins.length - 1].end) + DAY;
    const x = (t) => pad.left + (t - start) / Math.max(DAY, end - start) * (width - pad.left - pad.right);
    const max = Math.max(...hist.bins.map((b) => b.count));
    const y = (v) => height - pad.bottom - v / max * (height - pad.top - pad.bottom);
    const base = height - pad.bottom;
    for (const frac of [0.5, 1]) {
      const v = Math.round(max * frac);
      box.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: "grid" }));
      const label = svg("text", { x: pad.left - 6, y: y(v) + 3, class: "axis", "text-anchor": "end" });
      label.textContent = String(v);
      box.appendChild(label);
    }
    const lo = state.since ? toTime(state.since) : null, hi = state.until ? toTime(state.until) + DAY : null;
    for (const b of hist.bins) {
      const t0 = toTime(b.start), t1 = toTime(b.end) + DAY;
      const inside = (lo === null || t1 > lo) && (hi === null || t0 < hi);
      const w = Math.max(1.5, x(t1) - x(t0) - 1);
      const rect = svg("rect", { x: x(t0), y: y(b.count), width: w, height: base - y(b.count),
                                 class: inside ? "bar" : "bar out" });
      const tip = svg("title");
      tip.textContent = (b.start === b.end ? b.start : b.start + " – " + b.end) + ": " + n(b.count) + " " + (hist.unit || "articles");
      rect.appendChild(tip);
      box.appendChild(rect);
    }
    box.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: base, y2: base, class: "baseline" }));
    for (const tick of ticks(start, end)) {
      const label = svg("text", { x: x(tick.t), y: height - 6, class: "axis", "text-anchor": "middle" });
      label.textContent = tick.label;
      box.appendChild(label);
      box.appendChild(svg("line", { x1: x(tick.t), x2: x(tick.t), y1: base, y2: base + 4, class: "baseline" }));
    }
    if (lo !== null || hi !== null) {
      const a = x(lo === null ? start : Math.max(lo, start)), z = x(hi === null ? end : Math.min(hi, end));
      box.appendChild(svg("rect", { x: a, y: pad.top - 4, width: Math.max(2, z - a),
                                    height: base - pad.top + 4, class: "brush" }));
    }
    hist.scale = { x, start, end, pad, width };
  }

  function ticks(start, end) {
    const out = [], months = (end - start) / (30 * DAY);
    const step = months <= 8 ? 1 : months <= 24 ? 3 : months <= 72 ? 12 : 60;
    const d = new Date(start);
    let cursor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    while (cursor < end && out.length < 40) {
      const c = new Date(cursor), m = c.getUTCMonth();
      if (step < 12 ? m % step === 0 : m === 0 && c.getUTCFullYear() % (step / 12) === 0)
        out.push({ t: cursor, label: m === 0 ? String(c.getUTCFullYear()) : names[m] });
      cursor = Date.UTC(c.getUTCFullYear(), m + 1, 1);
    }
    return out;
  }

  function initBrush() {
    const box = $("timeline");
    let from = null, band = null;
    const timeAt = (event) => {
      const r = box.getBoundingClientRect(), s = hist.scale;
      const px = (event.clientX - r.left) * (s.width / r.width);
      const frac = (px - s.pad.left) / (s.width - s.pad.left - s.pad.right);
      return s.start + Math.min(1, Math.max(0, frac)) * (s.end - s.start);
    };
    box.addEventListener("pointerdown", (event) => {
      if (!hist || !hist.scale) return;
      from = timeAt(event);
      box.setPointerCapture(event.pointerId);
      band = svg("rect", { class: "brush", y: 4, height: box.clientHeight - 26, x: hist.scale.x(from), width: 0 });
      box.appendChild(band);
    });
    box.addEventListener("pointermove", (event) => {
      if (from === null) return;
      const to = timeAt(event), a = hist.scale.x(Math.min(from, to)), z = hist.scale.x(Math.max(from, to));
      band.setAttribute("x", a);
      band.setAttribute("width", Math.max(1, z - a));
    });
    box.addEventListener("pointerup", (event) => {
      if (from === null) return;
      const to = timeAt(event), a = Math.min(from, to), z = Math.max(from, to);
      from = null;
      if (z - a < DAY * 0.5 || Math.abs(hist.scale.x(z) - hist.scale.x(a)) < 3) setPeriod(null, null);
      else setPeriod(toIso(a), toIso(z - 1));
    });
  }

  // ---- filters ---------------------------------------------------------------------------------
  function setPeriod(since, until) {
    state.since = since; state.until = until; state.offset = 0;
    refresh({ histogram: false });
  }
  const listHash = () => route().name === "events" ? "#/events" : "#/";
  function setPlaceFilter(id, name) {
    state.place = id; state.placeName = name; state.offset = 0;
    go(listHash());
    refresh({ histogram: true });
  }
  function setActorFilter(id, name) {
    state.actor = id; state.actorName = name; state.offset = 0;
    go(listHash());
    refresh({ histogram: true });
  }
  function refresh(opts) {
    if (opts.histogram) loadHistogram().catch(showError);
    else drawHistogram();
    state.eventOffset = 0; state.storyOffset = 0;
    loadPlaces().catch(showError);
    loadEventPoints().catch(showError);
    drawFilters();
    const name = route().name;
    if (name === "list") showList().catch(showError);
    else if (name === "events") showEvents().catch(showError);
    else if (name === "stories") showStories().catch(showError);
  }
  function drawFilters() {
    const box = clear($("filters"));
    const chip = (label, value, onRemove) => el("span", { className: "chip" },
      el("span", { className: "chip-label" }, label), " ", value,
      el("button", { type: "button", className: "chip-x", title: "Remove filter", "aria-label": "Remove filter",
                     onclick: onRemove }, "×"));
    if (state.since || state.until)
      box.appendChild(chip("Period", (state.since || "…") + " – " + (state.until || "…"), () => setPeriod(null, null)));
    if (state.place !== null)
      box.appendChild(chip("Place", state.placeName || String(state.place), () => {
        state.place = null; state.offset = 0; refresh({ histogram: true }); }));
    if (state.actor)
      box.appendChild(chip("Actor", state.actorName || state.actor, () => {
        state.actor = null; state.offset = 0; refresh({ histogram: true }); }));
    if (state.eventType)
      box.appendChild(chip("Event type", state.eventType, () => {
        state.eventType = null; refresh({ histogram: true }); }));
    if (state.search)
      box.appendChild(chip("Text", state.search, () => {
        state.search = null; state.offset = 0; refresh({ histogram: true }); }));
    box.hidden = !box.firstChild;
  }

  // ---- views -----------------------------------------------------------------------------------
  function route() {
    const full = location.hash.replace(/^#\/?/, "");
    const cut = full.indexOf("?");
    const hash = cut >= 0 ? full.slice(0, cut) : full;
    const params = new URLSearchParams(cut >= 0 ? full.slice(cut + 1) : "");
    const [name, ...rest] = hash.split("/");
    if (name === "figures") return { name: "figures", params };
    const arg = rest.length ? decodeURIComponent(rest.join("/")) : null;
    if (name === "article" && arg) return { name: "article", arg };
    if (name === "actor" && arg) return { name: "actor", arg };
    if (name === "place" && arg) return { name: "place", arg };
    if (name === "search" && arg) return { name: "search", arg };
    if (name === "events") return { name: "events" };
    if (name === "event" && rest.length === 2) return { name: "event", arg: decodeURIComponent(rest[0]), start: decodeURIComponent(rest[1]) };
    if (name === "stories") return { name: "stories" };
    if (name === "story" && arg) return { name: "story", arg };
    return { name: "list" };
  }
  function go(hash) { if (location.hash !== hash) location.hash = hash; }
  function view() { return clear($("view")); }
  function showError(error) {
    append(view(), el("div", { className: "error" }, "Could not load: " + (error && error.message || error)));
  }

  function articleRow(a) {
    return el("li", { className: "article-row" },
      el("div", { className: "meta" }, el("span", { className: "date" }, a.published || "undated"),
        a.outlet ? el("span", { className: "outlet" }, a.outlet) : null),
      el("a", { className: "headline", href: articleHref(a.id) }, articleHeadline(a)),
      el("p", { className: "snippet" }, a.snippet || ""));
  }

  async function showList() {
    const ticket = ++listRequest;
    const data = await api("/api/articles", filterParams({ limit: state.limit, offset: state.offset }));
    if (ticket !== listRequest || route().name !== "list") return;
    const box = view();
    const last = data.offset + data.articles.length;
    append(box, el("div", { className: "list-head" },
      el("h2", {}, el("span", { id: "article-count" }, n(data.total)), " articles"),
      el("span", { className: "muted" }, data.total ? `${n(data.offset + 1)}–${n(last)}, newest first` : ""),
      el("a", { className: "csv", href: "#/", title: "Download these articles as CSV",
                onclick: (e) => { e.preventDefault(); downloadCsv(); } }, "CSV")));
    if (!data.articles.length) box.appendChild(el("p", { className: "empty" }, "No articles match these filters."));
    append(box, el("ol", { className: "articles", id: "article-list" }, data.articles.map(articleRow)));
    box.appendChild(pager(data, (offset) => { state.offset = offset; showList().catch(showError); }));
  }
  function downloadCsv() {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filterParams({ format: "csv", limit: 1000 }))) if (v !== null) query.set(k, v);
    location.href = "/api/articles?" + query;
  }
  function pager(data, onPage) {
    const limit = data.limit, box = el("div", { className: "pager" });
    const prev = el("button", { type: "button", onclick: () => onPage(Math.max(0, data.offset - limit)) }, "← Newer");
    const next = el("button", { type: "button", onclick: () => onPage(data.next_offset) }, "Older →");
    prev.disabled = data.offset === 0;
    next.disabled = data.next_offset === null;
    return append(box, prev, next);
  }

  // Article view: the text with every finding highlighted; hover shows what it resolved to.
  async function showArticle(id) {
    const data = await api("/api/articles/" + enc(id));
    const a = data.article, f = data.findings, box = view();
    const spans = collectSpans(f);
    focusPlaces(aggregate((f.place_mentions || []).filter((p) => p.geonameid !== null), (p) => p.geonameid)
      .map(([, list]) => list[0]), true);
    const counts = {};
    for (const [kind, , table] of KINDS) counts[kind] = (f[table] || []).length;
    append(box,
      el("a", { className: "back", href: "#/" }, "← Articles"),
      el("h1", { className: "article-title" }, a.title || articleHeadline({ snippet: a.text, id: a.id })),
      el("div", { className: "meta article-meta" },
        el("span", { className: "date" }, a.published || "undated"),
        a.outlet ? el("span", { className: "outlet" }, a.outlet) : null,
        a.author ? el("span", {}, a.author) : null,
        sourceLink(a.url),
        el("span", { className: "muted mono", title: "article id" }, a.id)),
      legend(counts),
      el("div", { className: "article-text", id: "article-text" }, highlight(a.text || "", spans)),
      findingsPanel(f),
      el("p", { className: "muted small" }, "Origin: ", (a.origin_path || "?") + (a.origin_line ? ":" + a.origin_line : ""),
        data.analysis ? " · analysed with " + data.analysis.pipeline_version : " · not analysed yet"));
    $("side").scrollTop = 0;
  }
  function sourceLink(url) {
    if (!url) return null;
    const href = safeHref(url);
    if (href === "#/") return el("span", { className: "muted", title: "not an http(s) link" }, url);
    const link = el("a", { href: url, className: "source" }, "source ↗");
    link.target = "_blank";
    link.rel = "noopener noreferrer nofollow";
    return link;
  }
  function legend(counts) {
    const box = el("div", { className: "legend" });
    for (const [kind, label] of KINDS) {
      const input = el("input", { type: "checkbox" });
      input.checked = true;
      input.addEventListener("change", () => $("article-text").classList.toggle("hide-" + kind, !input.checked));
      box.appendChild(el("label", { className: "legend-item k-" + kind }, input,
        el("span", { className: "swatch" }), label + " ", el("span", { className: "muted" }, n(counts[kind]))));
    }
    return box;
  }

  function collectSpans(f) {
    const spans = [];
    for (const p of f.place_mentions || [])
      spans.push({ kind: "place", start: p.start, end: p.end, item: p,
        lines: ["Place: " + (p.name || p.text), p.geonameid !== null ? "GeoNames " + p.geonameid : "unresolved",
                [p.admin1, p.country].filter(Boolean).join(", "),
                p.lat !== null ? p.lat.toFixed(3) + ", " + p.lon.toFixed(3) : null, how(p)] });
    for (const m of f.actor_mentions || [])
      spans.push({ kind: "actor", start: m.start, end: m.end, item: m,
        lines: ["Actor: " + (m.name || m.text), m.actor_id, [m.kind, m.code, m.sector].filter(Boolean).join(" · "), how(m)] });
    for (const t of f.time_mentions || [])
      spans.push({ kind: "time", start: t.start, end: t.end, item: t,
        lines: ["Time: " + t.text, "TIMEX3 " + (t.type || "") + " " + (t.value || "?"),
                t.interval_start ? t.interval_start + " – " + t.interval_end : null, how(t)] });
    for (const e of f.entities || [])
      spans.push({ kind: "entity", start: e.start, end: e.end, item: e, lines: ["Entity: " + e.text, e.label, how(e)] });
    return spans;
  }
  function how(item) {
    const parts = [];
    if (item.how) parts.push("via " + item.how);
    if (item.confidence !== null && item.confidence !== undefined) parts.push("confidence " + item.confidence.toFixed(2));
    return parts.join(", ") || null;
  }
  // Choose non-overlapping marks (places, then actors, times, entities; longer first); findings
  // that overlap a chosen mark are listed in its hover card, so nothing found is hidden.
  function highlight(text, spans) {
    const order = { place: 0, actor: 1, time: 2, entity: 3 };
    const sorted = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start)
      .sort((a, b) => order[a.kind] - order[b.kind] || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
    const chosen = [];
    for (const s of sorted) {
      const host = chosen.find((c) => s.start < c.end && c.start < s.end);
      if (host) host.also.push(s);
      else chosen.push(Object.assign({ also: [] }, s));
    }
    chosen.sort((a, b) => a.start - b.start);
    const out = [];
    let at = 0;
    for (const s of chosen) {
      if (s.start > at) out.push(document.createTextNode(text.slice(at, s.start)));
      const mark = el("mark", { className: "f f-" + s.kind + s.also.map((o) => " also-" + o.kind).join(""),
                                "data-kind": s.kind }, text.slice(s.start, s.end));
      mark.tipLines = [s, ...s.also].map((x) => x.lines.filter(Boolean));
      const target = s.kind === "place" && s.item.geonameid !== null ? placeHref(s.item.geonameid)
        : s.kind === "actor" && s.item.actor_id ? actorHref(s.item.actor_id) : null;
      if (target) { mark.dataset.href = target; mark.classList.add("linked"); }
      out.push(mark);
      at = s.end;
    }
    if (at < text.length) out.push(document.createTextNode(text.slice(at)));
    return out;
  }

  function findingsPanel(f) {
    const group = (title, kind, items) => items.length ? el("section", { className: "findings k-" + kind },
      el("h3", {}, title), el("ul", {}, items)) : null;
    const places = aggregate(f.place_mentions || [], (p) => p.geonameid ?? "?" + p.text).map(([k, list]) => {
      const p = list[0];
      return el("li", {}, p.geonameid !== null ? el("a", { href: placeHref(p.geonameid) }, p.name || p.text) : el("span", {}, p.text),
        el("span", { className: "muted" }, " " + [p.country, p.geonameid !== null ? "#" + p.geonameid : "unresolved"].filter(Boolean).join(" · ")),
        list.length > 1 ? el("span", { className: "count" }, "×" + list.length) : null);
    });
    const actors = aggregate(f.actor_mentions || [], (m) => m.actor_id || "?" + m.text).map(([k, list]) => {
      const m = list[0];
      return el("li", {}, m.actor_id ? el("a", { href: actorHref(m.actor_id) }, m.name || m.text) : el("span", {}, m.text),
        el("span", { className: "muted" }, " " + (m.actor_id || "")), list.length > 1 ? el("span", { className: "count" }, "×" + list.length) : null);
    });
    const times = (f.time_mentions || []).map((t) => el("li", {}, el("span", {}, t.text),
      el("span", { className: "muted mono" }, " → " + (t.value || "?"))));
    const entities = aggregate(f.entities || [], (e) => e.label + "\u0000" + e.text).map(([k, list]) =>
      el("li", {}, el("span", { className: "label" }, list[0].label), " " + list[0].text,
        list.length > 1 ? el("span", { className: "count" }, "×" + list.length) : null));
    return el("div", { className: "findings-grid" }, group("Places", "place", places), group("Actors", "actor", actors),
      group("Times", "time", times), group("Entities", "entity", entities));
  }
  function aggregate(items, key) {
    const groups = new Map();
    for (const item of items) {
      const k = key(item);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(item);
    }
    return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  }

  // Actor and place pages share a layout: header, numbers, a mentions-per-day chart, articles.
  // An actor's or a place's events: the latest ten, and how many there are per day/week/month.
  function entityEvents(params) {
    return Promise.all([api("/api/events", Object.assign({ limit: 10 }, params)),
                        api("/api/events/histogram", params)]);
  }
  async function showActor(id) {
    const [data, [events, eventHist]] = await Promise.all([api("/api/actors/" + enc(id), { limit: 50 }),
                                                           entityEvents({ actor: id })]);
    const a = data.actor;
    entityPage({ events, eventHist, allEvents: () => { state.actor = a.id; state.actorName = a.name; state.eventOffset = 0;
                                                         go("#/events"); refresh({ histogram: true }); },
      back: "← Articles", kindLabel: "Actor", title: a.name || a.id,
      facts: [a.kind, a.code, a.country, a.sector].filter(Boolean), id: a.id, summary: a,
      timeline: data.timeline, names: a.names,
      related: data.co_mentioned.map((o) => el("li", {}, el("a", { href: actorHref(o.id) }, o.name || o.id),
        el("span", { className: "count" }, n(o.articles)))),
      relatedTitle: "Named in the same articles",
      filter: () => setActorFilter(a.id, a.name), filterLabel: "Filter map and timeline by this actor",
      articles: data.articles, total: data.total_articles,
    });
  }
  async function showPlace(id) {
    const [data, [events, eventHist]] = await Promise.all([api("/api/places/" + enc(id), { limit: 50 }),
                                                           entityEvents({ place: id })]);
    const p = data.place;
    entityPage({ events, eventHist, miniMap: p, allEvents: () => { state.place = p.geonameid; state.placeName = p.name;
                                                                   state.eventOffset = 0; go("#/events"); refresh({ histogram: true }); },
      back: "← Articles", kindLabel: "Place", title: p.name || String(p.geonameid),
      facts: [p.admin1, p.country, p.feature_code, p.lat !== null ? p.lat.toFixed(3) + ", " + p.lon.toFixed(3) : null,
              p.population ? "pop. " + n(p.population) : null].filter(Boolean),
      id: "GeoNames " + p.geonameid, summary: p, timeline: data.timeline, names: p.names,
      related: data.actors.map((o) => el("li", {}, el("a", { href: actorHref(o.id) }, o.name || o.id),
        el("span", { className: "count" }, n(o.articles)))),
      relatedTitle: "Actors in articles about this place",
      filter: () => setPlaceFilter(p.geonameid, p.name), filterLabel: "Filter map and timeline by this place",
      articles: data.articles, total: data.total_articles,
    });
    focusPlaces([p], true);
  }
  function entityPage(o) {
    const box = view();
    append(box,
      el("a", { className: "back", href: "#/" }, o.back),
      el("div", { className: "kind-label" }, o.kindLabel),
      el("h1", { className: "entity-title" }, o.title),
      el("div", { className: "meta" }, o.facts.map((fact) => el("span", {}, fact)), el("span", { className: "muted mono" }, o.id)),
      el("div", { className: "numbers" },
        number(o.summary.articles, "articles"), number(o.summary.mentions, "mentions"),
        number(o.summary.first_date || "–", "first"), number(o.summary.last_date || "–", "last")),
      o.miniMap && o.miniMap.lat !== null ? el("div", { className: "mini-map", id: "mini-map" }) : null,
      o.events && o.events.total ? el("h3", {}, "Events over time ", el("span", { className: "muted count-note" }, n(o.events.total) + " events")) : null,
      o.events && o.events.total ? histBars(o.eventHist, "events") : null,
      el("h3", {}, "Mentions over time"), sparkBars(o.timeline),
      o.names && o.names.length ? el("div", { className: "names" }, el("span", { className: "muted" }, "Written as: "),
        o.names.map((x) => el("span", { className: "name-chip" }, x.text, el("span", { className: "count" }, n(x.mentions))))) : null,
      el("button", { type: "button", className: "primary", onclick: o.filter }, o.filterLabel),
      o.related.length ? el("section", { className: "related" }, el("h3", {}, o.relatedTitle), el("ul", {}, o.related)) : null,
      o.events && o.events.total ? el("h3", {}, "Latest events") : null,
      o.events && o.events.total ? el("ol", { className: "events", id: "entity-events" }, o.events.events.map(eventRow)) : null,
      o.events && o.events.total > o.events.events.length ? el("button", { type: "button", className: "primary", onclick: o.allEvents },
        "All " + n(o.events.total) + " events in the Events view →") : null,
      el("h3", {}, n(o.total) + " articles"),
      el("ol", { className: "articles" }, o.articles.map(articleRow)));
    if (o.miniMap && o.miniMap.lat !== null) drawMiniMap($("mini-map"), o.miniMap);
    $("side").scrollTop = 0;
  }
  // A small map around a place: country outlines, the place, and event locations nearby.
  function drawMiniMap(box, p) {
    if (!box || !countriesGeo) return;
    const small = L.map(box, { zoomControl: false, attributionControl: false, scrollWheelZoom: false })
      .setView([p.lat, p.lon], 6);
    L.geoJSON(countriesGeo, { interactive: false,
      style: { color: "#aab3bd", weight: 0.8, fillColor: "#eef0f2", fillOpacity: 1 } }).addTo(small);
    const box2 = [Math.max(-180, p.lon - 6), Math.max(-90, p.lat - 4), Math.min(180, p.lon + 6), Math.min(90, p.lat + 4)];
    api("/api/events/points", { bbox: box2.map((v) => v.toFixed(3)).join(","), limit: 300 }).then((data) => {
      for (const q of data.points)
        L.circleMarker([q.lat, q.lon], { radius: 3 + Math.min(8, Math.sqrt(q.events)), color: "#7f1d1d", weight: 1,
          fillColor: "#dc2626", fillOpacity: 0.55, className: "event-marker" })
          .bindTooltip(el("div", { className: "map-tip" }, el("b", {}, q.place || "?"), el("br"), n(q.events) + " events"))
          .addTo(small);
      L.circleMarker([p.lat, p.lon], { radius: 8, color: "#9a3412", weight: 2, fillColor: "#f97316", fillOpacity: 0.9,
                                       className: "mini-place" }).addTo(small);
    }).catch(() => {});
  }
  // Bars of a histogram answer ({bins: [{start, end, count}]}), for entity and story pages.
  function histBars(data, unit, ownRange) {
    const width = 420, height = 64, chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "spark" });
    if (!data || !data.bins || !data.bins.length) return chart;
    const known = hist && hist.first && !ownRange;  // a story spans days: its own range, a week either side
    const start = known ? toTime(hist.first) : toTime(data.first) - (ownRange ? 7 * DAY : 0);
    const end = (known ? toTime(hist.last) : toTime(data.last) + (ownRange ? 7 * DAY : 0)) + DAY;
    const max = Math.max(...data.bins.map((b) => b.count));
    for (const b of data.bins) {
      const t0 = toTime(b.start), t1 = toTime(b.end) + DAY;
      const x0 = (t0 - start) / Math.max(DAY, end - start) * (width - 4) + 2;
      const w = Math.max(2, (t1 - t0) / Math.max(DAY, end - start) * (width - 4) - 1);
      const h = Math.max(2, b.count / max * (height - 6));
      const bar = svg("rect", { x: x0, y: height - h, width: Math.min(w, 14), height: h,
                                class: unit === "events" ? "bar ev-bar" : "bar" });
      const tip = svg("title");
      tip.textContent = (b.start === b.end ? b.start : b.start + " – " + b.end) + ": " + n(b.count) + " " + unit;
      bar.appendChild(tip);
      chart.appendChild(bar);
    }
    return withAxis(chart, start, end);
  }
  function number(value, label) {
    return el("div", { className: "number" }, el("b", {}, typeof value === "number" ? n(value) : value), el("span", {}, label));
  }
  // A small chart with its first and last day written under it.
  function withAxis(chart, start, end) {
    return el("div", { className: "spark-box" }, chart,
      el("div", { className: "spark-axis" }, el("span", {}, toIso(start)), el("span", {}, toIso(end - DAY))));
  }
  function sparkBars(rows) {
    const width = 420, height = 64, chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "spark" });
    if (!rows.length) return chart;
    const known = hist && hist.first;
    const start = toTime(known ? hist.first : rows[0].date), end = toTime(known ? hist.last : rows[rows.length - 1].date) + DAY;
    const max = Math.max(...rows.map((r) => r.mentions));
    for (const r of rows) {
      const t = toTime(r.date), xPos = (t - start) / Math.max(DAY, end - start) * (width - 4) + 2;
      const h = Math.max(2, r.mentions / max * (height - 6));
      const bar = svg("rect", { x: xPos, y: height - h, width: 3, height: h, class: "bar" });
      const tip = svg("title");
      tip.textContent = r.date + ": " + r.mentions + " mentions in " + r.articles + " articles";
      bar.appendChild(tip);
      chart.appendChild(bar);
    }
    return withAxis(chart, start, end);
  }

  async function showSearch(q) {
    $("search-input").value = q;
    const data = await api("/api/search", { q, limit: 20 });
    const box = view();
    append(box, el("a", { className: "back", href: "#/" }, "← Articles"),
      el("h1", { className: "entity-title" }, "Search: ", el("q", {}, q)));
    const use = el("button", { type: "button", className: "primary", onclick: () => {
      state.search = q; state.offset = 0; go("#/"); refresh({ histogram: true }); } }, "Filter map, timeline and list by this text");
    const useEvents = el("button", { type: "button", className: "primary", id: "search-events", onclick: () => {
      state.search = q; state.eventOffset = 0; go("#/events"); refresh({ histogram: true }); } }, "Events mentioning it →");
    append(box,
      el("section", { className: "related" }, el("h3", {}, "Actors ", el("span", { className: "muted" }, n(data.total_actors))),
        data.actors.length ? el("ul", {}, data.actors.map((a) => el("li", {}, el("a", { href: actorHref(a.id) }, a.name || a.id),
          el("span", { className: "muted" }, " " + a.id), el("span", { className: "count" }, n(a.articles))))) : el("p", { className: "empty" }, "none")),
      el("section", { className: "related" }, el("h3", {}, "Places ", el("span", { className: "muted" }, n(data.total_places))),
        data.places.length ? el("ul", {}, data.places.map((p) => el("li", {}, el("a", { href: placeHref(p.geonameid) }, p.name),
          el("span", { className: "muted" }, " " + [p.admin1, p.country].filter(Boolean).join(", ")),
          el("span", { className: "count" }, n(p.articles))))) : el("p", { className: "empty" }, "none")),
      el("h3", {}, "Articles ", el("span", { className: "muted" }, n(data.total_articles))), use, " ", useEvents,
      el("ol", { className: "articles" }, data.articles.map(articleRow)));
  }

  // ---- events ----------------------------------------------------------------------------------
  const eventHref = (e) => "#/event/" + enc(e.article_id) + "/" + enc(e.start);
  const storyHref = (id) => "#/story/" + enc(id);
  const MARK_ORDER = { trigger: 0, place: 1, actor: 2, date: 3 };
  const MARK_LABEL = { trigger: "Trigger", place: "Place", actor: "Actor", date: "Date" };
  function eventParams(extra) {
    return Object.assign({ since: state.since, until: state.until, actor: state.actor, place: state.place,
                           text: state.search, type: state.eventType }, extra || {});
  }
  // The evidence sentence as text nodes, with the trigger, actors, place and dates in <mark>s
  // (offsets from the API; overlapping marks give way to the trigger, then place, actor, date).
  function evidence(sentence, marks) {
    const text = (sentence || "").replace(/\s+$/, "");  // trailing blank lines only: offsets hold
    const sorted = (marks || []).filter((m) => m.start >= 0 && m.end <= text.length && m.end > m.start)
      .sort((a, b) => MARK_ORDER[a.kind] - MARK_ORDER[b.kind] || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
    const chosen = [];
    for (const m of sorted) if (!chosen.some((c) => m.start < c.end && c.start < m.end)) chosen.push(m);
    chosen.sort((a, b) => a.start - b.start);
    const out = [];
    let at = 0;
    for (const m of chosen) {
      if (m.start > at) out.push(document.createTextNode(text.slice(at, m.start)));
      const label = MARK_LABEL[m.kind] + (m.role ? " (" + m.role + ")" : "") + (m.label ? ": " + m.label : "") +
        (m.ref && m.kind !== "date" ? " · " + m.ref : m.ref ? " · " + m.ref : "");
      out.push(el("mark", { className: "ev ev-" + m.kind, "data-kind": m.kind, title: label }, text.slice(m.start, m.end)));
      at = m.end;
    }
    if (at < text.length) out.push(document.createTextNode(text.slice(at)));
    return out;
  }
  function eventFacts(e) {
    return el("div", { className: "meta" },
      el("span", { className: "date" }, e.date || "undated"),
      el("span", { className: "etype" }, e.type || "?"),
      e.mode ? el("span", {}, e.mode) : null,
      e.factuality && e.factuality !== "happened" ? el("span", { className: "factuality" }, e.factuality) : null,
      e.place ? el("span", { className: "eplace" }, e.place + (e.country ? ", " + e.country : "")) : null,
      e.sources > 1 ? el("span", { className: "sources", title: "independent outlets reporting it" }, n(e.sources) + " sources") : null);
  }
  function eventRow(e) {
    return el("li", { className: "event-row", "data-key": e.article_id + "/" + e.start },
      eventFacts(e),
      el("a", { className: "evidence", href: eventHref(e) }, evidence(e.sentence, e.marks)),
      el("div", { className: "meta small" },
        el("a", { className: "article-link", href: articleHref(e.article_id) }, e.title || "Source article · " + (e.published || "undated")),
        e.outlet ? el("span", { className: "outlet" }, e.outlet) : null));
  }
  async function showEvents() {
    const ticket = ++listRequest;
    const [data, types] = await Promise.all([
      api("/api/events", eventParams({ limit: state.limit, offset: state.eventOffset })),
      eventTypes || api("/api/events/types")]);
    eventTypes = types;
    if (ticket !== listRequest || route().name !== "events") return;
    const box = view();
    const select = el("select", { id: "event-type", "aria-label": "Event type" },
      el("option", {}, "all types"), types.types.map((t) => el("option", {}, t.type)));
    select.options[0].value = "";
    select.value = state.eventType || "";
    select.addEventListener("change", () => { state.eventType = select.value || null; refresh({ histogram: true }); });
    const last = data.offset + data.events.length;
    append(box, el("div", { className: "list-head" },
      el("h2", {}, el("span", { id: "event-count" }, n(data.total)), " events"),
      el("span", { className: "muted" }, data.total ? `${n(data.offset + 1)}–${n(last)}, newest first` : ""),
      select,
      el("a", { className: "csv", href: "#/events", title: "Download these events as CSV",
                onclick: (e) => { e.preventDefault(); download("/api/events", eventParams({ format: "csv", limit: 1000 })); } }, "CSV")));
    if (!data.events.length) box.appendChild(el("p", { className: "empty" }, "No events match these filters."));
    append(box, el("ol", { className: "events", id: "event-list" }, data.events.map(eventRow)));
    box.appendChild(pager(data, (offset) => { state.eventOffset = offset; showEvents().catch(showError); }));
  }
  function download(path, params) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) query.set(k, v);
    location.href = path + "?" + query;
  }
  async function showEvent(articleId, start) {
    const data = await api("/api/events/" + enc(articleId) + "/" + enc(start));
    const e = data.event, box = view();
    if (e.lat !== null && e.lon !== null) focusPlaces([e], true);
    const names = {};
    for (const m of e.marks || []) if (m.kind === "actor" && m.ref && !names[m.ref]) names[m.ref] = m.label;
    const readable = (id) => names[id] || id.replace(/^[a-z]+:(?:[a-z]+:)?/, "").replace(/-/g, " ");
    const actors = (ids, role) => ids.map((id) => el("li", {}, el("a", { href: actorHref(id) }, readable(id)),
      el("span", { className: "muted" }, " " + role + " · " + id)));
    append(box,
      el("a", { className: "back", href: "#/events" }, "← Events"),
      el("div", { className: "kind-label" }, "Event"),
      el("h1", { className: "entity-title" }, (e.type || "Event") + (e.place ? " · " + e.place : "") + (e.date ? " · " + e.date : "")),
      eventFacts(e),
      el("blockquote", { className: "evidence-full", id: "event-evidence" }, evidence(e.sentence, e.marks)),
      el("div", { className: "legend" }, ["trigger", "actor", "place", "date"].map((k) =>
        el("span", { className: "legend-item ev-key-" + k }, el("span", { className: "swatch" }), MARK_LABEL[k]))),
      el("details", { className: "coding muted small" }, el("summary", {}, "How it was coded"), "Characters " + e.sentence_start + "–" + e.sentence_end + " of the article; trigger at " +
        e.start + "–" + e.end + (e.confidence !== null ? " · confidence " + e.confidence.toFixed(2) : "") +
        (e.coded_by ? " · " + e.coded_by : "")),
      el("div", { className: "findings-grid" },
        el("section", { className: "findings k-actor" }, el("h3", {}, "Actors"),
          el("ul", {}, actors(e.source_actors || [], "source"), actors(e.target_actors || [], "target"))),
        el("section", { className: "findings k-place" }, el("h3", {}, "Where and when"),
          el("ul", {}, el("li", {}, e.geonameid !== null ? el("a", { href: placeHref(e.geonameid) }, e.place || String(e.geonameid)) : (e.place || "no place")),
            el("li", {}, (e.date || "undated") + (e.date_precision ? " (" + e.date_precision + ")" : "")),
            e.date_from_publication ? el("li", { className: "muted" }, "date taken from publication") : null))),
      el("h3", {}, "Source"),
      el("ul", { className: "reports" }, el("li", {},
        el("a", { className: "headline", id: "event-article", href: articleHref(e.article_id) }, e.title || "Source article (" + (e.outlet || e.article_id) + ")"),
        el("span", { className: "muted" }, " " + [e.outlet, e.published].filter(Boolean).join(" · ")), " ", sourceLink(e.url))),
      data.reports.length > 1 ? el("h3", {}, n(data.reports.length) + " reports of this event") : null,
      data.reports.length > 1 ? el("ul", { className: "reports" }, data.reports.map((r) => el("li", {},
        el("a", { href: articleHref(r.article_id) }, r.title || r.article_id),
        el("span", { className: "muted" }, " " + [r.outlet, r.published].filter(Boolean).join(" · ")),
        el("p", { className: "snippet" }, r.sentence || "")))) : null);
    $("side").scrollTop = 0;
  }

  async function loadEventPoints() {
    if (!map || !eventLayer) return;
    const ticket = ++eventMapRequest;
    const data = await api("/api/events/points", eventParams({ limit: 2000 }));
    if (ticket !== eventMapRequest) return;
    eventLayer.clearLayers();
    const max = Math.max(1, ...data.points.map((p) => p.events));
    const renderer = rendererFor(data.points.length, "events");
    for (const p of data.points) {
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: 3 + 10 * Math.sqrt(p.events / max), color: "#7f1d1d", weight: 1.2,
        fillColor: "#dc2626", fillOpacity: 0.7, className: "event-marker", pane: "events", renderer });
      marker.bindTooltip(() => el("div", { className: "map-tip" }, el("b", {}, p.place || "?"), el("br"),
        n(p.events) + " events · mostly " + (p.type || "?")), { direction: "top", offset: [0, -4] });
      marker.on("click", () => {
        if (p.geonameid !== null) { state.place = p.geonameid; state.placeName = p.place; }
        state.eventOffset = 0; go("#/events"); refresh({ histogram: true });
      });
      marker.addTo(eventLayer);
    }
    eventCount = data.total;
    $("map").dataset.eventPoints = String(data.points.length);
    drawLegend();
  }

  // ---- stories ---------------------------------------------------------------------------------
  async function showStories() {
    const ticket = ++listRequest;
    const data = await api("/api/stories", { since: state.since, until: state.until, text: state.search,
                                             limit: state.limit, offset: state.storyOffset });
    if (ticket !== listRequest || route().name !== "stories") return;
    const box = view();
    append(box, el("div", { className: "list-head" },
      el("h2", {}, el("span", { id: "story-count" }, n(data.total)), " stories"),
      el("span", { className: "muted" }, "latest first")));
    if (!data.stories.length) box.appendChild(el("p", { className: "empty" }, "No stories (run `dateline corpus`)."));
    append(box, el("ol", { className: "articles", id: "story-list" }, data.stories.map((s) => el("li", { className: "article-row" },
      el("div", { className: "meta" }, el("span", { className: "date" }, s.first_date === s.last_date ? s.first_date : s.first_date + " – " + s.last_date),
        el("span", {}, n(s.articles) + " articles"), el("span", {}, n(s.texts) + " texts"), el("span", {}, n(s.outlets) + " outlets")),
      el("a", { className: "headline", href: storyHref(s.story_id) }, s.title || s.story_id)))));
    box.appendChild(pager(data, (offset) => { state.storyOffset = offset; showStories().catch(showError); }));
  }
  function storyBins(articles) {
    const days = new Map();
    for (const a of articles) if (a.published) days.set(a.published, (days.get(a.published) || 0) + 1);
    const bins = [...days.entries()].sort().map(([d, count]) => ({ start: d, end: d, count }));
    return { bins, first: bins.length ? bins[0].start : null, last: bins.length ? bins[bins.length - 1].start : null };
  }
  async function showStory(id) {
    const data = await api("/api/stories/" + enc(id));
    const s = data.story, box = view();
    append(box,
      el("a", { className: "back", href: "#/stories" }, "← Stories"),
      el("div", { className: "kind-label" }, "Story"),
      el("h1", { className: "entity-title" }, s.title || s.story_id),
      el("div", { className: "numbers" }, number(s.articles, "articles"), number(s.texts, "texts"),
        number(s.outlets, "outlets"), number(s.first_date || "–", "first"), number(s.last_date || "–", "last")),
      el("h3", {}, "Articles over time"), histBars(storyBins(data.articles), "articles", true),
      el("h3", {}, n(data.texts.length) + " distinct texts"),
      el("ul", { className: "texts" }, data.texts.map((t) => el("li", {},
        el("a", { href: articleHref(t.canonical_id) }, t.title || t.canonical_id),
        el("span", { className: "count", title: "copies of this text" }, "×" + t.copies.length),
        t.copies.length > 1 ? el("div", { className: "muted small" }, "copies: ",
          t.copies.map((c) => el("a", { className: "copy", href: articleHref(c.id) }, (c.outlet || c.id) + " " + (c.published || "")))) : null))),
      el("h3", {}, n(data.articles.length) + " articles, oldest first"),
      el("ol", { className: "articles", id: "story-articles" }, data.articles.map(articleRow)),
      data.events.length ? el("h3", {}, n(data.events.length) + " events") : null,
      data.events.length ? el("ol", { className: "events" }, data.events.map(eventRow)) : null);
    $("side").scrollTop = 0;
  }

  // ---- hover card for highlighted findings ---------------------------------------------------
  function initTip() {
    const tip = $("tip");
    document.addEventListener("mouseover", (event) => {
      const mark = event.target.closest && event.target.closest("mark.f");
      if (!mark || !mark.tipLines) { tip.hidden = true; return; }
      clear(tip);
      for (const lines of mark.tipLines)
        tip.appendChild(el("div", { className: "tip-block" }, el("b", {}, lines[0]), lines.slice(1).map((l) => el("div", {}, l))));
      const r = mark.getBoundingClientRect();
      tip.hidden = false;
      tip.style.left = Math.min(window.innerWidth - tip.offsetWidth - 8, Math.max(8, r.left)) + "px";
      tip.style.top = (r.bottom + 6 + tip.offsetHeight > window.innerHeight ? r.top - tip.offsetHeight - 6 : r.bottom + 6) + "px";
    });
    document.addEventListener("click", (event) => {
      const mark = event.target.closest && event.target.closest("mark.linked");
      if (mark && mark.dataset.href) go(safeHref(mark.dataset.href));
    });
  }

  async function render() {
    const r = route();
    if (hist && histShown !== histSource()) loadHistogram().catch(showError);
    $("tip").hidden = true;
    if (r.name === "list" || r.name === "search" || r.name === "actor" || r.name === "events" || r.name === "stories" || r.name === "story") focusPlaces([], false);
    const tab = r.name === "event" ? "events" : r.name === "story" ? "stories" : r.name;
    for (const link of document.querySelectorAll("#tabs a")) link.classList.toggle("active", link.dataset.tab === tab);
    try {
      if (r.name === "article") await showArticle(r.arg);
      else if (r.name === "actor") await showActor(r.arg);
      else if (r.name === "place") await showPlace(r.arg);
      else if (r.name === "search") await showSearch(r.arg);
      else if (r.name === "events") { drawFilters(); await showEvents(); }
      else if (r.name === "event") await showEvent(r.arg, r.start);
      else if (r.name === "stories") { drawFilters(); await showStories(); }
      else if (r.name === "story") await showStory(r.arg);
      else if (r.name === "figures") { drawFilters(); await figures.show(view(), r.params); }
      else { drawFilters(); await showList(); }
    } catch (error) { showError(error); }
  }

  const figures = window.datelineFigures({ el, svg, append, clear, api, n, articleHref, sourceLink, number });

  async function start() {
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const q = $("search-input").value.trim();
      if (q) go("#/search/" + enc(q));
    });
    initTip();
    initBrush();
    window.addEventListener("hashchange", render);
    let resizeTimer = null;
    window.addEventListener("resize", () => { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawHistogram, 120); });
    loadStats().catch(() => {});
    // The list and the timeline load while the basemap is read; map layers once it is there.
    const mapped = initMap().catch(showError).then(() => Promise.all([loadPlaces(), loadEventPoints()]
      .map((p) => p.catch(showError))));
    await Promise.all([mapped, loadHistogram().catch(showError), render().catch(showError)]);
    document.body.dataset.ready = "1";
  }
  start();
})();
