// Agent console: open a dispute from a chat, the work queue (nearest deadline first), a dispute's page with
// its clocks, steps and the actions allowed next, and a formal complaint logged about it. Every command carries the
// version the agent saw; a changed dispute answers 409 and the page offers to reload.

import { call } from "./api.js";
import { el, fill, guard, announce, showProblem, clearNotice, showFieldErrors, clearFieldErrors, focusFirstInvalid, busy } from "./ui.js";
import { label, date, instant, money } from "./format.js";
import { text, amount, day, utcInstant, watchCardNumbers } from "./forms.js";
import { letterItem } from "./letters.js";

const PAGE = "agent.html";
const caller = guard(PAGE);

const homeView = document.getElementById("home-view");
const disputeView = document.getElementById("dispute-view");

// ---------------------------------------------------------------------------------------------------------
// Opening a dispute

const intakeForm = document.getElementById("intake-form");
const intakeNotice = document.getElementById("intake-notice");
const intakeResult = document.getElementById("intake-result");
const field = (name) => document.getElementById(`f-${name}`);

function intakeBody() {
  return {
    accountId: text(field("accountId")),
    cardLast4: text(field("cardLast4")),
    chatSessionId: text(field("chatSessionId")),
    reason: text(field("reason")),
    merchant: text(field("merchant")),
    amount: amount(field("amount")),
    currency: text(field("currency"))?.toUpperCase(),
    transactionDate: day(field("transactionDate")),
    statementTransmittedOn: day(field("statementTransmittedOn")),
    noticeReceivedAt: utcInstant(field("noticeReceivedAt")),
    description: text(field("description")),
  };
}

function spelled(caseNumber) {
  return caseNumber.split("").map((c) => (c === "-" ? "dash" : c)).join(" ");
}

function showOpened(dispute, repeated) {
  const copy = el("button", { type: "button", class: "secondary", id: "copy-case" }, "Copy case number");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(dispute.caseNumber);
      announce("Case number copied.");
    } catch {
      announce("Copying is not allowed here: select the case number and copy it.");
    }
  });
  fill(intakeResult,
    el("div", { class: "notice ok case-banner", role: "status" },
      el("h3", { id: "opened-title", tabindex: "-1", text: repeated ? "This chat already opened this dispute" : "Dispute opened" }),
      el("p", { text: "Read this case number to the cardmember:" }),
      el("p", { class: "case-number", id: "case-number", text: dispute.caseNumber }),
      el("p", { class: "spelled", "aria-hidden": "true", text: spelled(dispute.caseNumber) }),
      el("div", { class: "actions-row" }, copy, el("a", { href: `#dispute/${dispute.disputeId}`, text: "Open the dispute" }))));
  document.getElementById("opened-title").focus();
}

const recheckDescription = watchCardNumbers(field("description"), document.getElementById("f-description-warning"));
const recheckMerchant = watchCardNumbers(field("merchant"), document.getElementById("f-merchant-warning"));

intakeForm.addEventListener("reset", () => {
  clearFieldErrors(intakeForm);
  clearNotice(intakeNotice);
  setTimeout(() => { recheckDescription(); recheckMerchant(); }, 0);
});

intakeForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearNotice(intakeNotice);
  clearFieldErrors(intakeForm);
  fill(intakeResult);
  await busy(document.getElementById("intake-submit"), async () => {
    try {
      // 201 for a new dispute; 200 when this chat already opened it for the same transaction.
      const { status, body: dispute } = await call("/api/disputes", { method: "POST", body: intakeBody(), as: "response" });
      showOpened(dispute, status === 200);
      announce(`Dispute opened. Case number ${spelled(dispute.caseNumber)}.`);
      const keep = field("accountId").value;
      intakeForm.reset();
      field("accountId").value = keep;
      loadQueue();
    } catch (error) {
      const placed = showFieldErrors(intakeForm, error.errors);
      showProblem(intakeNotice, error, { fieldsShown: placed });
      if (placed.length) focusFirstInvalid(intakeForm);
    }
  });
});

