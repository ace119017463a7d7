// The signed-in caller: a bearer token kept in sessionStorage (gone when the tab closes), and what its
// claims say (role, subject, accounts). The token is only read here, never verified: the API does that.

const KEY = "disputes.token";

/** The pages each role may use, in menu order. */
export const PAGES = {
  agent: [{ href: "agent.html", label: "Agent console" }],
  supervisor: [
    { href: "agent.html", label: "Agent console" },
    { href: "compliance.html", label: "Compliance dashboard" },
  ],
  compliance: [{ href: "compliance.html", label: "Compliance dashboard" }],
  cardmember: [{ href: "cardmember.html", label: "My disputes" }],
};

function decodePart(part) {
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, or null when it is not one. */
export function claimsOf(token) {
  const parts = (token || "").trim().split(".");
  if (parts.length !== 3) return null;
  try {
    return decodePart(parts[1]);
  } catch {
    return null;
  }
}

/** The caller described by a token: { token, role, subject, accounts, expiresAt }, or null. */
export function callerOf(token) {
  const claims = claimsOf(token);
  if (!claims || typeof claims.role !== "string" || !PAGES[claims.role]) return null;
  const accounts = claims.account === undefined ? [] : [].concat(claims.account);
  return {
    token: token.trim(),
    role: claims.role,
    subject: claims.sub || "",
    accounts,
    expiresAt: typeof claims.exp === "number" ? new Date(claims.exp * 1000) : null,
  };
}

/** The signed-in caller, or null (also when the token has expired). */
export function current() {
  const caller = callerOf(sessionStorage.getItem(KEY) || "");
  if (caller && caller.expiresAt && caller.expiresAt.getTime() <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return caller;
}

export function signIn(token) {
  const caller = callerOf(token);
  if (!caller) return null;
  sessionStorage.setItem(KEY, caller.token);
  return caller;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The first page of a role. */
export function homeOf(role) {
  return (PAGES[role] || [])[0]?.href || "index.html";
}

/** True when the role may use the page. */
export function mayUse(role, page) {
  return (PAGES[role] || []).some((p) => p.href === page);
}
