// Calls to the Disputes API with the caller's bearer token. Every refusal of the API is an RFC 9457 problem;
// it is thrown as an ApiError carrying the status and the problem (title, detail, errors by field).

import { current } from "./session.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The service answered ${status}.`);
    this.status = status;
    this.problem = problem || {};
  }

  /** The problem's type name, e.g. "version-conflict", "sensitive-data", "validation". */
  get kind() {
    const type = this.problem.type || "";
    return type.slice(type.lastIndexOf("/") + 1);
  }

  /** The field errors: { fieldName: [messages] }. */
  get errors() {
    return this.problem.errors || {};
  }
}

/** Calls the API; resolves to the parsed body (JSON, text or a Blob) or rejects with an ApiError. */
export async function call(path, { method = "GET", body, language, accept = "application/json", as = "json", token } = {}) {
  const headers = { Accept: accept };
  const bearer = token ?? current()?.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (language) headers["Accept-Language"] = language;
  if (body !== undefined) headers["Content-Type"] = "application/json";

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: "The service cannot be reached.", detail: "Check your connection and try again." });
  }

  if (!response.ok) {
    let problem = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      try {
        problem = await response.json();
      } catch {
        problem = null;
      }
    }
    throw new ApiError(response.status, problem || defaultProblem(response.status));
  }

  if (response.status === 204) return null;
  if (as === "blob") return { blob: await response.blob(), response };
  if (as === "text") return response.text();
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  // as "response": the status too (e.g. 201 for a new dispute, 200 for a repeated intake).
  return as === "response" ? { status: response.status, body: parsed } : parsed;
}

function defaultProblem(status) {
  switch (status) {
    case 401:
      return { title: "You are not signed in.", detail: "Your sign-in has expired or the token is not valid. Sign in again." };
    case 403:
      return { title: "Your role may not do this.", detail: "Sign in with a role that may." };
    case 404:
      return { title: "Not found.", detail: "It does not exist, or it is not yours to see." };
    default:
      return { title: `The service answered ${status}.`, detail: "Try again; if it keeps happening, tell the service's operators." };
  }
}
