// Sign-in: in Development a role picker that asks POST /api/dev/tokens for a token; everywhere a field to
// paste a bearer token from the configured identity provider. The token goes to sessionStorage.

import { call, ApiError } from "./api.js";
import { signIn, homeOf, PAGES, mayUse } from "./session.js";
import { el, fill, renderHeader, showProblem, clearNotice, showFieldErrors, clearFieldErrors, focusFirstInvalid, busy, announce } from "./ui.js";

const DESCRIPTIONS = {
  "agent.html": "Open disputes from a chat, work the queue, acknowledge, escalate and resolve.",
  "compliance.html": "Clocks, at-risk and breached disputes, forfeiture exposure, audit history and the breach report.",
  "cardmember.html": "See your disputes in plain words, in English or Spanish, and withdraw one.",
};

const DEFAULT_SUBJECTS = { agent: "agent-7", supervisor: "supervisor-1", compliance: "compliance-1", cardmember: "cardmember-1" };

const notice = document.getElementById("signin-notice");
const devForm = document.getElementById("dev-form");
const tokenForm = document.getElementById("token-form");
const subject = document.getElementById("dev-subject");
const accountsField = document.getElementById("accounts-field");
const accounts = document.getElementById("dev-accounts");

function next(role) {
  const wanted = new URLSearchParams(location.search).get("next");
  return wanted && mayUse(role, wanted) ? wanted : homeOf(role);
}

function showSignedIn(caller) {
  const section = document.getElementById("signed-in");
  section.hidden = false;
  fill(document.getElementById("signed-in-as"),
    "You are signed in as ", el("strong", { text: caller.subject }), ` (${caller.role}).`,
    caller.accounts.length ? ` Accounts: ${caller.accounts.join(", ")}.` : "");
  fill(document.getElementById("home-links"), PAGES[caller.role].map((page) =>
    el("li", {}, el("a", { href: page.href }, el("strong", { text: page.label }), el("span", { text: DESCRIPTIONS[page.href] || "" })))));
  document.getElementById("sign-in-title").textContent = "Sign in with another role";
}

async function developmentSignInAvailable() {
  try {
    // An empty request is refused with 400 where the endpoint exists, 404 where it does not.
    await call("/api/dev/tokens", { method: "POST", body: {}, token: "" });
    return true;
  } catch (error) {
    return error instanceof ApiError && error.status === 400;
  }
}

function selectedRole() {
  return devForm.querySelector('input[name="role"]:checked').value;
}

function onRoleChange() {
  const role = selectedRole();
  if (Object.values(DEFAULT_SUBJECTS).includes(subject.value) || !subject.value.trim()) {
    subject.value = DEFAULT_SUBJECTS[role];
  }
  accountsField.hidden = role !== "cardmember";
}

async function onDevSubmit(event) {
  event.preventDefault();
  clearNotice(notice);
  clearFieldErrors(devForm);
  const role = selectedRole();
  const body = {
    role,
    subject: subject.value.trim(),
    accountIds: role === "cardmember" ? accounts.value.split(/[\s,;]+/).filter(Boolean) : undefined,
  };
  await busy(document.getElementById("dev-submit"), async () => {
    try {
      const { accessToken } = await call("/api/dev/tokens", { method: "POST", body, token: "" });
      const caller = signIn(accessToken);
      announce(`Signed in as ${caller.subject}.`);
      location.href = next(caller.role);
    } catch (error) {
      const placed = showFieldErrors(devForm, error.errors);
      showProblem(notice, error, { fieldsShown: placed });
      focusFirstInvalid(devForm);
    }
  });
}

function onTokenSubmit(event) {
  event.preventDefault();
  clearNotice(notice);
  clearFieldErrors(tokenForm);
  const caller = signIn(document.getElementById("token").value);
  if (!caller) {
    showFieldErrors(tokenForm, { token: ["is not a token this service understands: paste the whole JWT, whose claims name a role (agent, supervisor, compliance or cardmember)."] });
    focusFirstInvalid(tokenForm);
    return;
  }
  location.href = next(caller.role);
}

async function start() {
  const caller = renderHeader("index.html");
  if (caller) showSignedIn(caller);
  document.getElementById("sign-in").hidden = false;

  devForm.addEventListener("submit", onDevSubmit);
  tokenForm.addEventListener("submit", onTokenSubmit);
  for (const radio of devForm.querySelectorAll('input[name="role"]')) radio.addEventListener("change", onRoleChange);

  if (await developmentSignInAvailable()) {
    devForm.hidden = false;
    onRoleChange();
  } else {
    const details = document.getElementById("token-details");
    details.open = true;
    notice.className = "notice info";
    fill(notice, el("p", { text: "Sign in with the access token your identity provider issued to you." }));
  }
}

start();
