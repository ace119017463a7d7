// The cardmember's status page: their own disputes in plain words (the API writes them, in English or Spanish
// per Accept-Language), what happens next and by when, the steps taken, and a withdraw button with confirmation;
// below them their complaints by reference, worded by the API the same way.

import { call } from "./api.js";
import { el, fill, guard, announce, showProblem, clearNotice, busy } from "./ui.js";
import { current, signOut } from "./session.js";
import { letterItem } from "./letters.js";

const PAGE = "cardmember.html";
const LANGUAGE_KEY = "disputes.language";

const TEXT = {
  en: {
    skip: "Skip to main content",
    title: "My disputes",
    intro: "Where each of your disputes stands and what happens next.",
    footer: "Questions? Reply in your chat with us, quoting your case number.",
    language: "Language",
    signedInAs: "Signed in as",
    signOut: "Sign out",
    loading: "Loading your disputes…",
    none: "You have no disputes on your accounts.",
    caseLabel: "Case",
    cardEnding: (last4) => `card ending ${last4}`,
    charged: "Charge of",
    transactionOn: "on",
    receivedOn: "Received on",
    next: "What happens next",
    steps: "Steps taken",
    letters: "Your letters",
    read: "Read",
    download: "Download PDF",
    withdraw: "Withdraw this dispute",
    dialogTitle: (c) => `Withdraw dispute ${c}?`,
    dialogText: "If you withdraw it, we stop investigating and the charge stays on your account as billed. You cannot undo this here.",
    reason: "Why are you withdrawing it? (optional)",
    confirm: "Yes, withdraw it",
    cancel: "Keep my dispute",
    withdrawn: (c) => `Dispute ${c} is withdrawn.`,
    switched: "The page is now in English.",
    pageTitle: "My disputes · Disputes",
    complaintsTitle: "My complaints",
    complaintsIntro: "Where each complaint you made to us stands, by its reference.",
    loadingComplaints: "Loading your complaints…",
    noComplaints: "You have made no complaint about your accounts.",
    complaintLabel: "Complaint",
    about: "About",
    aboutCase: (c) => `about dispute ${c}`,
    answer: "Our answer",
  },
  es: {
    skip: "Saltar al contenido principal",
    title: "Mis disputas",
    intro: "En qué punto está cada una de sus disputas y qué sigue.",
    footer: "¿Preguntas? Responda en su chat con nosotros e indique su número de caso.",
    language: "Idioma",
    signedInAs: "Sesión iniciada como",
    signOut: "Cerrar sesión",
    loading: "Cargando sus disputas…",
    none: "No tiene disputas en sus cuentas.",
    caseLabel: "Caso",
    cardEnding: (last4) => `tarjeta terminada en ${last4}`,
    charged: "Cargo de",
    transactionOn: "del",
    receivedOn: "Recibida el",
    next: "Qué sigue",
    steps: "Pasos realizados",
    letters: "Sus cartas",
    read: "Leer",
    download: "Descargar PDF",
    withdraw: "Retirar esta disputa",
    dialogTitle: (c) => `¿Retirar la disputa ${c}?`,
    dialogText: "Si la retira, dejaremos de investigar y el cargo quedará en su cuenta tal como se facturó. No podrá deshacerlo aquí.",
    reason: "¿Por qué la retira? (opcional)",
    confirm: "Sí, retirarla",
    cancel: "Conservar mi disputa",
    withdrawn: (c) => `La disputa ${c} fue retirada.`,
    switched: "La página ahora está en español.",
    pageTitle: "Mis disputas · Disputes",
    complaintsTitle: "Mis quejas",
    complaintsIntro: "En qué punto está cada queja que nos presentó, por su referencia.",
    loadingComplaints: "Cargando sus quejas…",
    noComplaints: "No nos ha presentado ninguna queja sobre sus cuentas.",
    complaintLabel: "Queja",
    about: "Sobre",
    aboutCase: (c) => `sobre la disputa ${c}`,
    answer: "Nuestra respuesta",
  },
};

const LOCALES = { en: "en-US", es: "es-US" };

