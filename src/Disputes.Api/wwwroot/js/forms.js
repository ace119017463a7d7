// Form helpers shared by the agent console: reading values the way the API wants them, the live card-number
// warning under free-text fields.

import { el, fill } from "./ui.js";
import { looksLikeCardNumber } from "./luhn.js";

/** A trimmed text value, or undefined when blank (so the API says "is required"). */
export function text(control) {
  const value = control.value.trim();
  return value === "" ? undefined : value;
}

/**
 * A money value: a JSON number when it reads as one ("1,234.50" too), else the text as typed so that the
 * API names the field; undefined when blank.
 */
export function amount(control) {
  const value = control.value.trim().replace(/^\$/, "");
  if (value === "") return undefined;
  const plain = value.replace(/,(?=\d{3}(\D|$))/g, "");
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : value;
}

/** A yyyy-MM-dd date input's value, or undefined. */
export function day(control) {
  return control.value || undefined;
}

/** A datetime-local input read as UTC (the label says so), as an ISO instant; undefined when empty. */
export function utcInstant(control) {
  if (!control.value) return undefined;
  const value = control.value.length === 16 ? `${control.value}:00` : control.value;
  return `${value}Z`;
}

/**
 * Shows a warning in `region` (an aria-live element) while `control` holds what looks like a full card
 * number, and clears it when it no longer does. Returns a function that re-checks.
 */
export function watchCardNumbers(control, region) {
  let shown = false;
  const check = () => {
    const found = looksLikeCardNumber(control.value);
    if (found === shown) return;
    shown = found;
    if (found) {
      fill(region, el("p", { class: "notice warn", id: `${control.id}-card-warning` },
        el("strong", { text: "This looks like a full card number. " }),
        "Remove it before sending: the service refuses card numbers and stores nothing of the request. Only the last 4 digits may be recorded."));
      const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      control.setAttribute("aria-describedby", [...described, `${control.id}-card-warning`].join(" "));
    } else {
      fill(region);
      const rest = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== `${control.id}-card-warning`);
      if (rest.length) control.setAttribute("aria-describedby", rest.join(" "));
      else control.removeAttribute("aria-describedby");
    }
  };
  control.addEventListener("input", check);
  return () => { shown = !looksLikeCardNumber(control.value); check(); };
}