// Registering an account (agents may; the intake needs its calendar).
const accountForm = document.getElementById("account-form");
accountForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const notice = document.getElementById("account-notice");
  clearNotice(notice);
  clearFieldErrors(accountForm);
  const accountId = document.getElementById("a-accountId").value.trim() || field("accountId").value.trim();
  if (!accountId) {
    showFieldErrors(accountForm, { accountId: ["is required."] });
    focusFirstInvalid(accountForm);
    return;
  }
  try {
    const closingDay = Number(document.getElementById("a-closingDay").value);
    await call(`/api/accounts/${encodeURIComponent(accountId)}`, {
      method: "PUT",
      body: { timeZone: document.getElementById("a-timeZone").value, billingCycle: { closingDay: Number.isFinite(closingDay) ? closingDay : undefined } },
    });
    notice.className = "notice ok";
    notice.setAttribute("role", "status");
    fill(notice, el("p", { text: `Account ${accountId} is registered.` }));
    if (!field("accountId").value) field("accountId").value = accountId;
  } catch (error) {
    const placed = showFieldErrors(accountForm, error.errors);
    showProblem(notice, error, { fieldsShown: placed });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Work queue

const queue = document.getElementById("queue");
const queueNotice = document.getElementById("queue-notice");

function deadlineCell(item) {
  if (!item.nextClock) {
    return el("td", {}, item.breached ? el("span", { class: "badge breached", text: "Breached" }) : el("span", { class: "muted", text: "No running clock" }));
  }
  return el("td", {},
    el("div", {}, `${label(item.nextClock)} due`), el("strong", { class: "nowrap", text: date(item.nextDueOn) }),
    item.breached ? el("div", {}, el("span", { class: "badge breached", text: "A clock breached" })) : null);
}

async function loadQueue() {
  clearNotice(queueNotice);
  try {
    const page = await call("/api/disputes?status=open,acknowledged,reopened&pageSize=50");
    document.getElementById("queue-summary").textContent =
      `${page.total} open ${page.total === 1 ? "dispute" : "disputes"}, the one breaching first on top.`;
    if (!page.items.length) {
      fill(queue, el("p", { class: "empty", text: "No open disputes. New disputes appear here." }));
      return;
    }
    fill(queue, el("table", { id: "queue-table" },
      el("caption", { class: "visually-hidden", text: "Open disputes, nearest deadline first" }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: "Case" }), el("th", { scope: "col", text: "Status" }), el("th", { scope: "col", text: "Next deadline" }))),
      el("tbody", {}, page.items.map((item) => el("tr", { "data-case": item.caseNumber },
        el("th", { scope: "row" },
          el("a", { href: `#dispute/${item.disputeId}`, class: "mono nowrap", text: item.caseNumber }),
          el("div", { class: "small muted" }, `${item.merchant} · ${money(item.amount, item.currency)}`)),
        el("td", {}, el("span", { class: `badge ${item.status}`, text: label(item.status) }),
          item.escalatedTo ? el("div", { class: "small muted", text: `Escalated: ${label(item.escalatedTo)}` }) : null),
        deadlineCell(item))))));
  } catch (error) {
    showProblem(queueNotice, error);
    fill(queue);
  }
}

document.getElementById("queue-refresh").addEventListener("click", async () => {
  await loadQueue();
  announce("Work queue refreshed.");
});

document.getElementById("find-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  clearFieldErrors(form);
  const caseNumber = document.getElementById("find-case").value.trim().toUpperCase();
  if (!caseNumber) {
    showFieldErrors(form, { caseNumber: ["is required."] });
    return;
  }
  try {
    const dispute = await call(`/api/disputes/by-case/${encodeURIComponent(caseNumber)}`);
    location.hash = `#dispute/${dispute.disputeId}`;
  } catch (error) {
    showFieldErrors(form, { caseNumber: [error.status === 404 ? "was not found." : error.message] });
    focusFirstInvalid(form);
  }
});

// ---------------------------------------------------------------------------------------------------------
// A dispute's page

const disputeNotice = document.getElementById("dispute-notice");
const disputeRoot = document.getElementById("dispute");
let current = null;

const ESCALATION_TARGETS = ["supervisor", "disputes", "credit", "rewards"];
const SOURCES = ["cardmember", "merchant"];

/** The commands an agent can send, their fields and what to say when done. */
const ACTIONS = [
  { step: "statement-date", title: "Record the statement date", done: "Statement date recorded; the filing window is known.", fields: [
    { name: "statementTransmittedOn", label: "Statement sent on", type: "date" }] },
  { step: "escalation", title: "Escalate", done: "Escalation recorded.", fields: [
    { name: "to", label: "Escalate to", type: "select", options: ESCALATION_TARGETS },
    { name: "reason", label: "Reason", type: "textarea" }] },
  { step: "resolution", title: "Resolve", done: (d) => d.pendingResolution
    ? "Resolution proposed for a supervisor's approval; nothing is resolved or sent until then."
    : "Resolution recorded.",
  // The letter a resolution sends: the correction for a credit (in full or in part), the explanation for no error.
  preview: (body) => ({ ...body, kind: body.outcome === "no_error" ? "explanation" : "correction" }), fields: [
    { name: "outcome", label: "Outcome", type: "radio", options: ["corrected", "no_error", "partial"] },
    { name: "creditedAmount", label: "Amount credited", type: "money", when: ["outcome", "corrected|partial"] },
    { name: "explanation", label: "Written explanation sent to the cardmember", type: "textarea", when: ["outcome", "no_error|partial"] },
    { name: "amountOwed", label: "Amount still owed (optional)", type: "money", when: ["outcome", "no_error|partial"] },
    { name: "paymentDueOn", label: "Payment due on (when money is owed)", type: "date", when: ["outcome", "no_error|partial"] }] },
  { step: "provisional-credits", title: "Issue a provisional credit", done: "Provisional credit recorded.", fields: [
    { name: "amount", label: "Amount", type: "money" }] },
  { step: "document-requests", title: "Request documents", done: "Document request recorded.",
    preview: (body) => (body.from === "cardmember" ? { ...body, kind: "documents_request" } : null),
    noLetter: "A request to the merchant sends the cardmember no letter.", fields: [
    { name: "from", label: "From", type: "select", options: SOURCES },
    { name: "documents", label: "Documents asked for", type: "textarea" }] },
  { step: "documents-received", title: "Record documents received", done: "Documents recorded.", fields: [
    { name: "from", label: "From", type: "select", options: SOURCES },
    { name: "documents", label: "Documents received", type: "textarea" }] },
  { step: "merchant-contacts", title: "Record merchant contact", done: "Merchant contact recorded.", fields: [
    { name: "summary", label: "What was asked or said", type: "textarea" }] },
  { step: "finance-charges", title: "Record related finance charges", done: "Finance charges recorded.", fields: [
    { name: "amount", label: "Amount", type: "money" }] },
  { step: "withdrawal", title: "Record the cardmember's withdrawal", done: "Withdrawal recorded; the clocks stopped.", danger: true, fields: [
    { name: "reason", label: "What the cardmember said (optional)", type: "textarea" }] },
  { step: "notes", title: "Add an internal note", done: "Note added.", fields: [
    { name: "text", label: "Note (never shown to the cardmember)", type: "textarea" }] },
  { step: "reopening", title: "Reopen as a reassertion", done: "Dispute reopened.", supervisorOnly: true, fields: [
    { name: "reason", label: "What the cardmember reasserted", type: "textarea" }] },
  // 1026.13(g)(4): offered only after a reassertion within the payment period; each party's name and address is in the letter.
  { step: "reporting", title: "Record a report and send the notice of reporting", done: "Report recorded; the notice of reporting was sent.",
    preview: (body) => ({ ...body, kind: "reporting" }), fields: [
      { name: "stage", label: "What was reported", type: "radio", options: ["reported", "resolution_reported"] },
      { name: "reportedOn", label: "Reported on", type: "date" },
      { name: "parties", label: "Parties reported to", type: "parties" }] },
  { step: "resolution-rejection", title: "Return the proposed resolution", done: "Proposal returned to the agent.", supervisorOnly: true,
    decidesOn: "proposal", fields: [
      { name: "reason", label: "Why (the agent sees this)", type: "textarea" }] },
];

