// Charts for the reporting pages, drawn with the DOM (SVG and CSS bars): no
// chart library, nothing from a CDN, no inline style attributes (the CSP
// forbids them; sizes go through CSSOM or SVG geometry attributes).
import { h } from "../ui.js";

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const nf = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
export const fmtNum = (n) => (n === null || n === undefined ? "—" : nf.format(n));
export const fmtPct = (n) => (n === null || n === undefined ? "—" : `${nf.format(n)}%`);
const pct = (part, whole) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

// A donut of parts of a whole: segments [{key, label, value, cls}], the centre
// text, and a legend with counts and shares (the numbers stay readable without colour).
export function donut(segments, { total, center, caption, title } = {}) {
  const whole = total ?? segments.reduce((s, x) => s + x.value, 0);
  const r = 15.915;   // circumference 100: dash lengths are percentages
  let offset = 25;    // start at 12 o'clock
  const arcs = [];
  for (const seg of segments) {
    if (!seg.value || !whole) continue;
    const share = (seg.value / whole) * 100;
    arcs.push(svg("circle", { class: `arc ${seg.cls}`, cx: 21, cy: 21, r, fill: "transparent", "stroke-width": 6,
      "stroke-dasharray": `${share} ${100 - share}`, "stroke-dashoffset": offset, dataset: { seg: seg.key } },
    svg("title", {}, `${seg.label}: ${seg.value}/${whole}`)));
    offset = (offset - share + 100) % 100;
  }
  const label = title || segments.map((s) => `${s.label}: ${s.value}`).join(", ");
  return h("figure", { class: "chart donut-chart" },
    svg("svg", { viewBox: "0 0 42 42", class: "donut", role: "img", "aria-label": label },
      svg("circle", { class: "arc track", cx: 21, cy: 21, r, fill: "transparent", "stroke-width": 6 }),
      arcs,
      center ? svg("text", { x: 21, y: 20.5, "text-anchor": "middle", class: "donut-num" }, center[0]) : null,
      center ? svg("text", { x: 21, y: 26, "text-anchor": "middle", class: "donut-sub" }, center[1]) : null),
    legend(segments, whole),
    caption ? h("figcaption", { class: "muted" }, caption) : null);
}

export function legend(segments, whole) {
  return h("ul", { class: "legend" }, segments.map((seg) => h("li", { dataset: { legend: seg.key } },
    h("span", { class: `swatch ${seg.cls}` }), h("span", {}, seg.label), " ",
    h("strong", { dataset: { count: seg.key } }, String(seg.value)),
    whole ? h("span", { class: "muted" }, ` (${nf.format(pct(seg.value, whole))}%)`) : null)));
}

// One horizontal bar split into parts (CSS flex, widths set through CSSOM).
export function stackBar(segments, whole, { label } = {}) {
  const total = whole ?? segments.reduce((s, x) => s + x.value, 0);
  const bar = h("div", { class: "stack", role: "img",
    "aria-label": (label ? label + ": " : "") + segments.map((s) => `${s.label} ${s.value}`).join(", ") });
  for (const seg of segments) {
    if (!seg.value || !total) continue;
    const part = h("span", { class: `part ${seg.cls}`, title: `${seg.label}: ${seg.value}`, dataset: { seg: seg.key } },
      seg.value >= total / 12 ? String(seg.value) : "");
    part.style.flexBasis = `${(seg.value / total) * 100}%`;
    bar.append(part);
  }
  if (!total) bar.append(h("span", { class: "part empty" }, "Chưa có dữ liệu"));
  return bar;
}

// Stacked columns, one per group (e.g. the periods of a year): groups
// [{key, label, segments: [{key, label, value, cls}], active}], ``onPick(key)``.
export function columns(groups, { max, onPick, title } = {}) {
  const top = max ?? Math.max(1, ...groups.map((g) => g.segments.reduce((s, x) => s + x.value, 0)));
  const W = 64, GAP = 18, H = 150, BASE = 170, width = groups.length * (W + GAP) + GAP;
  const cols = groups.map((g, i) => {
    const x = GAP + i * (W + GAP);
    let y = BASE;
    const rects = g.segments.filter((s) => s.value).map((s) => {
      const height = (s.value / top) * H;
      y -= height;
      return svg("rect", { x, y, width: W, height, class: `bar ${s.cls}`, dataset: { seg: s.key } },
        svg("title", {}, `${g.label} — ${s.label}: ${s.value}`));
    });
    const sum = g.segments.reduce((s, x) => s + x.value, 0);
    return svg("g", { class: "col" + (g.active ? " active" : "") + (onPick ? " pickable" : ""), dataset: { col: g.key },
      tabindex: onPick ? 0 : null, role: onPick ? "link" : null, "aria-label": onPick ? g.label : null,
      onclick: onPick ? () => onPick(g.key) : null,
      onkeydown: onPick ? (e) => { if (e.key === "Enter") onPick(g.key); } : null },
    svg("rect", { x: x - GAP / 2, y: 0, width: W + GAP, height: BASE + 34, class: "col-bg" }),
    rects,
    svg("text", { x: x + W / 2, y: y - 5, "text-anchor": "middle", class: "col-num" }, String(sum)),
    svg("text", { x: x + W / 2, y: BASE + 16, "text-anchor": "middle", class: "col-label" }, g.short || g.label));
  });
  return svg("svg", { viewBox: `0 0 ${width} ${BASE + 36}`, class: "columns", role: "img", "aria-label": title || "" },
    svg("line", { x1: 0, y1: BASE, x2: width, y2: BASE, class: "axis" }), cols);
}

// Horizontal bars, one per row (units): rows [{key, label, value, note}], the
// scale's maximum (100 for rates), and how to print a value.
export function hbars(rows, { max, format = fmtNum, cls = "ok", empty = "Chưa có số liệu." } = {}) {
  if (!rows.length) return h("p", { class: "muted" }, empty);
  const top = max ?? Math.max(1, ...rows.map((r) => r.value || 0));
  return h("ul", { class: "hbars" }, rows.map((row) => {
    const fill = h("span", { class: `fill ${row.cls || cls}` });
    fill.style.width = `${Math.max(0, Math.min(100, ((row.value || 0) / top) * 100))}%`;
    return h("li", { dataset: { bar: row.key } },
      h("span", { class: "hb-label", title: row.label }, row.label),
      h("span", { class: "track" }, fill),
      h("span", { class: "hb-value" }, format(row.value), row.note ? h("small", { class: "muted" }, " ", row.note) : null));
  }));
}
