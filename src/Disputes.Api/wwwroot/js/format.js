// Formatting of the API's values for people: dates (yyyy-MM-dd, a day in the account's zone), instants,
// money and the snake_case enum values.

const LABELS = {
  // dispute statuses
  open: "Open", acknowledged: "Acknowledged", resolved: "Resolved", withdrawn: "Withdrawn", reopened: "Reopened",
  // clock statuses
  pending: "Pending", met: "Met", met_by_resolution: "Met by resolution", breached: "Breached",
  not_applicable: "Not applicable", stopped: "Stopped",
  // clocks
  acknowledgment: "Acknowledgment", resolution: "Resolution",
  // reasons
  unauthorized: "Unauthorized charge", wrong_amount: "Wrong amount", not_received: "Goods or services not received",
  not_as_agreed: "Not as agreed", credit_not_applied: "Credit not applied", computational_error: "Computational error",
  statement_not_sent: "Statement not sent", clarification_request: "Clarification request",
  // escalation targets, document sources, outcomes, bases
  supervisor: "Supervisor", disputes: "Disputes team", credit: "Credit team", rewards: "Rewards team",
  cardmember: "Cardmember", merchant: "Merchant", corrected: "Error corrected", no_error: "No error found", partial: "Corrected in part",
  two_cycles: "Two billing cycles", ninety_day_cap: "90-day cap",
  // notice channels and the stages of a report (1026.13(g)(4))
  secure_message: "Secure message", postal: "Post",
  reported: "The amount, reported as in dispute", resolution_reported: "The dispute's resolution",
  // complaint statuses, deadlines, categories and channels
  received: "Received", in_review: "In review", responded: "Responded", closed: "Closed",
  response: "Response (15 days)", final_response: "Final answer (60 days)",
  billing_dispute: "Billing dispute", fees_and_interest: "Fees or interest", payments: "Payments", credit_reporting: "Credit reporting",
  collections: "Collections", account_management: "Account management", fraud: "Fraud or identity theft",
  customer_service: "Customer service", privacy: "Privacy", other: "Other",
  chat: "Chat", phone: "Phone", email: "E-mail", mail: "Mail", regulator: "Regulator (e.g. the CFPB)",
};

/** The label of an enum value, e.g. "met_by_resolution" -> "Met by resolution". */
export function label(value) {
  if (value === undefined || value === null || value === "") return "—";
  return LABELS[value] || String(value).replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** A LocalDate (yyyy-MM-dd) as a readable date, without any time-zone shift. */
export function date(value, locale = "en-US") {
  if (!value) return "—";
  const [y, m, d] = value.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as a readable UTC date and time. */
export function instant(value, locale = "en-US") {
  if (!value) return "—";
  return new Intl.DateTimeFormat(locale, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short",
  }).format(new Date(value));
}

/** Money with its ISO currency code. */
export function money(amount, currency = "USD", locale = "en-US") {
  if (amount === undefined || amount === null) return "—";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    return `${Number(amount).toFixed(2)} ${currency}`;
  }
}

/** The UTC date (yyyy-MM-dd) of a Date. */
export function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (both yyyy-MM-dd). */
export function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

/** A yyyy-MM-dd date plus n days. */
export function addDays(value, n) {
  const d = new Date(`${value}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}