// What the dispute allows is the domain's decision, sent with the dispute; the console only hides what the caller's
// role may not do.
function allowedActions(dispute) {
  const allowed = new Set(dispute.allowedActions ?? []);
  return {
    acknowledge: allowed.has("acknowledgment"),
    commands: ACTIONS.filter((action) => allowed.has(action.step) && (!action.supervisorOnly || caller.role === "supervisor")
      && (action.decidesOn !== "proposal" || !ownProposal(dispute))),
    approve: allowed.has("resolution-approval") && caller.role === "supervisor" && !ownProposal(dispute),
  };
}

// A second person decides on a proposal: the proposer is not offered the decision (the API refuses it too).
function ownProposal(dispute) {
  return dispute.pendingResolution?.proposedBy === caller.subject;
}

// The 60-day filing window (rule book section 1). A charge not yet billed has none yet: the notice is taken as timely and
// its clocks run from receipt. Once the statement date is recorded the window is shown for real; a notice taken as
// timely stays protected even when the window says it was late.
function filingWindowPanel(dispute) {
  const w = dispute.deadlines.filingWindow;
  const badge = w.notYetBilled
    ? el("span", { class: "badge pending", id: "not-yet-billed", text: "Not yet billed" })
    : el("span", { class: `badge ${w.timely ? "met" : "breached"}`, text: w.timely ? "Timely" : "Late notice" });
  const why = w.notYetBilled
    ? "Treated as timely: the clocks run from receipt. Record the statement date when the charge is billed."
    : !w.timely && dispute.fcbaProtected
      ? "Accepted before billing, so it stays protected: the Fair Credit Billing Act clocks apply."
      : dispute.fcbaProtected ? "Fair Credit Billing Act clocks apply." : "Not protected: no clocks run.";
  return el("div", { class: "clock", id: "filing-window" },
    el("h3", { text: "Filing window" }),
    el("p", { class: "due" }, w.lastDay ? date(w.lastDay) : "—"),
    el("p", {}, badge),
    el("p", { class: "small muted", text: why }));
}

function clockPanel(title, clock, extra) {
  const status = clock.status;
  return el("div", { class: "clock" },
    el("h3", { text: title }),
    el("p", { class: "due" }, clock.dueOn ? date(clock.dueOn) : "—"),
    el("p", {}, el("span", { class: `badge ${status}`, text: label(status) })),
    el("p", { class: "small muted" },
      clock.breachesAt ? `Breaches at ${instant(clock.breachesAt)}` : null,
      clock.metAt ? `Met at ${instant(clock.metAt)}` : null,
      clock.breachedAt ? `Breached at ${instant(clock.breachedAt)}` : null,
      extra ? [el("br"), extra] : null));
}

