// Small DOM helpers shared by the pages: building elements, the page header, announcements to screen
// readers, problem details shown next to form fields.

import { current, signOut, PAGES, mayUse } from "./session.js";

/** Creates an element: el("p", { class: "x", text: "hi" }, child, ...). Attributes starting with "on" are listeners. */
export function el(tag, attributes = {}, ...children) {
  const svg = ["svg", "g", "line", "rect", "text", "path", "circle", "title", "desc", "polygon"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/** Says something to screen-reader users through the page's polite live region (#announcer). */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick, so repeating the same message is announced again.
  setTimeout(() => { region.textContent = message; }, 50);
}

/** Fills the header's navigation and "signed in as" for the caller; returns the caller. */
export function renderHeader(page) {
  const caller = current();
  const nav = document.getElementById("site-nav-list");
  const who = document.getElementById("who");
  if (nav) {
    const pages = caller ? PAGES[caller.role] : [];
    fill(nav, pages.map((p) => el("li", {}, el("a", { href: p.href, "aria-current": p.href === page ? "page" : null, text: p.label }))));
  }
  if (who) {
    if (caller) {
      fill(who,
        el("span", {}, el("span", { class: "visually-hidden", text: "Signed in as " }), caller.subject, " ",
          el("span", { class: "role-tag", text: caller.role })),
        el("button", { type: "button", class: "secondary", onclick: () => { signOut(); location.href = "index.html"; } }, "Sign out"));
    } else if (page !== "index.html") {
      fill(who, el("a", { href: "index.html", class: "button secondary", text: "Sign in" }));
    }
  }
  return caller;
}

/**
 * Checks that the caller may use the page; when not, hides the main content behind a way out and
 * returns null.
 */
export function guard(page) {
  const caller = renderHeader(page);
  if (caller && mayUse(caller.role, page)) return caller;
  const main = document.getElementById("main");
  const message = caller
    ? [el("h1", { text: "Not available for your role" }),
       el("p", {}, `Signed in as ${caller.subject} (${caller.role}), you cannot use this page. `),
       el("p", {}, el("a", { href: PAGES[caller.role][0].href, text: `Go to ${PAGES[caller.role][0].label}` }), " or ",
         el("a", { href: "index.html", text: "sign in with another role" }), ".")]
    : [el("h1", { text: "Please sign in" }),
       el("p", {}, "This page needs you to be signed in. ", el("a", { href: `index.html?next=${encodeURIComponent(page)}`, text: "Sign in" }), ".")];
  // Hidden rather than removed: the page's module still looks up and wires its own elements.
  for (const child of main.children) child.hidden = true;
  main.append(el("div", { class: "card" }, message));
  return null;
}

/** A problem's notice: title, detail and (when the fields are not on screen) each field error. */
export function problemNotice(error, { fieldsShown = [] } = {}) {
  const problem = error.problem || {};
  const items = Object.entries(problem.errors || {})
    .filter(([field]) => !fieldsShown.includes(field))
    .flatMap(([field, messages]) => messages.map((m) => el("li", {}, `${field} ${m}`)));
  return [
    el("h2", { text: problem.title || error.message }),
    problem.detail ? el("p", { text: problem.detail }) : null,
    items.length ? el("ul", {}, items) : null,
  ];
}

/** Shows a problem in a notice element (role=alert) and focuses it. */
export function showProblem(notice, error, options) {
  notice.className = "notice error";
  notice.setAttribute("role", "alert");
  fill(notice, problemNotice(error, options));
  if (error.status === 401) {
    notice.append(el("p", {}, el("a", { href: "index.html", text: "Sign in again" })));
  }
}

export function clearNotice(notice) {
  notice.removeAttribute("role");
  notice.className = "notice";
  fill(notice);
}

/**
 * Puts the API's field errors under the form's fields (elements with data-field="name"), marks them
 * aria-invalid and links each message with aria-describedby. Returns the field names it placed.
 */
export function showFieldErrors(form, errors) {
  clearFieldErrors(form);
  const placed = [];
  for (const [field, messages] of Object.entries(errors || {})) {
    const control = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!control) continue;
    const id = `${control.id}-error`;
    const message = el("p", { class: "field-error", id, dataset: { errorFor: field } },
      `${control.dataset.label || field} ${messages.join(" ")}`);
    (control.closest(".field") || control.parentElement).append(message);
    control.setAttribute("aria-invalid", "true");
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    control.setAttribute("aria-describedby", [...described, id].join(" "));
    placed.push(field);
  }
  return placed;
}

export function clearFieldErrors(form) {
  for (const message of form.querySelectorAll(".field-error[data-error-for]")) {
    const control = form.querySelector(`[data-field="${CSS.escape(message.dataset.errorFor)}"]`);
    if (control) {
      control.removeAttribute("aria-invalid");
      const rest = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== message.id);
      if (rest.length) control.setAttribute("aria-describedby", rest.join(" "));
      else control.removeAttribute("aria-describedby");
    }
    message.remove();
  }
}

/** Focuses the first invalid control of a form. */
export function focusFirstInvalid(form) {
  form.querySelector('[aria-invalid="true"]')?.focus();
}

/** Marks a button busy while a promise runs. */
export async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}
