// Compliance dashboard: clocks per kind and status, forfeiture exposure, activity by day, the 30-day timeline, the
// at-risk and breached lists, the notices missing or late and the letters waiting for the post, the complaints at risk
// and overdue, each dispute's (and complaint's) audit history, a dispute's "as of" view, and the breach report as CSV.

import { call } from "./api.js";
import { el, fill, guard, announce, showProblem, clearNotice, showFieldErrors, clearFieldErrors, busy } from "./ui.js";
import { label, date, instant, money, isoDate, addDays } from "./format.js";
import { timeline, timelineTable, legend } from "./timeline.js";

const PAGE = "compliance.html";
const caller = guard(PAGE);
const notice = document.getElementById("dashboard-notice");
const STATUSES = ["pending", "met", "met_by_resolution", "breached", "stopped"];
const CLOCKS = ["acknowledgment", "resolution"];

/** The service's "now": the summary's default breach period ends at it. */
let serviceNow = new Date();
const today = () => isoDate(serviceNow);

function auditButton(disputeId, caseNumber) {
  return el("button", { type: "button", class: "link", "data-audit": disputeId, onclick: () => openAudit(disputeId, caseNumber) },
    "Audit", el("span", { class: "visually-hidden", text: ` ${caseNumber}` }));
}

function tile(text, value, kind, id) {
  return el("div", { class: `tile ${kind || ""}` }, el("p", { class: "label", text }), el("p", { class: "value", id, text: value }));
}

function renderSummary(summary) {
  const count = (clock, status) => summary.counts.find((c) => c.clock === clock && c.status === status)?.count ?? 0;
  const pending = CLOCKS.reduce((n, c) => n + count(c, "pending"), 0);
  fill(document.getElementById("tiles"),
    tile("Total forfeiture exposure", money(summary.totalForfeitureExposure), summary.totalForfeitureExposure > 0 ? "alert" : "", "exposure"),
    tile("Disputes breaching in the next 7 days", String(summary.disputesDueSoon), summary.disputesDueSoon > 0 ? "caution" : "", "due-soon"),
    tile("Disputes breached in the last 30 days", String(summary.breachedDisputes), summary.breachedDisputes > 0 ? "alert" : "", "breached-disputes"),
    tile("Clocks running", String(pending), "", "pending-clocks"));

  fill(document.getElementById("counts"), el("table", { id: "counts-table" },
    el("caption", { class: "visually-hidden", text: "Clocks by status and kind" }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Status" }),
      CLOCKS.map((c) => el("th", { scope: "col", class: "num", text: label(c) })))),
    el("tbody", {}, STATUSES.map((status) => el("tr", { "data-status": status },
      el("th", { scope: "row" }, el("span", { class: `badge ${status}`, text: label(status) })),
      CLOCKS.map((clock) => el("td", { class: "num", "data-clock": clock, text: String(count(clock, status)) }))))),
    el("tfoot", {}, el("tr", {}, el("th", { scope: "row", text: "Total" }),
      CLOCKS.map((clock) => el("td", { class: "num", text: String(STATUSES.reduce((n, s) => n + count(clock, s), 0)) }))))));
}