// The parties of a notice of reporting: one group per party, a name and its address one line per line, added and removed
// with buttons; the first party's name carries the field errors the API gives for "parties".
function partiesControl(action, f) {
  const list = el("div", { class: "parties", id: `${action.step}-${f.name}` });
  const add = el("button", { type: "button", class: "secondary", id: `${action.step}-add-party` }, "Add a party");
  let count = 0;
  const renumber = () => {
    list.querySelectorAll("fieldset.party").forEach((group, i) => {
      group.querySelector("legend").textContent = `Party ${i + 1}`;
      const remove = group.querySelector("button.remove-party");
      remove.hidden = list.children.length === 1;
      remove.querySelector(".visually-hidden").textContent = ` party ${i + 1}`;
    });
  };
  const addParty = ({ focus = false } = {}) => {
    count += 1;
    const n = count;
    const name = el("input", { type: "text", id: `${action.step}-party-${n}-name`, class: "party-name", autocomplete: "off",
      "data-field": list.children.length === 0 ? f.name : null, "data-label": "Parties reported to" });
    const address = el("textarea", { id: `${action.step}-party-${n}-address`, class: "party-address", rows: 3,
      "aria-describedby": `${action.step}-party-${n}-address-hint` });
    const remove = el("button", { type: "button", class: "secondary remove-party" }, "Remove", el("span", { class: "visually-hidden" }));
    const group = el("fieldset", { class: "party" },
      el("legend", {}),
      el("div", { class: "field" }, el("label", { for: name.id, text: "Name" }), name),
      el("div", { class: "field" },
        el("label", { for: address.id, text: "Address" }),
        el("span", { class: "hint", id: `${action.step}-party-${n}-address-hint`, text: "One line of the address per line." }),
        address),
      remove);
    remove.addEventListener("click", () => {
      group.remove();
      list.querySelector(".party-name")?.setAttribute("data-field", f.name);
      renumber();
      add.focus();
      announce("Party removed.");
    });
    list.append(group);
    renumber();
    if (focus) {
      name.focus();
      announce(`Party ${list.children.length} added.`);
    }
  };
  add.addEventListener("click", () => addParty({ focus: true }));
  addParty();
  return el("fieldset", { class: "field" }, el("legend", { text: f.label }), list, el("div", { class: "actions-row" }, add));
}

function readParties(form, action, f) {
  return [...form.querySelectorAll(`#${action.step}-${f.name} fieldset.party`)].map((group) => ({
    name: text(group.querySelector(".party-name")),
    address: (group.querySelector(".party-address").value || "").split("\n").map((line) => line.trim()).filter(Boolean),
  }));
}

function controlFor(action, f) {
  if (f.type === "parties") return partiesControl(action, f);
  const id = `${action.step}-${f.name}`;
  const common = { id, name: f.name, "data-field": f.name, "data-label": f.label.replace(/ \(.*\)$/, "") };
  if (f.type === "radio") {
    return el("fieldset", { class: "field", "data-field-group": f.name },
      el("legend", { text: f.label }),
      el("div", { class: "choices" }, f.options.map((option, i) =>
        el("label", { class: "choice" },
          el("input", { type: "radio", name: `${action.step}-${f.name}`, value: option, id: i === 0 ? id : `${id}-${i}`,
            "data-field": i === 0 ? f.name : null, "data-label": f.label }),
          label(option)))));
  }
  let control;
  if (f.type === "select") {
    control = el("select", common, el("option", { value: "", text: "Choose…" }), f.options.map((o) => el("option", { value: o, text: label(o) })));
  } else if (f.type === "textarea") {
    control = el("textarea", { ...common, rows: 3 });
  } else if (f.type === "money") {
    control = el("input", { ...common, type: "text", inputmode: "decimal", autocomplete: "off" });
  } else {
    control = el("input", { ...common, type: f.type || "text" });
  }
  const wrapper = el("div", { class: "field", "data-when": f.when ? f.when.join("=") : null, hidden: !!f.when },
    el("label", { for: id, text: f.label }), control);
  if (f.type === "textarea") {
    const region = el("div", { "aria-live": "polite" });
    wrapper.append(region);
    watchCardNumbers(control, region);
  }
  return wrapper;
}

/** Whether a field shown for `values` ("a|b") of the choice `name` shows now. */
function shows(form, step, name, values) {
  return values.split("|").includes(form.querySelector(`[name="${step}-${name}"]:checked`)?.value);
}

function readAction(action, form) {
  const body = { expectedVersion: current.version };
  if (action.decidesOn === "proposal") body.proposalId = current.pendingResolution?.proposalId;
  for (const f of action.fields) {
    if (f.when && !shows(form, action.step, f.when[0], f.when[1])) continue;
    if (f.type === "radio") {
      body[f.name] = form.querySelector(`[name="${action.step}-${f.name}"]:checked`)?.value;
    } else if (f.type === "parties") {
      body[f.name] = readParties(form, action, f);
    } else {
      const control = form.querySelector(`#${action.step}-${f.name}`);
      body[f.name] = f.type === "money" ? amount(control) : f.type === "date" ? day(control) : text(control);
    }
  }
  return body;
}