let language = sessionStorage.getItem(LANGUAGE_KEY) === "es" ? "es" : "en";
const t = () => TEXT[language];

const caller = guard(PAGE);
const list = document.getElementById("disputes");
const notice = document.getElementById("notice");
const complaintList = document.getElementById("complaints");
const complaintNotice = document.getElementById("complaints-notice");
const dialog = document.getElementById("withdraw-dialog");
let withdrawing = null;

function longDate(value) {
  if (!value) return "";
  const [y, m, d] = value.split("-").map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

function moneyText(amount, currency) {
  try {
    return new Intl.NumberFormat(LOCALES[language], { style: "currency", currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

function renderChrome() {
  document.documentElement.lang = language;
  document.title = t().pageTitle;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
  document.getElementById("lang-switch").setAttribute("aria-label", t().language);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === language));
  }
  const who = document.getElementById("who");
  const me = current();
  if (me) {
    fill(who,
      el("span", {}, el("span", { class: "visually-hidden", text: `${t().signedInAs} ` }), me.subject),
      el("button", { type: "button", class: "secondary", onclick: () => { signOut(); location.href = "index.html"; } }, t().signOut));
  }
  document.getElementById("withdraw-reason-label").textContent = t().reason;
  document.getElementById("withdraw-confirm").textContent = t().confirm;
  document.getElementById("withdraw-cancel").textContent = t().cancel;
  document.getElementById("withdraw-text").textContent = t().dialogText;
}

function card(d) {
  const slug = d.caseNumber.replace(/[^A-Za-z0-9-]/g, "");
  const headingId = `case-${slug}`;
  return el("article", { class: "card dispute-card", "aria-labelledby": headingId, "data-case": d.caseNumber },
    el("h2", { id: headingId }, `${t().caseLabel} `, el("span", { class: "mono", text: d.caseNumber })),
    el("p", { class: "muted" },
      `${t().charged} ${moneyText(d.amount, d.currency)} · ${d.merchant} · ${t().cardEnding(d.cardLast4)} · ${t().transactionOn} ${longDate(d.transactionDate)}`),
    el("p", { class: "status-line" }, el("span", { class: `dot ${d.status}`, "aria-hidden": "true" }),
      el("span", { class: "status-text", text: d.statusText })),
    d.notYetBilled ? el("p", { class: "not-yet-billed", text: d.notYetBilled }) : null,
    el("div", { class: "next-step" },
      el("h3", { text: t().next }),
      el("p", { class: "next-text", text: d.next.text }),
      d.whilePending ? el("p", { class: "while-pending", text: d.whilePending }) : null),
    el("h3", { text: t().steps }),
    el("ol", { class: "steps" }, d.steps.map((s) =>
      el("li", {}, el("time", { datetime: s.on, text: longDate(s.on) }), s.text))),
    d.letters?.length
      ? [el("h3", { text: t().letters }),
        el("ul", { class: "letters" }, d.letters.map((l) => letterItem({
          title: l.title, sentOn: longDate(l.sentOn), html: l.html, pdf: l.pdf, fileName: `${d.caseNumber}-${l.kind}.pdf`,
          readLabel: t().read, downloadLabel: t().download, notice,
        })))]
      : null,
    d.canWithdraw
      ? el("div", { class: "actions-row" },
        el("button", { type: "button", class: "secondary", "data-withdraw": d.caseNumber, onclick: (e) => askWithdraw(d, e.currentTarget) },
          t().withdraw, el("span", { class: "visually-hidden", text: ` ${d.caseNumber}` })))
      : null);
}

function complaintCard(c) {
  const headingId = `complaint-${c.reference.replace(/[^A-Za-z0-9-]/g, "")}`;
  return el("article", { class: "card complaint-card", "aria-labelledby": headingId, "data-reference": c.reference },
    el("h3", { id: headingId }, `${t().complaintLabel} `, el("span", { class: "mono", text: c.reference })),
    el("p", { class: "muted" },
      `${t().about}: ${c.categoryText}${c.caseNumber ? ` · ${t().aboutCase(c.caseNumber)}` : ""} · ${t().receivedOn} ${longDate(c.receivedOn)}`),
    el("p", { class: "status-line" }, el("span", { class: `dot ${c.status}`, "aria-hidden": "true" }),
      el("span", { class: "status-text", text: c.statusText })),
    el("div", { class: "next-step" },
      el("h4", { text: t().next }),
      el("p", { class: "next-text", text: c.next.text })),
    c.response
      ? [el("h4", { text: t().answer }),
        el("blockquote", { class: "complaint-answer" }, el("p", { text: c.response }),
          el("p", { class: "muted small" }, el("time", { datetime: c.respondedOn, text: longDate(c.respondedOn) })))]
      : null,
    el("h4", { text: t().steps }),
    el("ol", { class: "steps" }, c.steps.map((s) =>
      el("li", {}, el("time", { datetime: s.on, text: longDate(s.on) }), s.text))));
}

async function loadComplaints() {
  clearNotice(complaintNotice);
  complaintList.setAttribute("aria-busy", "true");
  fill(complaintList, el("p", { class: "muted", text: t().loadingComplaints }));
  try {
    const { complaints } = await call("/api/me/complaints", { language });
    fill(complaintList, complaints.length ? complaints.map(complaintCard) : el("p", { class: "empty", text: t().noComplaints }));
  } catch (error) {
    fill(complaintList);
    showProblem(complaintNotice, error);
  } finally {
    complaintList.removeAttribute("aria-busy");
  }
}

async function load() {
  await Promise.all([loadDisputes(), loadComplaints()]);
}

async function loadDisputes() {
  clearNotice(notice);
  list.setAttribute("aria-busy", "true");
  fill(list, el("p", { class: "muted", text: t().loading }));
  try {
    const { disputes } = await call("/api/me/disputes", { language });
    fill(list, disputes.length ? disputes.map(card) : el("p", { class: "empty", text: t().none }));
  } catch (error) {
    fill(list);
    showProblem(notice, error);
  } finally {
    list.removeAttribute("aria-busy");
  }
}

function askWithdraw(dispute, opener) {
  withdrawing = { dispute, opener };
  document.getElementById("withdraw-title").textContent = t().dialogTitle(dispute.caseNumber);
  document.getElementById("withdraw-reason").value = "";
  clearNotice(document.getElementById("withdraw-notice"));
  dialog.showModal();
  document.getElementById("withdraw-cancel").focus();
}

document.getElementById("withdraw-form").addEventListener("submit", async (event) => {
  if (event.submitter?.value !== "confirm" || !withdrawing) return;
  event.preventDefault();
  const { dispute } = withdrawing;
  const reason = document.getElementById("withdraw-reason").value.trim();
  await busy(document.getElementById("withdraw-confirm"), async () => {
    try {
      const updated = await call(`/api/me/disputes/${encodeURIComponent(dispute.caseNumber)}/withdraw`, {
        method: "POST", body: reason ? { reason } : {}, language,
      });
      dialog.close();
      const old = list.querySelector(`[data-case="${CSS.escape(dispute.caseNumber)}"]`);
      const replacement = card(updated);
      old?.replaceWith(replacement);
      notice.className = "notice ok";
      notice.setAttribute("role", "status");
      fill(notice, el("p", { text: t().withdrawn(dispute.caseNumber) }));
      notice.focus();
      withdrawing = null;
    } catch (error) {
      showProblem(document.getElementById("withdraw-notice"), error);
    }
  });
});

dialog.addEventListener("close", () => {
  if (withdrawing?.opener?.isConnected) withdrawing.opener.focus();
  withdrawing = null;
});

for (const button of document.querySelectorAll("[data-lang]")) {
  button.addEventListener("click", async () => {
    if (button.dataset.lang === language) return;
    language = button.dataset.lang;
    sessionStorage.setItem(LANGUAGE_KEY, language);
    renderChrome();
    await load();
    announce(t().switched);
  });
}

renderChrome();
if (caller) {
  document.getElementById("mine").hidden = false;
  load();
}
