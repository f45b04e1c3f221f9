/* overlap HTML report: every view is built here from the JSON blob in #overlap-data.
   Article text reaches the page only as DOM text nodes (el() and textContent), never through
   innerHTML, so an article that contains markup or script tags shows it as text. */
"use strict";
(() => {
  const DOC = JSON.parse(document.getElementById("overlap-data").textContent);
  const ARTS = DOC.articles || [];
  const FINDINGS = DOC.findings || [];
  // What the views put first, computed by overlap/report/digest.py (absent from an HTML file
  // written by an older version: then every finding reads as "worth a look").
  const DIGEST = DOC.digest || { pairs: [], order: [], findings: {}, titles: {} };
  const ACTION_AT = new Map((DIGEST.order || []).map((id, i) => [id, i]));
  const ART = new Map();
  ARTS.forEach((a, i) => { a._n = i + 1; a.text = a.text || ""; ART.set(a.id, a); });
  const KINDS = ["verbatim", "edited", "paraphrase", "repeat", "claim"];
  const GLYPH = { verbatim: "■", edited: "◆", paraphrase: "●", repeat: "↻", claim: "▲" };
  // "misquoted" is shown for a credited quotation with changed words (verdict agree in the
  // JSON, with a misquote note): a changed quote must never carry a green "agree" badge.
  const VERDICTS = ["agree", "misquoted", "contradict", "changed over time", "unclear"];
  const VGLYPH = { agree: "✓", misquoted: "✗", contradict: "✗", "changed over time": "⧗", unclear: "?" };
  const PAGE = 200;     // findings drawn at a time: an archive run's list stays quick to draw
  const MAX_NODES = 30; // a matrix or graph of more articles is unreadable; the busiest are shown
  const ARTICLE_ROWS = 50; // rows of the overview's article table drawn before "Show all"
  const CONTEXT = 420;  // characters of paragraph context kept on each side of a passage

  // ------------------------------------------------------------------ small helpers
  function el(tag, props, ...kids) {
    const node = document.createElement(tag);
    setProps(node, props);
    for (const kid of kids.flat(Infinity)) {
      if (kid == null || kid === false) continue;
      node.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return node;
  }
  function svg(tag, props, ...kids) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    setProps(node, props);
    for (const kid of kids.flat(Infinity)) if (kid != null) node.append(kid);
    return node;
  }
  function setProps(node, props) {
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k === "cls" ? "class" : k, v === true ? "" : String(v));
    }
  }
  const $ = (id) => document.getElementById(id);
  const kindKey = (k) => (KINDS.includes(k) ? k : "other");
  const name = (a) => (a ? a.outlet || a.title || a.id : "?");
  const code = (a) => (a ? "#" + a._n : "#?");
  const label = (a) => code(a) + " " + name(a);
  const dated = (a) => label(a) + (a && a.date ? " (" + a.date + ")" : "");
  // How a reader names an article (as labels.dated_name does): outlet (or title) and date.
  const named = (a) => name(a) + (a && a.date ? " (" + a.date + ")" : "");
  const clip = (text, n) => (text.length > n ? text.slice(0, n - 1) + "…" : text);
  const pct = (x) => (x > 0 && x < 0.01 ? "<1%" : Math.round(x * 100) + "%");
  const fmt = (x, d = 2) => (typeof x === "number" ? x.toFixed(d) : "–");
  const slice = (span) => { const a = ART.get(span.article); return a ? a.text.slice(span.start, span.end) : ""; };
  const hashFor = (...parts) => "#/" + parts.map((p) => encodeURIComponent(p)).join("/");
  const badge = (text, cls, title) => el("span", { cls: "badge " + cls, title }, text);
  const kindBadge = (k) => badge((GLYPH[k] || "◇") + " " + k, "k-" + kindKey(k));

  // ------------------------------------------------------------------ findings, normalised
  // The judge adds verdict, confidence, reasons and evidence, either on the finding or nested in
  // `judgement`; findings without them (older results, judging off) simply show none.
  FINDINGS.forEach((f, i) => {
    const j = f.judgement || {};
    f._key = f.id ? String(f.id) : "f" + i;
    f._verdict = f.verdict || j.verdict || null;
    if (f._verdict && (f.misquote || j.misquote || []).length) f._verdict = "misquoted";
    f._confidence = f.confidence ?? j.confidence ?? null;
    f._reasons = f.reasons || j.reasons || [];
    f._evidence = f.evidence || j.evidence || [];
    f._self = f.a.article === f.b.article;
    f._directed = f.direction === "a->b";
    // A "claim" finding is two articles saying related things, not reuse: it has no credit to
    // check and stays out of the shared-text matrix and the copy graph.
    f._reuse = f.kind !== "claim";
    f._credit = !f._reuse ? "claim" : f._self ? "self" : f.attribution && f.attribution.credited ? "credited" : "uncredited";
    f._order = i;
    f._d = (DIGEST.findings || {})[f.id] || {};
    f._action = f._d.class || "check";
    f._actionAt = ACTION_AT.has(f.id) ? ACTION_AT.get(f.id) : FINDINGS.length + i;
    f._headline = f._d.headline || f.kind;
    f._scoreWords = f._d.score || "score " + fmt(f.score);
    if (f._d.reasons) f._reasons = f._d.reasons;
  });
  const BYKEY = new Map(FINDINGS.map((f) => [f._key, f]));
  const SPANS = new Map(ARTS.map((a) => [a.id, []])); // article id -> [{f, side}]
  for (const f of FINDINGS) for (const side of ["a", "b"]) {
    if (SPANS.has(f[side].article)) SPANS.get(f[side].article).push({ f, side });
  }
  const other = (side) => (side === "a" ? "b" : "a");
  const arrow = (f) => (f._self ? "repeats itself" : f._directed ? "→" : "↔");
  const pairText = (f) => f._self ? named(ART.get(f.a.article)) + " repeats itself"
    : named(ART.get(f.a.article)) + " " + arrow(f) + " " + named(ART.get(f.b.article));
  function creditBadge(f) {
    if (f._self) return badge("within one article", "self");
    if (!f._reuse) return badge("related claim, not reuse", "self");
    const att = f.attribution || {};
    if (f._credit === "credited") {
      const who = att.credit || att.speaker;
      return badge((att.quoted ? "quoted, credited" : "credited") + (who ? " to " + who : ""), "credited");
    }
    return badge(att.quoted ? "quoted, uncredited" : "uncredited", "uncredited");
  }
  function verdictBadge(f) {
    if (!f._verdict) return null;
    // The confidence is a model's number: it lives behind the finding's "Details".
    return badge((VGLYPH[f._verdict] || "•") + " " + f._verdict, "v-" + f._verdict.replace(/ /g, "-"));
  }

  // ------------------------------------------------------------------ shared text between pairs
  function covered(intervals) {
    intervals.sort((p, q) => p[0] - q[0]);
    let total = 0, s = -1, e = -1;
    for (const [a, b] of intervals) {
      if (a > e) { total += e - s; s = a; e = b; } else if (b > e) e = b;
    }
    return total + (e - s);
  }
  const PAIRS = new Map(); // "src\0copy" -> {src, copy, spans, findings, unknown}
  function addPair(src, copy, span, f) {
    const key = src + "\u0000" + copy;
    if (!PAIRS.has(key)) PAIRS.set(key, { src, copy, spans: [], findings: [], unknown: false });
    const p = PAIRS.get(key);
    p.spans.push([span.start, span.end]); p.findings.push(f);
    if (!f._directed && !f._self) p.unknown = true;
  }
  for (const f of FINDINGS.filter((x) => x._reuse)) {
    addPair(f.a.article, f.b.article, f.b, f);
    // Without a known direction the shared text is counted both ways.
    if (!f._directed && !f._self) addPair(f.b.article, f.a.article, f.a, f);
  }
  for (const p of PAIRS.values()) {
    const copy = ART.get(p.copy);
    p.share = copy && copy.text.length ? covered(p.spans) / copy.text.length : 0;
  }
  // Articles for the matrix and graph: the ends of the pairs sharing the most, strongest first,
  // so that a large corpus shows its densest corner rather than 30 loosely linked articles.
  const involved = new Set([...PAIRS.values()].flatMap((p) => [p.src, p.copy]));
  const chosen = new Set();
  for (const p of [...PAIRS.values()].sort((x, y) => y.share - x.share || y.findings.length - x.findings.length)) {
    if (chosen.size + !chosen.has(p.src) + (p.copy !== p.src && !chosen.has(p.copy)) > MAX_NODES) continue;
    chosen.add(p.src); chosen.add(p.copy);
  }
  const busiest = ARTS.filter((a) => chosen.has(a.id));
  const reusedShare = new Map(ARTS.map((a) => {
    const spans = SPANS.get(a.id).filter(({ f, side }) => f._reuse && (side === "b" || !f._directed)).map(({ f, side }) => [f[side].start, f[side].end]);
    return [a.id, a.text.length ? covered(spans) / a.text.length : 0];
  }));

  // ------------------------------------------------------------------ header and overview
  function header() {
    const s = DOC.summary || {};
    const kinds = Object.entries(s.by_kind || {}).map(([k, n]) => n + " " + k).join(", ") || "none";
    $("summary").textContent = (s.articles ?? ARTS.length) + " articles · " + (s.findings ?? FINDINGS.length) +
      " findings (" + kinds + ") · " + (s.skipped ?? (DOC.skipped || []).length) + " skipped";
    document.title = "overlap report · " + ARTS.length + " articles · " + FINDINGS.length + " findings";
    const tool = DOC.tool || {};
    $("made").textContent = "Made by " + (tool.name || "overlap") + " " + (tool.version || "") +
      " from a result of schema " + (DOC.schema_version || "?") + "; models: " +
      ((DOC.models || []).map((m) => m.name).join(", ") || "none") + ".";
    const legend = $("legend");
    legend.append(el("b", null, "Key:"));
    for (const k of KINDS) legend.append(el("span", null, el("mark", { cls: "hl k-" + k }, k)));
    legend.append(el("span", { cls: "d-del" }, "deleted"), el("span", { cls: "d-ins" }, "inserted"),
      el("span", { cls: "d-chg" }, "changed"), el("span", { cls: "d-chg num" }, "number changed"),
      el("span", { cls: "d-chg name" }, "name changed"), el("span", { cls: "chrome" }, "page chrome"));
  }

  function pairsTable() {
    const box = $("pairs");
    const rows = DIGEST.pairs || [];
    if (!rows.length) { box.append(el("p", { cls: "hint" }, "No passage of one article was found in another.")); return; }
    const t = el("table", { cls: "pairs" },
      el("caption", { cls: "hint" }, "One row per source and copy: passages reused, the share of the copy's text they make up, how many the copy credits, and what contradicts."),
      el("thead", null, el("tr", null, ["source → copy", "passages", "share of the copy", "credited", "contradicts"].map((h, i) =>
        el("th", { scope: "col", cls: i >= 1 && i <= 3 ? "num" : null }, h)))));
    const body = el("tbody");
    for (const r of rows) {
      const trouble = r.uncredited + r.contradicts + r.misquoted > 0;
      body.append(el("tr", { cls: trouble ? "act" : null },
        el("td", null, el("button", { type: "button", cls: "linkish", onclick: () => setPair(r.source, r.copy),
          "aria-label": "Show the findings of " + dated(ART.get(r.source)) + " and " + dated(ART.get(r.copy)) },
        named(ART.get(r.source)), r.direction_known ? " → " : " ↔ ", named(ART.get(r.copy)))),
        el("td", { cls: "num" }, String(r.passages)), el("td", { cls: "num" }, r.share),
        el("td", { cls: "num" + (r.uncredited ? " bad" : "") }, r.credited),
        el("td", { cls: r.contradicts !== "none" ? "bad" : null }, r.contradicts)));
    }
    t.append(body);
    box.append(t);
  }

  function overview() {
    $("view-overview").dataset.filled = "1";
    pairsTable();
    const cards = $("cards");
    const card = (n, text) => cards.append(el("div", { cls: "card-n" }, el("b", null, String(n)), text));
    card(ARTS.length, "articles");
    const byKind = {};
    for (const f of FINDINGS) byKind[f.kind] = (byKind[f.kind] || 0) + 1;
    const rank = (k) => (KINDS.includes(k) ? KINDS.indexOf(k) : 99);
    for (const k of Object.keys(byKind).sort((x, y) => rank(x) - rank(y))) card(byKind[k], k);
    card(FINDINGS.filter((f) => f._credit === "uncredited").length, "uncredited across articles");
    const judged = FINDINGS.filter((f) => f._verdict);
    for (const v of VERDICTS) { const n = judged.filter((f) => f._verdict === v).length; if (n) card(n, v); }

    const table = $("articles");
    const heads = ["#", "outlet", "date", "title", "length", "findings", "reused"];
    table.append(
      el("caption", { cls: "hint" }, "Length in characters; “reused” is the share of the text " +
        "found in another article (or earlier in itself) as a copy."),
      el("thead", null, el("tr", null,
        heads.map((h, i) => el("th", { scope: "col", cls: i >= 4 ? "num" : null }, h)))));
    const body = el("tbody");
    const rowFor = (a) => {
      body.append(el("tr", null, el("td", { cls: "code" }, code(a)), el("td", null, a.outlet || ""),
        el("td", { cls: "code" }, a.date || "undated"),
        el("td", null, el("a", { href: hashFor("article", a.id) }, a.title || a.source || a.id)),
        el("td", { cls: "num" }, (a.chars ?? a.text.length).toLocaleString("en")),
        el("td", { cls: "num" }, String(SPANS.get(a.id).length)), el("td", { cls: "num" }, pct(reusedShare.get(a.id)))));
    };
    // An archive's table of every article would push the matrix and graph out of sight.
    ARTS.slice(0, ARTICLE_ROWS).forEach(rowFor);
    table.append(body);
    if (ARTS.length > ARTICLE_ROWS) {
      const all = $("all-articles");
      all.hidden = false;
      all.textContent = "Show all " + ARTS.length + " articles";
      all.addEventListener("click", () => { ARTS.slice(ARTICLE_ROWS).forEach(rowFor); all.hidden = true; });
    }
    matrix();
    graph();
    const skipped = DOC.skipped || [];
    const notes = (DOC.notes || []).concat(ARTS.flatMap((a) => (a.notes || []).map((n) => label(a) + ": " + n)));
    if (skipped.length || notes.length) {
      $("skipped").append(el("h3", null, "Skipped inputs and notes"),
        el("ul", null, skipped.map((s) => el("li", null, "skipped: " + s.source + ": " + s.reason)), notes.map((n) => el("li", null, "note: " + n))));
    }
  }

  function matrix() {
    const box = $("matrix");
    if (!busiest.length) { box.append(el("p", { cls: "hint" }, "No shared text.")); return; }
    if (busiest.length > 8) box.closest(".two").classList.add("wide"); // a big matrix needs the width
    if (busiest.length < involved.size) {
      box.append(el("p", { cls: "hint" }, "Showing the " + busiest.length +
        " articles sharing the most text (of " + involved.size + "); the findings list has all of them."));
    }
    const t = el("table", { cls: "matrix" }, el("caption", { cls: "hint" },
      "Rows: source · columns: copy · ", el("span", { cls: "scale", "aria-hidden": "true" }), " 0 → 100%"));
    t.append(el("thead", null, el("tr", null, el("th", { scope: "col" }, "source ↓ copy →"),
      busiest.map((a) => el("th", { scope: "col", title: dated(a) }, code(a))))));
    const body = el("tbody");
    for (const r of busiest) {
      const row = el("tr", null, el("th", { scope: "row", title: dated(r) }, clip(label(r), 30)));
      for (const c of busiest) {
        const p = PAIRS.get(r.id + "\u0000" + c.id);
        if (!p) { row.append(el("td", { cls: r === c ? "diag" : null }, el("span", { cls: "none", "aria-hidden": "true" }, "·"))); continue; }
        const alpha = 0.1 + 0.9 * Math.sqrt(Math.min(1, p.share)); // sqrt: small shares stay visible
        const text = pct(p.share) + (p.unknown ? "?" : "");
        const what = r === c ? label(r) + " repeats " + pct(p.share) + " of its text"
          : pct(p.share) + " of " + label(c) + " is shared with " + label(r) + (p.unknown ? " (direction unknown)" : "");
        const b = el("button", { type: "button", cls: "cell", title: what + "; " + p.findings.length + " findings",
          "aria-label": what + ", " + p.findings.length + " findings; show them",
          onclick: () => setPair(r.id, c.id) }, text);
        b.style.backgroundColor = "rgba(0, 114, 178, " + alpha.toFixed(3) + ")";
        b.style.color = alpha > 0.55 ? "#fff" : "#000";
        row.append(el("td", { cls: r === c ? "diag" : null }, b));
      }
      body.append(row);
    }
    t.append(body);
    box.append(t);
  }

  function graph() {
    const box = $("graph");
    const edges = new Map(); // one edge per (pair, credit status), so both kinds stay visible
    for (const f of FINDINGS) {
      if (f._self || !f._reuse || !busiest.includes(ART.get(f.a.article)) || !busiest.includes(ART.get(f.b.article))) continue;
      const status = f._directed ? f._credit : "unknown";
      const [s, c] = f._directed || f.a.article < f.b.article ? [f.a.article, f.b.article] : [f.b.article, f.a.article];
      const key = s + "\u0000" + c + "\u0000" + status;
      if (!edges.has(key)) edges.set(key, { s, c, status, findings: [] });
      edges.get(key).findings.push(f);
    }
    const ids = new Set([...edges.values()].flatMap((e) => [e.s, e.c]));
    const nodes = busiest.filter((a) => ids.has(a.id)).sort((x, y) => (x.date || "9999").localeCompare(y.date || "9999") || x._n - y._n);
    if (!nodes.length) { box.append(el("p", { cls: "hint" }, "No reuse between articles.")); return; }
    const many = nodes.length > 12; // then a node is labelled with its number only (name in its tooltip)
    const W = Math.max(640, Math.min(1200, nodes.length * (many ? 60 : 110))), H = nodes.length > 6 ? 340 : 260, R = 8;
    const anyDate = nodes.some((a) => a.date);
    const order = new Map(nodes.map((a, i) => [a.id, i]));
    const fwd = [...edges.values()].map((e) => order.get(e.s) < order.get(e.c));
    // Forward copies arc above the nodes, backward below: leave room on the side that is used.
    const mid = fwd.every(Boolean) ? 0.68 : fwd.some(Boolean) ? 0.5 : 0.3;
    const pos = new Map(nodes.map((a, i) => {
      const x = nodes.length === 1 ? W / 2 : 70 + (i * (W - 140)) / (nodes.length - 1);
      const y = (nodes.length > 6 ? mid - 0.12 + (many ? 0.08 * (i % 4) : 0.12 * (i % 3)) : mid) * H;
      return [a.id, [x, y]];
    }));
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "group", "aria-label": "Who copied whom: arrows from source to copy" });
    const defs = svg("defs");
    for (const [st, colour] of [["credited", "#0072B2"], ["uncredited", "#D55E00"]]) {
      defs.append(svg("marker", { id: "ah-" + st, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" },
        svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour })));
    }
    root.append(defs);
    const list = el("ul", { cls: "edges-list" });
    for (const e of edges.values()) {
      const [x1, y1] = pos.get(e.s), [x2, y2] = pos.get(e.c);
      const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
      const bend = (e.status === "credited" ? 0.18 : e.status === "uncredited" ? 0.3 : 0.24) * len;
      const px = x1 + ux * (R + 3), py = y1 + uy * (R + 3), qx = x2 - ux * (R + 5), qy = y2 - uy * (R + 5);
      // Normal (uy, -ux): left-to-right (forward in time) arcs above, right-to-left below.
      const cx = (px + qx) / 2 + uy * bend, cy = (py + qy) / 2 - ux * bend;
      const d = "M" + px.toFixed(1) + "," + py.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + qx.toFixed(1) + "," + qy.toFixed(1);
      const kinds = [...new Set(e.findings.map((f) => f.kind))].join(", ");
      const what = e.status === "unknown"
        ? label(ART.get(e.s)) + " and " + label(ART.get(e.c)) + " share text, direction unknown: " + e.findings.length + " (" + kinds + ")"
        : label(ART.get(e.s)) + " → " + label(ART.get(e.c)) + ": " + e.findings.length + " " + e.status + " (" + kinds + ")";
      const go = () => setPair(e.s, e.c);
      const g = svg("g", { cls: "edge " + e.status, tabindex: 0, role: "button", "aria-label": what + "; show these findings", onclick: go,
        onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); go(); } } },
      svg("title", { text: what }), svg("path", { cls: "hit", d }),
      svg("path", { cls: "line", d, "stroke-width": Math.min(6, 1.5 + e.findings.length * 0.8),
        "marker-end": e.status === "unknown" ? null : "url(#ah-" + e.status + ")" }));
      root.append(g);
      if (list.childElementCount < 40) list.append(el("li", null, el("button", { type: "button", onclick: go }, what)));
    }
    for (const a of nodes) {
      const [x, y] = pos.get(a.id);
      root.append(svg("g", { cls: "node" }, svg("title", { text: dated(a) }), svg("circle", { cx: x, cy: y, r: R }),
        svg("text", { x, y: y + R + 14, "text-anchor": "middle", text: many ? code(a) : code(a) + " " + clip(name(a), 18) }),
        anyDate && !many ? svg("text", { cls: "date", x, y: y + R + 28, "text-anchor": "middle", text: a.date || "undated" }) : null));
    }
    const key = el("p", null, ...[["credited", "#0072B2", ""], ["uncredited", "#D55E00", "7 4"], ["direction unknown", "#555", "2 4"]].map(([t, c, dash]) =>
      el("span", { cls: "key" }, svg("svg", { viewBox: "0 0 36 10", "aria-hidden": "true" },
        svg("line", { x1: 0, y1: 5, x2: 36, y2: 5, stroke: c, "stroke-width": 3, "stroke-dasharray": dash || null })), t)));
    if (edges.size > list.childElementCount) list.append(el("li", null, (edges.size - list.childElementCount) + " more pairs: choose a matrix cell or use the findings list."));
    if (nodes.length < ids.size || busiest.length < involved.size) {
      key.append(el("span", { cls: "hint" }, " Only the busiest " + nodes.length + " articles are drawn."));
    }
    box.append(root, key, list);
  }

  // ------------------------------------------------------------------ exports for the views
  window.overlapReport = { DOC, DIGEST, ARTS, FINDINGS, ART, BYKEY, SPANS, KINDS, VERDICTS, PAGE, CONTEXT,
    el, $, kindKey, name, code, label, dated, named, fmt, slice, hashFor, badge, kindBadge, creditBadge,
    verdictBadge, pairText, other, arrow };
  let setPair = () => {};
  window.overlapReport.onPair = (fn) => { setPair = fn; };
  window.overlapReport.start = () => { header(); overview(); };
})();