function actionForm(action) {
  const notice = el("div", { class: "notice" });
  const submit = el("button", { type: "submit", class: action.danger ? "danger" : null, text: action.title });
  const preview = action.preview ? el("button", { type: "button", class: "secondary", "data-preview": action.step }, "Preview the letter") : null;
  const form = el("form", { novalidate: true, "data-step": action.step }, notice, action.fields.map((f) => controlFor(action, f)),
    el("div", { class: "actions-row" }, submit, preview));
  preview?.addEventListener("click", () => busy(preview, async () => {
    clearNotice(notice);
    clearFieldErrors(form);
    const { expectedVersion, from, ...fields } = readAction(action, form);
    const body = action.preview({ ...fields, from });
    if (!body) {
      notice.className = "notice info";
      notice.setAttribute("role", "status");
      fill(notice, el("p", { text: action.noLetter }));
      return;
    }
    delete body.from;
    await previewLetter(body, { form, notice });
  }));
  form.addEventListener("change", () => {
    for (const wrapper of form.querySelectorAll("[data-when]")) {
      const [name, values] = wrapper.dataset.when.split("=");
      wrapper.hidden = !shows(form, action.step, name, values);
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearNotice(notice);
    clearFieldErrors(form);
    await busy(submit, () => send(action.step, readAction(action, form), action.done, { form, notice }));
  });
  return el("details", { class: "action", "data-action": action.step }, el("summary", { text: action.title }), form);
}

/**
 * Opens the letter a step would send, rendered by the service exactly as the step would issue it now but stored nowhere, in
 * a new tab (a local copy, as the letters sent are read). A refusal is shown where the step's would be.
 */
async function previewLetter(body, { form, notice }) {
  try {
    const { blob } = await call(`/api/disputes/${current.disputeId}/notices/preview`, { method: "POST", body, accept: "text/html, application/problem+json", as: "blob" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, target: "_blank", rel: "noopener", hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    notice.className = "notice info";
    notice.setAttribute("role", "status");
    fill(notice, el("p", { text: "The letter's preview opened in a new tab. Nothing was sent or stored." }));
  } catch (error) {
    if (form) {
      const placed = showFieldErrors(form, error.errors);
      showProblem(notice, error, { fieldsShown: placed });
      if (placed.length) focusFirstInvalid(form);
    } else {
      showProblem(notice, error);
      notice.focus();
    }
  }
}

/** Sends a command; on success shows the dispute as it now stands. */
async function send(step, body, done, { form, notice } = {}) {
  try {
    const dispute = await call(`/api/disputes/${current.disputeId}/${step}`, { method: "POST", body });
    clearNotice(disputeNotice);
    renderDispute(dispute);
    disputeNotice.className = "notice ok";
    disputeNotice.setAttribute("role", "status");
    const said = typeof done === "function" ? done(dispute) : done;
    fill(disputeNotice, el("p", {}, el("strong", { text: said }), ` Version ${dispute.version}, status ${label(dispute.status).toLowerCase()}.`));
    disputeNotice.focus();
  } catch (error) {
    if (error.status === 409 && error.kind === "version-conflict") {
      showConflict();
    } else if (form) {
      const placed = showFieldErrors(form, error.errors);
      showProblem(notice, error, { fieldsShown: placed });
      if (placed.length) focusFirstInvalid(form);
    } else {
      showProblem(disputeNotice, error);
      disputeNotice.focus();
    }
  }
}

function showConflict() {
  disputeNotice.className = "notice error";
  disputeNotice.setAttribute("role", "alert");
  const reload = el("button", { type: "button", id: "conflict-reload" }, "Reload the dispute");
  reload.addEventListener("click", async () => {
    await openDispute(current.disputeId, { keepNotice: false });
    announce("Dispute reloaded.");
  });
  fill(disputeNotice,
    el("h2", { text: "Someone else changed this dispute — reload" }),
    el("p", { text: "Your change was not saved. Reload to see what changed, then decide again." }),
    reload);
  disputeNotice.focus();
}

function renderDispute(dispute) {
  current = dispute;
  const allowed = allowedActions(dispute);
  const d = dispute.deadlines;
  const acknowledge = allowed.acknowledge
    ? el("button", { type: "button", id: "acknowledge" }, "Send the written acknowledgment")
    : null;
  acknowledge?.addEventListener("click", () => busy(acknowledge, () =>
    send("acknowledgment", { expectedVersion: current.version }, "Acknowledgment letter sent.")));
  const previewAcknowledgment = allowed.acknowledge
    ? el("button", { type: "button", class: "secondary", id: "preview-acknowledgment" }, "Preview the letter",
      el("span", { class: "visually-hidden", text: " (the written acknowledgment)" }))
    : null;
  // Not through busy(), which would flatten the button's hidden words into its visible text.
  previewAcknowledgment?.addEventListener("click", async () => {
    previewAcknowledgment.disabled = true;
    previewAcknowledgment.setAttribute("aria-busy", "true");
    try {
      await previewLetter({ kind: "acknowledgment" }, { notice: disputeNotice });
    } finally {
      previewAcknowledgment.disabled = false;
      previewAcknowledgment.removeAttribute("aria-busy");
    }
  });

  document.title = `${dispute.caseNumber} · Agent console · Disputes`;
  fill(disputeRoot,
    el("div", { class: "page-head" },
      el("h1", { id: "dispute-title", tabindex: "-1" }, "Case ", el("span", { class: "mono", text: dispute.caseNumber }), " ",
        el("span", { class: `badge ${dispute.status}`, id: "dispute-status", text: label(dispute.status) })),
      el("p", {}, `${dispute.merchant} · ${money(dispute.amount, dispute.currency)} · ${label(dispute.reason)}`)),
    el("div", { class: "grid grid-2" },
      el("div", { class: "grid" },
        el("section", { class: "card", "aria-labelledby": "clocks-title" },
          el("h2", { id: "clocks-title", text: "Clocks" }),
          el("div", { class: "clocks" },
            filingWindowPanel(dispute),
            clockPanel("Acknowledgment", d.acknowledgment),
            clockPanel("Resolution", d.resolution, d.resolution.basis ? `Basis: ${label(d.resolution.basis)}` : null))),
        proposalPanel(dispute, allowed),
        summaryPanel(dispute),
        holdPanel(dispute),
        lettersPanel(dispute),
        el("section", { class: "card", "aria-labelledby": "steps-title" },
          el("h2", { id: "steps-title", text: "Steps" }),
          el("ol", { class: "steps", id: "steps" }, dispute.steps.map((s) =>
            el("li", { class: s.type === "deadline_breached" ? "breach" : null },
              el("time", { datetime: s.at, text: instant(s.at) }), s.summary)))),
        el("section", { class: "card", "aria-labelledby": "facts-title" },
          el("h2", { id: "facts-title", text: "Details" }),
          el("dl", { class: "facts" },
            fact("Account", dispute.accountId), fact("Card ending", dispute.cardLast4), fact("Chat session", dispute.chatSessionId),
            fact("Transaction date", date(dispute.transactionDate)), fact("Statement sent", dispute.notYetBilled ? "Not yet billed" : date(dispute.statementTransmittedOn)),
            fact("Notice received", instant(dispute.noticeReceivedAt)), fact("Time zone", dispute.timeZone),
            fact("Description", dispute.description), fact("Escalated to", label(dispute.escalatedTo)),
            fact("Provisional credit", money(dispute.provisionalCredit, dispute.currency)),
            fact("Finance charges", money(dispute.financeCharges, dispute.currency)),
            dispute.forfeitureExposure !== undefined ? fact("Forfeiture exposure", money(dispute.forfeitureExposure, dispute.currency)) : null,
            dispute.resolution ? fact("Resolution", resolutionText(dispute)) : null,
            fact("Version", String(dispute.version))))),
      el("div", { class: "grid" },
        el("section", { class: "card", "aria-labelledby": "actions-title" },
          el("h2", { id: "actions-title", text: "Next actions" }),
          allowed.acknowledge || allowed.commands.length
            ? el("div", { class: "action-list" },
              acknowledge ? el("div", { class: "actions-row" }, acknowledge, previewAcknowledgment) : null,
              allowed.commands.map(actionForm), uploadLinkAction(dispute))
            : el("p", { class: "empty", text: "No action is open on this dispute." })),
        complaintPanel(dispute))));
}

const COMPLAINT_CATEGORIES = [
  "billing_dispute", "fees_and_interest", "payments", "credit_reporting", "collections", "account_management", "rewards", "fraud",
  "customer_service", "privacy", "other",
];
const COMPLAINT_CHANNELS = ["chat", "phone", "email", "mail", "regulator"];

// A formal complaint the cardmember makes about this dispute (in any state of it): logged on the dispute's account,
// answered with a reference to read out.
function complaintPanel(dispute) {
  const notice = el("div", { class: "notice" });
  const result = el("div", { id: "complaint-result" });
  const description = el("textarea", { id: "complaint-description", "data-field": "description", "data-label": "The cardmember's words", rows: 3,
    "aria-describedby": "complaint-description-hint" });
  const warning = el("div", { "aria-live": "polite" });
  watchCardNumbers(description, warning);
  const submit = el("button", { type: "submit", id: "complaint-submit", text: "Log the complaint" });
  const form = el("form", { novalidate: true, id: "complaint-form" }, notice,
    el("div", { class: "field" },
      el("label", { for: "complaint-category", text: "What it is about" }),
      el("select", { id: "complaint-category", "data-field": "category", "data-label": "What it is about" },
        el("option", { value: "", text: "Choose…" }),
        COMPLAINT_CATEGORIES.map((c) => el("option", { value: c, text: label(c), selected: c === "billing_dispute" })))),
    el("div", { class: "field" },
      el("label", { for: "complaint-description", text: "The cardmember's words" }),
      el("span", { class: "hint", id: "complaint-description-hint", text: "What they complain about, as they said it. No card numbers, security codes, SSNs or passcodes." }),
      description, warning),
    el("div", { class: "field" },
      el("label", { for: "complaint-channel", text: "Received by" }),
      el("select", { id: "complaint-channel", "data-field": "channel", "data-label": "Received by" },
        COMPLAINT_CHANNELS.map((c) => el("option", { value: c, text: label(c) })))),
    el("div", { class: "actions-row" }, submit));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearNotice(notice);
    clearFieldErrors(form);
    fill(result);
    await busy(submit, async () => {
      try {
        const complaint = await call("/api/complaints", { method: "POST", body: {
          accountId: dispute.accountId,
          disputeId: dispute.disputeId,
          category: text(document.getElementById("complaint-category")),
          description: text(description),
          channel: text(document.getElementById("complaint-channel")),
        } });
        form.reset();
        fill(result, el("div", { class: "notice ok case-banner", role: "status" },
          el("h3", { id: "complaint-logged", tabindex: "-1", text: "Complaint logged" }),
          el("p", { text: "Read this reference to the cardmember:" }),
          el("p", { class: "case-number", id: "complaint-reference", text: complaint.reference }),
          el("p", { text: `We answer by ${date(complaint.deadlines.response.dueOn)} and close it with our final answer by ${date(complaint.deadlines.finalResponse.dueOn)}.` })));
        document.getElementById("complaint-logged").focus();
      } catch (error) {
        const placed = showFieldErrors(form, error.errors);
        showProblem(notice, error, { fieldsShown: placed });
        if (placed.length) focusFirstInvalid(form);
      }
    });
  });
  return el("section", { class: "card", "aria-labelledby": "complaint-title", id: "complaint" },
    el("h2", { id: "complaint-title", text: "Complaint" }),
    el("p", { class: "muted small", text: "A formal complaint about this dispute gets a reference of its own and must be answered within 15 days and closed within 60." }),
    el("details", { class: "action", id: "complaint-details" }, el("summary", { text: "Log a formal complaint" }), form),
    result);
}

// A denial or partial credit waiting for a second supervisor: what it would do, who proposed it, and (for another
// supervisor) the approval; returning it is one of the next actions.
function proposalPanel(dispute, allowed) {
  const p = dispute.pendingResolution;
  if (!p) return null;
  const approve = allowed.approve ? el("button", { type: "button", id: "approve-resolution" }, "Approve and send the letter") : null;
  approve?.addEventListener("click", () => busy(approve, () =>
    send("resolution-approval", { expectedVersion: current.version, proposalId: p.proposalId }, "Resolution approved; the letter was sent.")));
  const owed = p.amountOwed ? `${money(p.amountOwed, dispute.currency)} owed${p.paymentDueOn ? `, due ${date(p.paymentDueOn)}` : ""}` : "Nothing owed";
  return el("section", { class: "card", "aria-labelledby": "proposal-title", id: "proposal" },
    el("h2", { id: "proposal-title", text: "Waiting for a supervisor's approval" }),
    el("p", {}, el("span", { class: "badge pending", text: label(p.outcome) }), " ",
      `Proposed by ${p.proposedBy} at ${instant(p.proposedAt)}. The resolution clock is met only when it is approved.`),
    el("dl", { class: "facts" },
      p.creditedAmount ? fact("Credit", money(p.creditedAmount, dispute.currency)) : null,
      fact("Amount owed", owed),
      fact("Explanation", p.explanation),
      fact("Letter", `${p.language === "es" ? "Spanish" : "English"}, by ${label(p.channel).toLowerCase()}`)),
    p.outdatedBy
      ? el("p", { class: "notice error", role: "note" }, `${p.outdatedBy} after it was proposed: it can only be returned, and the agent proposes again.`)
      : approve,
    !allowed.approve && caller.role === "supervisor" && ownProposal(dispute)
      ? el("p", { class: "small muted", text: "You proposed it, so another supervisor decides." })
      : null);
}

// An upload link for the cardmember's evidence: its address is shown once (only its hash is kept), to paste into the chat.
function uploadLinkAction(dispute) {
  if (!["open", "acknowledged", "reopened"].includes(dispute.status)) return null;
  const notice = el("div", { class: "notice" });
  const days = el("input", { id: "upload-link-days", type: "number", min: "1", max: "30", value: "7", inputmode: "numeric", "data-field": "expiresInDays" });
  const result = el("div", { id: "upload-link" });
  const submit = el("button", { type: "submit", text: "Create the link" });
  const form = el("form", { novalidate: true, "data-step": "upload-links" }, notice,
    el("div", { class: "field" }, el("label", { for: "upload-link-days", text: "Works for (days, 1 to 30)" }), days),
    el("div", { class: "actions-row" }, submit), result);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearNotice(notice);
    clearFieldErrors(form);
    return busy(submit, async () => {
      try {
        const link = await call(`/api/disputes/${dispute.disputeId}/upload-links`, {
          method: "POST", body: { expectedVersion: current.version, expiresInDays: Number(days.value) || undefined } });
        const address = el("input", { id: "upload-link-address", type: "text", readonly: true, value: `${location.origin}${link.page}` });
        fill(result,
          el("div", { class: "field" }, el("label", { for: "upload-link-address", text: "Link for the cardmember (shown once)" }), address),
          el("p", { class: "small muted", text: `Works until ${instant(link.expiresAt)}. Paste it into the chat now: it cannot be shown again.` }));
        address.focus();
        address.select();
      } catch (error) {
        showProblem(notice, error, { fieldsShown: showFieldErrors(form, error.errors) });
      }
    });
  });
  return el("details", { class: "action", "data-action": "upload-links" }, el("summary", { text: "Send an upload link" }), form);
}

