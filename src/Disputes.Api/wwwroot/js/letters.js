// The letters a dispute sent: read (the HTML as sent to the secure message centre) or downloaded as PDF. Both are
// fetched with the caller's token and handed to the browser as a local copy, since a plain link carries no token.

import { call } from "./api.js";
import { el, showProblem } from "./ui.js";

async function open(path, { download, notice }) {
  try {
    const { blob } = await call(path, { accept: `${download ? "application/pdf" : "text/html"}, application/problem+json`, as: "blob" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: download || null, target: download ? null : "_blank", rel: "noopener" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    if (notice) showProblem(notice, error);
  }
}

// One list item per letter: its title and date, a button to read it and one to download it.
export function letterItem({ title, sentOn, html, pdf, fileName, readLabel, downloadLabel, notice }) {
  return el("li", { class: "letter" },
    el("span", { class: "letter-title", text: title }), " ",
    el("span", { class: "muted", text: sentOn }), " ",
    el("button", { type: "button", class: "secondary", onclick: () => open(html, { notice }) }, readLabel,
      el("span", { class: "visually-hidden", text: `: ${title}` })), " ",
    el("button", { type: "button", class: "secondary", onclick: () => open(pdf, { download: fileName, notice }) }, downloadLabel,
      el("span", { class: "visually-hidden", text: `: ${title}` })));
}
