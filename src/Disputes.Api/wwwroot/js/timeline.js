// The compliance timeline: one bar per dispute from the notice's receipt to its resolution due date, the
// acknowledgment due date as a diamond, each breach as a cross, today as a dashed line. Plain SVG, built here.

import { el } from "./ui.js";
import { date, daysBetween, addDays, label } from "./format.js";

const COLORS = {
  axis: "#8a94a3",
  grid: "#e3e7ee",
  text: "#1f2933",
  muted: "#4b5563",
  bar: "#3d6fdb",
  barBreached: "#c2410c",
  ackPending: "#ffffff",
  ackMet: "#0f7a3d",
  ackBreached: "#b42318",
  breach: "#7a1a12",
  today: "#1f2933",
};

const LAYOUT = { width: 1000, label: 170, right: 24, top: 34, row: 30, bottom: 16 };

function diamond(x, y, r, attributes) {
  return el("polygon", { points: `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`, ...attributes });
}

function cross(x, y, r, color, halo = true) {
  const lines = (stroke, width) => el("g", { stroke, "stroke-width": width, "stroke-linecap": "round" },
    el("line", { x1: x - r, y1: y - r, x2: x + r, y2: y + r }),
    el("line", { x1: x - r, y1: y + r, x2: x + r, y2: y - r }));
  return halo ? el("g", {}, lines("#ffffff", 6), lines(color, 3)) : lines(color, 3);
}

function ackStyle(status) {
  if (status === "breached") return { fill: COLORS.ackBreached, stroke: COLORS.ackBreached };
  if (status === "met" || status === "met_by_resolution") return { fill: COLORS.ackMet, stroke: COLORS.ackMet };
  return { fill: COLORS.ackPending, stroke: COLORS.text };
}

/** The legend's entries, as list items with a small SVG sample each. */
export function legend() {
  const sample = (...shapes) => el("svg", { viewBox: "0 0 18 14", "aria-hidden": "true", focusable: "false" }, ...shapes);
  return [
    el("li", {}, sample(el("rect", { x: 1, y: 3, width: 16, height: 8, rx: 2, fill: COLORS.bar })), "Receipt to resolution due"),
    el("li", {}, sample(el("rect", { x: 1, y: 3, width: 16, height: 8, rx: 2, fill: COLORS.barBreached })), "A clock breached"),
    el("li", {}, sample(diamond(9, 7, 5, { fill: COLORS.ackPending, stroke: COLORS.text, "stroke-width": 1.5 })), "Acknowledgment due"),
    el("li", {}, sample(diamond(9, 7, 5, { fill: COLORS.ackMet, stroke: COLORS.ackMet })), "Acknowledged"),
    el("li", {}, sample(cross(9, 7, 4, COLORS.breach, false)), "Breach"),
    el("li", {}, sample(el("line", { x1: 9, y1: 0, x2: 9, y2: 14, stroke: COLORS.today, "stroke-width": 2, "stroke-dasharray": "3 2" })), "Today"),
  ];
}

/**
 * The chart of `disputes` (each as GET /api/disputes/{id} answers it) around `today` (yyyy-MM-dd, the
 * service's date), as an SVG element with a text alternative.
 */