// The end-of-chat summary in the cardmember's words, to paste into the chat: no notes, no staff names.
function summaryPanel(dispute) {
  const language = el("select", { id: "summary-language" },
    el("option", { value: "en", text: "English" }), el("option", { value: "es", text: "Español", lang: "es" }));
  language.value = dispute.language === "es" ? "es" : "en";
  const output = el("pre", { id: "chat-summary", class: "summary-text", tabindex: "-1", hidden: true });
  const problem = el("div", { class: "notice" });
  const show = el("button", { type: "button", id: "show-summary" }, "Write the summary");
  show.addEventListener("click", () => busy(show, async () => {
    clearNotice(problem);
    try {
      const summary = await call(`/api/disputes/${dispute.disputeId}/summary`, { language: language.value });
      output.textContent = summary.text;
      output.lang = summary.language;
      output.hidden = false;
      output.focus();
    } catch (error) {
      showProblem(problem, error);
    }
  }));
  return el("section", { class: "card", "aria-labelledby": "summary-title", id: "summary" },
    el("h2", { id: "summary-title", text: "Summary for the chat" }),
    el("p", { class: "small muted", text: "What was done today and before, the next step and how to follow up, in the cardmember's words." }),
    problem,
    el("div", { class: "field" }, el("label", { for: "summary-language", text: "Language" }), language),
    el("div", { class: "actions-row" }, show),
    output);
}

