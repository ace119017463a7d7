// A warning before sending: does free text look like it holds a full card number? The same shape the
// service refuses (13-19 digits, spaces or dashes allowed between them, Luhn-valid). Advisory only: the
// service's screening decides, and it refuses the request whatever this says.

/** True when the digits pass the Luhn check. */
export function luhnValid(digits) {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text holds a card number as the service's screen finds one: in a run of digit groups joined
 * by single spaces or dashes, some span of whole groups with 13-19 digits passes the Luhn check. (A span never
 * starts or ends inside a group, so a long order number is not flagged one time in ten.)
 */
export function looksLikeCardNumber(text) {
  if (!text) return false;
  const runs = text.match(/[0-9]+(?:[ -][0-9]+)*/g) || [];
  for (const run of runs) {
    const groups = run.split(/[ -]/);
    if (groups.join("").length < 13) continue;
    for (let first = 0; first < groups.length; first++) {
      let digits = "";
      for (let last = first; last < groups.length; last++) {
        digits += groups[last];
        if (digits.length > 19) break;
        if (digits.length >= 13 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}