function deadlineTable(id, items, { breached }) {
  if (!items.length) return el("p", { class: "empty", text: breached ? "No breached clocks." : "Nothing due in the next 7 days." });
  return el("table", { id },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Clock" }), el("th", { scope: "col", text: "Due" }),
      el("th", { scope: "col", text: breached ? "Breached" : "Breaches at" }),
      el("th", { scope: "col", class: "num", text: breached ? "Exposure" : "Amount" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, items.map((item) => el("tr", { "data-case": item.caseNumber },
      el("th", { scope: "row", class: "mono nowrap", text: item.caseNumber }),
      el("td", {}, label(item.clock)),
      el("td", { class: "nowrap", text: date(item.dueOn) }),
      el("td", { text: instant(breached ? item.breachedAt : item.breachesAt) }),
      el("td", { class: "num", text: money(breached ? item.forfeitureExposure : item.amount, item.currency) }),
      el("td", {}, auditButton(item.disputeId, item.caseNumber))))));
}

function complaintAuditButton(item) {
  return el("button", { type: "button", class: "link", "data-audit": item.complaintId, onclick: () => openComplaintAudit(item.complaintId, item.reference) },
    "Audit", el("span", { class: "visually-hidden", text: ` ${item.reference}` }));
}

// A complaint's list row: the deadline that puts it on the list (the first still undone), and the dispute it is about.
function complaintTable(id, items, { overdue }) {
  if (!items.length) {
    return el("p", { class: "empty", text: overdue ? "No complaint is overdue." : "No complaint is due in the next 7 days." });
  }
  return el("table", { id },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Reference" }), el("th", { scope: "col", text: "Deadline" }), el("th", { scope: "col", text: "Due" }),
      el("th", { scope: "col", text: overdue ? "Overdue since" : "Breaches at" }), el("th", { scope: "col", text: "Status" }),
      el("th", { scope: "col", text: "About" }), el("th", { scope: "col", text: "Dispute" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, items.map((item) => el("tr", { "data-reference": item.reference },
      el("th", { scope: "row", class: "mono nowrap", text: item.reference }),
      el("td", { text: label(item.nextDeadline) }),
      el("td", { class: "nowrap", text: date(item.nextDueOn) }),
      el("td", { text: instant(item.nextBreachesAt) }),
      el("td", {}, el("span", { class: `badge ${item.status}`, text: label(item.status) })),
      el("td", { text: label(item.category) }),
      el("td", { class: "nowrap" }, item.disputeId
        ? el("button", { type: "button", class: "link mono", "data-audit": item.disputeId, onclick: () => openAudit(item.disputeId, item.caseNumber) },
          el("span", { class: "visually-hidden", text: "Audit dispute " }), item.caseNumber)
        : "—"),
      el("td", {}, complaintAuditButton(item))))));
}

async function inBatches(ids, load, size = 6) {
  const results = [];
  for (let i = 0; i < ids.length; i += size) {
    results.push(...await Promise.all(ids.slice(i, i + size).map(load)));
  }
  return results;
}

async function renderTimeline() {
  const page = await call(`/api/compliance/deadlines?status=pending,breached&dueAfter=${today()}&dueBefore=${addDays(today(), 30)}&pageSize=500`);
  const ids = [...new Set(page.items.map((i) => i.disputeId))].slice(0, 40);
  const disputes = (await inBatches(ids, (id) => call(`/api/disputes/${id}`).catch(() => null))).filter(Boolean)
    .sort((a, b) => (a.deadlines.resolution?.dueOn || "").localeCompare(b.deadlines.resolution?.dueOn || ""));
  const root = document.getElementById("timeline");
  if (!disputes.length) {
    fill(root, el("p", { class: "empty", text: "No deadline falls in the next 30 days." }));
    return;
  }
  fill(root, timeline(disputes, today()),
    el("details", {}, el("summary", { text: "Show the timeline as a table" }), el("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": "Timeline data" }, timelineTable(disputes, auditButton))));
}

// The daily totals come from an asynchronous projection that trails the event log by a fraction of a second; while
// it has events still to count the table says so and asks again shortly, a few times.
const DAY_COLUMNS = [
  ["noticesReceived", "Notices received"],
  ["acknowledgmentsSent", "Acknowledged"],
  ["resolvedCorrected", "Resolved: corrected"],
  ["resolvedNoError", "Resolved: no error"],
  ["resolvedPartly", "Resolved: in part"],
  ["withdrawn", "Withdrawn"],
  ["acknowledgmentBreaches", "Acknowledgment breaches"],
  ["resolutionBreaches", "Resolution breaches"],
];
let daysRetry = null;

/** What an asynchronous projection's freshness means to the reader. */
function freshnessText(freshness) {
  const behind = freshness.eventsBehind;
  return behind === 0
    ? "Every recorded event is counted."
    : `${behind} recent ${behind === 1 ? "event is" : "events are"} not counted yet (${freshness.secondsBehind.toFixed(1)} s behind).`;
}

let summaryRetry = null;

/** The totals and counts, from the clock tally; asked again while recent events are not counted yet. */
async function renderSummaryFigures(attempt = 0) {
  clearTimeout(summaryRetry);
  const summary = await call("/api/compliance/summary");
  serviceNow = new Date(summary.breachesTo);
  document.getElementById("as-of-now").textContent = `Service time: ${instant(summary.breachesTo)}`;
  renderSummary(summary);
  document.getElementById("summary-freshness").textContent = freshnessText(summary.freshness);
  if (summary.freshness.eventsBehind > 0 && attempt < 10) {
    summaryRetry = setTimeout(() => renderSummaryFigures(attempt + 1).catch((error) => showProblem(notice, error)), 1000);
  }
}

async function renderDays(attempt = 0) {
  clearTimeout(daysRetry);
  const totals = await call(`/api/compliance/days?from=${addDays(today(), -89)}&to=${today()}`);
  const active = totals.days.filter((d) => DAY_COLUMNS.some(([key]) => d[key] > 0)).reverse();
  const sum = (key) => active.reduce((n, d) => n + d[key], 0);
  fill(document.getElementById("days"), active.length === 0
    ? el("p", { class: "empty", text: "Nothing happened in the last 90 days." })
    : el("table", { id: "days-table" },
      el("caption", { class: "visually-hidden", text: "Days with activity, newest first (UTC days)" }),
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "Day (UTC)" }),
        DAY_COLUMNS.map(([, text]) => el("th", { scope: "col", class: "num", text })))),
      el("tbody", {}, active.map((d) => el("tr", { "data-date": d.date },
        el("th", { scope: "row", class: "nowrap", text: date(d.date) }),
        DAY_COLUMNS.map(([key]) => el("td", { class: "num", "data-column": key, text: String(d[key]) }))))),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", text: "Total" }),
        DAY_COLUMNS.map(([key]) => el("td", { class: "num", text: String(sum(key)) }))))));
  const behind = totals.freshness.eventsBehind;
  document.getElementById("days-freshness").textContent = freshnessText(totals.freshness);
  if (behind > 0 && attempt < 10) {
    daysRetry = setTimeout(() => renderDays(attempt + 1).catch((error) => showProblem(notice, error)), 1000);
  }
}