const holdWords = {
  collection: "collecting it",
  autopay_deduction: "taking it by autopay",
  delinquent_report: "reporting it as delinquent",
  restriction: "restricting the account for the dispute",
  report_as_in_dispute: "report it as in dispute",
  delinquent_report_only_as_in_dispute: "report it as delinquent only if also marked in dispute",
};

// The hold the dispute places on the account (rule book section 4): what downstream systems may not do with the amount.
function holdPanel(dispute) {
  const hold = dispute.hold;
  if (!hold) return null;
  const autopay = {
    not_applicable: "No autopay on the account.",
    from_scheduled_payment: `The autopay of ${date(hold.autopay.scheduledOn)} must leave it out (notice by the cut-off of ${date(hold.autopay.cutoffOn)}).`,
    from_later_payments: `The autopay of ${date(hold.autopay.scheduledOn)} may take it (notice after the cut-off of ${date(hold.autopay.cutoffOn)}); later ones may not.`,
  }[hold.autopay.exclusion];
  return el("section", { class: "card", "aria-labelledby": "hold-title", id: "hold" },
    el("h2", { id: "hold-title", text: "Billing-error hold" }),
    el("p", {},
      el("span", { class: `badge ${hold.released ? "met" : "pending"}`, text: hold.released ? "Released" : label(hold.stage) }), " ",
      `${money(hold.amount, hold.currency)} held since ${instant(hold.placedAt)}.`),
    hold.released
      ? el("p", { text: `Released ${instant(hold.releasedAt)}: ${label(hold.releasedBecause)}.` })
      : el("dl", { class: "facts" },
        fact("Forbids", hold.forbids.map((f) => holdWords[f] ?? label(f)).join("; ")),
        fact("Requires", hold.requires.map((f) => holdWords[f] ?? label(f)).join("; ") || null),
        hold.paymentDueOn ? fact("Amount owed due", date(hold.paymentDueOn)) : null,
        fact("Autopay", autopay)),
    hold.violations.length
      ? el("div", {},
        el("h3", { text: "Violations" }),
        el("ul", { class: "steps" }, hold.violations.map((v) =>
          el("li", { class: "breach" }, el("time", { datetime: v.at, text: instant(v.at) }), ` ${label(v.kind)}: ${v.why} (${v.rule})`))))
      : null);
}