export function timeline(disputes, today) {
  const rows = disputes.filter((d) => d.deadlines?.resolution?.dueOn);
  const start = rows.reduce((min, d) => (d.receivedOn < min ? d.receivedOn : min), addDays(today, -7));
  const end = rows.reduce((max, d) => (d.deadlines.resolution.dueOn > max ? d.deadlines.resolution.dueOn : max), addDays(today, 30));
  const span = Math.max(1, daysBetween(start, end) + 1);
  const plot = LAYOUT.width - LAYOUT.label - LAYOUT.right;
  const x = (day) => LAYOUT.label + (daysBetween(start, day) / span) * plot;
  const height = LAYOUT.top + rows.length * LAYOUT.row + LAYOUT.bottom;

  const breachedCount = rows.filter((d) => hasBreach(d)).length;
  const summary = `${rows.length} ${rows.length === 1 ? "dispute" : "disputes"} from ${date(start)} to ${date(end)}; ` +
    `${breachedCount} with a breach. Today is ${date(today)}. The table below lists the same dates.`;

  const svg = el("svg", {
    viewBox: `0 0 ${LAYOUT.width} ${height}`, role: "img", "aria-labelledby": "timeline-svg-title timeline-svg-desc", id: "timeline-svg",
  },
  el("title", { id: "timeline-svg-title", text: "Timeline of deadlines due in the next 30 days" }),
  el("desc", { id: "timeline-svg-desc", text: summary }));

  // Weekly grid lines with their dates.
  const grid = el("g", { "aria-hidden": "true" });
  const step = span > 70 ? 14 : 7;
  for (let day = start; day <= end; day = addDays(day, step)) {
    const gx = x(day);
    grid.append(
      el("line", { x1: gx, y1: LAYOUT.top - 6, x2: gx, y2: height - LAYOUT.bottom, stroke: COLORS.grid, "stroke-width": 1 }),
      el("text", { x: gx, y: LAYOUT.top - 14, "text-anchor": "middle", "font-size": 12, fill: COLORS.muted, text: date(day).replace(/, \d{4}$/, "") }));
  }
  svg.append(grid);

  const body = el("g", { "aria-hidden": "true" });
  rows.forEach((d, i) => {
    const y = LAYOUT.top + i * LAYOUT.row + LAYOUT.row / 2;
    const ack = d.deadlines.acknowledgment;
    const res = d.deadlines.resolution;
    const breached = hasBreach(d);
    body.append(
      el("text", { x: LAYOUT.label - 12, y: y + 4, "text-anchor": "end", "font-size": 13, "font-family": "monospace", fill: COLORS.text, text: d.caseNumber }),
      el("rect", {
        x: x(d.receivedOn), y: y - 6, width: Math.max(3, x(addDays(res.dueOn, 1)) - x(d.receivedOn)), height: 12, rx: 3,
        fill: breached ? COLORS.barBreached : COLORS.bar, "data-case": d.caseNumber,
      }));
    if (ack?.dueOn) {
      body.append(diamond(x(ack.dueOn) + (plot / span) / 2, y, 7, { ...ackStyle(ack.status), "stroke-width": 1.5 }));
    }
    for (const clock of [ack, res]) {
      if (clock?.breachedAt) body.append(cross(x(clock.breachedAt.slice(0, 10)), y, 6, COLORS.breach));
    }
  });
  svg.append(body);

  const tx = x(today);
  svg.append(el("g", { "aria-hidden": "true" },
    el("line", { x1: tx, y1: LAYOUT.top - 6, x2: tx, y2: height - LAYOUT.bottom + 4, stroke: COLORS.today, "stroke-width": 2, "stroke-dasharray": "5 4" }),
    el("text", { x: tx + 4, y: height - 2, "font-size": 12, "font-weight": 700, fill: COLORS.today, text: "Today" })));
  return svg;
}

function hasBreach(d) {
  return d.deadlines.acknowledgment?.status === "breached" || d.deadlines.resolution?.status === "breached";
}

/** The timeline's data as a table: the same dates, for reading rather than seeing. */
export function timelineTable(disputes, onAudit) {
  return el("table", { id: "timeline-table" },
    el("caption", { text: "Timeline data" }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Received" }),
      el("th", { scope: "col", text: "Acknowledgment due" }), el("th", { scope: "col", text: "Resolution due" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, disputes.map((d) => el("tr", {},
      el("th", { scope: "row", class: "mono", text: d.caseNumber }),
      el("td", { text: date(d.receivedOn) }),
      el("td", {}, date(d.deadlines.acknowledgment?.dueOn), " ", el("span", { class: `badge ${d.deadlines.acknowledgment?.status}`, text: label(d.deadlines.acknowledgment?.status) })),
      el("td", {}, date(d.deadlines.resolution?.dueOn), " ", el("span", { class: `badge ${d.deadlines.resolution?.status}`, text: label(d.deadlines.resolution?.status) })),
      el("td", {}, onAudit(d.disputeId, d.caseNumber))))));
}