function attentionTable(items) {
  if (!items.length) return el("p", { class: "empty", text: "Every open dispute's calendar can tell its deadline." });
  return el("table", { id: "attention-table" },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Account" }), el("th", { scope: "col", text: "Received" }),
      el("th", { scope: "col", text: "Due (90-day cap)" }), el("th", { scope: "col", text: "What the calendar lacks" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, items.map((item) => el("tr", { "data-case": item.caseNumber },
      el("th", { scope: "row", class: "mono nowrap", text: item.caseNumber }),
      el("td", { class: "mono", text: item.accountId }),
      el("td", { class: "nowrap", text: date(item.receivedOn) }),
      el("td", { class: "nowrap", text: date(item.dueOn) }),
      el("td", { text: item.capReason }),
      el("td", {}, auditButton(item.disputeId, item.caseNumber))))));
}

function violationsTable(items) {
  if (!items.length) return el("p", { class: "empty", text: "No hold has been broken." });
  return el("table", { id: "violations-table" },
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Account" }), el("th", { scope: "col", text: "Activity" }),
      el("th", { scope: "col", text: "When" }), el("th", { scope: "col", text: "Duty broken" }), el("th", { scope: "col", text: "Forfeiture" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, items.flatMap((item) => item.violations.map((v) => el("tr", { "data-case": item.caseNumber },
      el("th", { scope: "row", class: "mono nowrap", text: item.caseNumber }),
      el("td", { class: "mono", text: item.accountId }),
      el("td", { text: `${label(v.kind)}: ${v.why}` }),
      el("td", { class: "nowrap", text: instant(v.at) }),
      el("td", { class: "nowrap", text: v.rule }),
      el("td", { class: "nowrap", text: money(item.forfeitureExposure, item.currency) }),
      el("td", {}, auditButton(item.disputeId, item.caseNumber)))))));
}

const LAPSES = {
  missing: "Missing: nothing sent",
  waiting_for_post: "Waiting for the post",
  sent_late: "Sent late",
  confirmed_after_breach: "Mailed in time, confirmed after the breach",
};
const NOTICE_KINDS = {
  acknowledgment: "Acknowledgment",
  documents_request: "Request for documents",
  correction: "Correction notice",
  explanation: "Explanation",
  reporting: "Notice of reporting",
};

function daysLate(n) {
  return n === 0 ? "0 days" : n === 1 ? "1 day" : `${n} days`;
}

// Each acknowledgment or resolution whose written notice is missing or late: the clock, its due date, the letter that
// answers it (if any) with how it went, and how many days after the due date it was sent (or today, while it is not).
function lateNoticesTable(page) {
  if (!page.items.length) return el("p", { class: "empty", text: "Every notice that fell due was sent on time." });
  return el("div", {},
    el("table", { id: "late-notices-table" },
      el("caption", { class: "visually-hidden", text: "Notices missing or late, earliest due date first" }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Clock" }), el("th", { scope: "col", text: "Due" }),
        el("th", { scope: "col", text: "Notice" }), el("th", { scope: "col", text: "Queued" }), el("th", { scope: "col", text: "Sent" }),
        el("th", { scope: "col", text: "Channel" }), el("th", { scope: "col", class: "num", text: "Days late" }),
        el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
      el("tbody", {}, page.items.map((item) => el("tr", { "data-case": item.caseNumber, "data-clock": item.clock },
        el("th", { scope: "row", class: "mono nowrap", text: item.caseNumber }),
        el("td", { text: label(item.clock) }),
        el("td", { class: "nowrap", text: date(item.dueOn) }),
        el("td", {},
          el("span", { class: `badge ${item.lapse === "confirmed_after_breach" ? "pending" : "breached"}`, "data-lapse": item.lapse, text: LAPSES[item.lapse] ?? label(item.lapse) }),
          item.noticeKind ? el("div", { class: "small muted", text: NOTICE_KINDS[item.noticeKind] ?? label(item.noticeKind) }) : null),
        el("td", { class: "nowrap", text: item.queuedAt ? instant(item.queuedAt) : "—" }),
        el("td", { class: "nowrap", text: item.sentAt ? instant(item.sentAt) : "Not sent" }),
        el("td", { text: item.channel ? label(item.channel) : "—" }),
        el("td", { class: "num", text: daysLate(item.daysLate) }),
        el("td", {}, auditButton(item.disputeId, item.caseNumber)))))),
    page.total > page.items.length
      ? el("p", { class: "small muted", text: `Showing the first ${page.items.length} of ${page.total}.` })
      : null);
}

// The print queue: letters by post not yet mailed, with the clock each one's mailing must beat.
function printQueueTable(letters) {
  if (!letters.length) return el("p", { class: "empty", text: "No letter is waiting for the post." });
  return el("table", { id: "print-queue-table" },
    el("caption", { class: "visually-hidden", text: "Letters waiting for the post, the soonest breach first" }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Letter" }), el("th", { scope: "col", text: "Queued" }),
      el("th", { scope: "col", text: "Meets" }), el("th", { scope: "col", text: "Due" }), el("th", { scope: "col", text: "Breaches at" }),
      el("th", { scope: "col", text: "Batch" }),
      el("th", { scope: "col" }, el("span", { class: "visually-hidden", text: "Audit" })))),
    el("tbody", {}, letters.map((letter) => el("tr", { "data-case": letter.caseNumber, "data-notice": letter.noticeId },
      el("th", { scope: "row", class: "mono nowrap", text: letter.caseNumber }),
      el("td", { text: `${NOTICE_KINDS[letter.kind] ?? label(letter.kind)} (${letter.language === "es" ? "Spanish" : "English"})` }),
      el("td", { class: "nowrap", text: instant(letter.queuedAt) }),
      el("td", { text: letter.meets ? letter.clocks.map((c) => label(c.clock)).join(", ") : "No clock" }),
      el("td", { class: "nowrap", text: letter.dueOn ? date(letter.dueOn) : "—" }),
      el("td", { class: "nowrap", text: letter.breachesAt ? instant(letter.breachesAt) : "—" }),
      el("td", { text: letter.batchId ? "Collected" : "Not collected" }),
      el("td", {}, auditButton(letter.disputeId, letter.caseNumber))))));
}

async function renderPrintQueue() {
  const root = document.getElementById("print-queue");
  // The print queue is read by compliance officers and the mail vendor; a supervisor on this page is told so.
  if (caller.role !== "compliance") {
    fill(root, el("p", { class: "empty", text: "The print queue is shown to compliance officers." }));
    return;
  }
  fill(root, printQueueTable(await call("/api/notices/print-queue")));
}

async function load() {
  clearNotice(notice);
  try {
    await renderSummaryFigures();
    const [risk, breached, attention, violations, complaintsAtRisk, complaintsOverdue] = await Promise.all([
      call(`/api/compliance/deadlines?status=pending&dueBefore=${addDays(today(), 7)}&pageSize=100`),
      call("/api/compliance/deadlines?status=breached&pageSize=100"),
      call("/api/compliance/calendar-attention?pageSize=100"),
      call("/api/compliance/hold-violations?pageSize=100"),
      call("/api/compliance/complaints?status=at_risk&withinDays=7&pageSize=100"),
      call("/api/compliance/complaints?status=overdue&pageSize=100"),
    ]);
    fill(document.getElementById("at-risk"), deadlineTable("at-risk-table", risk.items, { breached: false }));
    fill(document.getElementById("breached"), deadlineTable("breached-table", breached.items, { breached: true }));
    fill(document.getElementById("attention"), attentionTable(attention.items));
    fill(document.getElementById("violations"), violationsTable(violations.items));
    fill(document.getElementById("late-notices"), lateNoticesTable(await call("/api/compliance/missing-or-late-notices?pageSize=100")));
    await renderPrintQueue();
    fill(document.getElementById("complaints-at-risk"), complaintTable("complaints-at-risk-table", complaintsAtRisk.items, { overdue: false }));
    fill(document.getElementById("complaints-overdue"), complaintTable("complaints-overdue-table", complaintsOverdue.items, { overdue: true }));
    if (!document.getElementById("report-from").value) {
      document.getElementById("report-from").value = addDays(today(), -30);
      document.getElementById("report-to").value = addDays(today(), 1);
    }
    await renderDays();
    await renderTimeline();
  } catch (error) {
    showProblem(notice, error);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Audit: history and "as of"

const audit = document.getElementById("audit");
let auditing = null;

function eventData(data) {
  return el("details", {}, el("summary", { text: "Data" }), el("pre", { class: "mono small", text: JSON.stringify(data, null, 2) }));
}

async function openAudit(disputeId, caseNumber) {
  auditing = { disputeId, caseNumber, opener: disputeId };
  audit.hidden = false;
  audit.classList.remove("complaint");
  const title = document.getElementById("audit-title");
  fill(title, "Audit of case ", el("span", { class: "mono", text: caseNumber }));
  clearNotice(document.getElementById("audit-notice"));
  fill(document.getElementById("as-of"));
  document.getElementById("as-of-at").value = serviceNow.toISOString().slice(0, 16);
  fill(document.getElementById("history"), el("p", { class: "muted", text: "Loading the history…" }));
  title.focus();
  audit.scrollIntoView({ block: "start" });
  try {
    const history = await call(`/api/compliance/disputes/${disputeId}/history`);
    fill(document.getElementById("history"), historyTable(history, `case ${caseNumber}`));
    announce(`History of case ${caseNumber} loaded: ${history.events.length} events.`);
  } catch (error) {
    showProblem(document.getElementById("audit-notice"), error);
  }
}

// A complaint's audit: its history only (the "as of" view is a dispute's).
async function openComplaintAudit(complaintId, reference) {
  auditing = { opener: complaintId };
  audit.hidden = false;
  audit.classList.add("complaint");
  const title = document.getElementById("audit-title");
  fill(title, "Audit of complaint ", el("span", { class: "mono", text: reference }));
  clearNotice(document.getElementById("audit-notice"));
  fill(document.getElementById("history"), el("p", { class: "muted", text: "Loading the history…" }));
  title.focus();
  audit.scrollIntoView({ block: "start" });
  try {
    const history = await call(`/api/compliance/complaints/${complaintId}/history`);
    fill(document.getElementById("history"), historyTable(history, `complaint ${reference}`));
    announce(`History of complaint ${reference} loaded: ${history.events.length} events.`);
  } catch (error) {
    showProblem(document.getElementById("audit-notice"), error);
  }
}

function historyTable(history, what) {
  return el("table", { id: "history-table" },
    el("caption", { class: "visually-hidden", text: `Every event of ${what}, oldest first` }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", class: "num", text: "#" }), el("th", { scope: "col", text: "Event" }), el("th", { scope: "col", text: "Happened" }),
      el("th", { scope: "col", text: "Recorded" }), el("th", { scope: "col", text: "Actor" }), el("th", { scope: "col", text: "Correlation id" }),
      el("th", { scope: "col", text: "Data" }))),
    el("tbody", {}, history.events.map((e) => el("tr", { "data-type": e.type },
      el("td", { class: "num", text: String(e.version) }),
      el("th", { scope: "row", text: label(e.type) }),
      el("td", { text: instant(e.occurredAt) }),
      el("td", { text: instant(e.timestamp) }),
      el("td", { class: "mono", text: e.actor || "—" }),
      el("td", { class: "mono small", text: e.correlationId || "—" }),
      el("td", {}, eventData(e.data))))));
}

document.getElementById("audit-close").addEventListener("click", () => {
  audit.hidden = true;
  const opener = auditing && document.querySelector(`[data-audit="${auditing.opener}"]`);
  auditing = null;
  opener?.focus();
});

document.getElementById("as-of-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearFieldErrors(form);
  const value = document.getElementById("as-of-at").value;
  if (!value) {
    showFieldErrors(form, { at: ["is required."] });
    return;
  }
  const at = `${value.length === 16 ? `${value}:00` : value}Z`;
  const root = document.getElementById("as-of");
  try {
    const d = await call(`/api/compliance/disputes/${auditing.disputeId}/as-of?at=${encodeURIComponent(at)}`);
    fill(root, el("div", { class: "notice info", id: "as-of-result" },
      el("h3", {}, `As of ${instant(d.asOf)}: `, el("span", { class: `badge ${d.status}`, text: label(d.status) })),
      el("dl", { class: "facts" },
        el("dt", { text: "Version" }), el("dd", { text: String(d.version) }),
        el("dt", { text: "Acknowledgment" }), el("dd", { text: `${label(d.deadlines.acknowledgment.status)}, due ${date(d.deadlines.acknowledgment.dueOn)}` }),
        el("dt", { text: "Resolution" }), el("dd", { text: `${label(d.deadlines.resolution.status)}, due ${date(d.deadlines.resolution.dueOn)}` }),
        el("dt", { text: "Last step" }), el("dd", { text: d.steps.at(-1)?.summary || "—" }))));
  } catch (error) {
    if (error.status === 404) {
      fill(root, el("p", { class: "notice warn", id: "as-of-result", text: `Case ${auditing.caseNumber} was not yet opened at ${instant(at)}.` }));
    } else {
      const placed = showFieldErrors(form, error.errors);
      if (!placed.length) showProblem(document.getElementById("audit-notice"), error);
    }
  }
});

// ---------------------------------------------------------------------------------------------------------
// Breach report

document.getElementById("report-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const reportNotice = document.getElementById("report-notice");
  clearNotice(reportNotice);
  clearFieldErrors(form);
  const from = document.getElementById("report-from").value;
  const to = document.getElementById("report-to").value;
  const query = new URLSearchParams();
  if (from) query.set("from", `${from}T00:00:00Z`);
  if (to) query.set("to", `${to}T00:00:00Z`);
  await busy(document.getElementById("report-csv"), async () => {
    try {
      const report = await call(`/api/compliance/breaches?${query}`);
      document.getElementById("report-summary").textContent =
        `${report.breachedClocks} breached ${report.breachedClocks === 1 ? "clock" : "clocks"} on ${report.breachedDisputes} ` +
        `${report.breachedDisputes === 1 ? "dispute" : "disputes"}; exposure ${money(report.totalForfeitureExposure)}.`;
      query.set("format", "csv");
      const { blob, response } = await call(`/api/compliance/breaches?${query}`, { accept: "text/csv", as: "blob" });
      const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "breaches.csv";
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      announce(`Breach report downloaded: ${name}.`);
    } catch (error) {
      const placed = showFieldErrors(form, error.errors);
      showProblem(reportNotice, error, { fieldsShown: placed });
    }
  });
});

document.getElementById("refresh").addEventListener("click", async () => {
  await load();
  announce("Dashboard refreshed.");
});

if (caller) {
  document.getElementById("dashboard").hidden = false;
  fill(document.getElementById("legend"), legend());
  load();
}