const noticeTitles = {
  acknowledgment: "Acknowledgment",
  documents_request: "Request for documents",
  correction: "Correction notice",
  explanation: "Explanation",
  reporting: "Notice of reporting",
};

// The written notices the dispute sent (rule book section 8), each readable and downloadable from its stored copy.
function lettersPanel(dispute) {
  const notices = dispute.notices ?? [];
  return el("section", { class: "card", "aria-labelledby": "letters-title", id: "letters" },
    el("h2", { id: "letters-title", text: "Letters sent" }),
    notices.length
      ? el("ul", { class: "letters" }, notices.map((n) => letterItem({
        title: `${noticeTitles[n.kind] ?? label(n.kind)} (${n.language === "es" ? "Spanish" : "English"})`,
        sentOn: instant(n.sentAt),
        html: `/api/disputes/${dispute.disputeId}/notices/${n.noticeId}/html`,
        pdf: `/api/disputes/${dispute.disputeId}/notices/${n.noticeId}/pdf`,
        fileName: `${dispute.caseNumber}-${n.kind}.pdf`,
        readLabel: "Read",
        downloadLabel: "Download PDF",
        notice: disputeNotice,
      })))
      : el("p", { class: "empty", text: "No letter has been sent yet." }));
}

function fact(name, value) {
  return [el("dt", { text: name }), el("dd", { text: value ?? "—" })];
}

function resolutionText(dispute) {
  const r = dispute.resolution;
  if (r.outcome === "corrected") return `Error corrected, ${money(r.creditedAmount, dispute.currency)} credited (${instant(r.resolvedAt)}).`;
  if (r.outcome === "partial") {
    return `Corrected in part, ${money(r.creditedAmount, dispute.currency)} credited (${instant(r.resolvedAt)}). ${r.explanation || ""}`;
  }
  const forfeited = r.forfeitureApplied ? ` ${money(r.forfeitureApplied, dispute.currency)} forfeited for the missed deadline is not owed.` : "";
  return `No error found (${instant(r.resolvedAt)}). ${r.explanation || ""}${forfeited}`;
}

async function openDispute(id, { keepNotice = false } = {}) {
  if (!keepNotice) clearNotice(disputeNotice);
  fill(disputeRoot, el("p", { class: "muted", text: "Loading the dispute…" }));
  try {
    renderDispute(await call(`/api/disputes/${encodeURIComponent(id)}`));
    document.getElementById("dispute-title").focus();
  } catch (error) {
    fill(disputeRoot);
    showProblem(disputeNotice, error);
    disputeNotice.focus();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Routing: #dispute/{id} shows a dispute, anything else the console's home.

function route() {
  const match = location.hash.match(/^#dispute\/([0-9a-fA-F-]{36})$/);
  if (match) {
    homeView.hidden = true;
    disputeView.hidden = false;
    openDispute(match[1]);
  } else {
    disputeView.hidden = true;
    homeView.hidden = false;
    document.title = "Agent console · Disputes";
    if (current) {
      current = null;
      document.getElementById("home-title").focus();
    }
    loadQueue();
  }
}

document.getElementById("back-link").addEventListener("click", (event) => {
  event.preventDefault();
  location.hash = "";
});

if (caller) {
  window.addEventListener("hashchange", route);
  route();
}
