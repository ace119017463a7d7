// The cardmember's upload page, reached from the link the agent sent: no sign-in, the link's token (in the page's
// fragment, never sent to a server except as the upload address) is the credential. Each file goes as its own request,
// its bytes the body, so the service checks and stores it whole or not at all.

import { el, fill } from "./ui.js";

const TEXT = {
  en: {
    skip: "Skip to main content",
    title: "Send documents for your dispute",
    intro: "Send the documents we asked for in your chat: PDF, JPEG or PNG files of up to 10 MB each.",
    privacy: "Before we keep a photo we remove its hidden details, such as where and with which camera it was taken.",
    chooseTitle: "Your files",
    choose: "Choose files",
    send: "Send the files",
    sentTitle: "Sent",
    noneSent: "Nothing sent yet.",
    footer: "Questions? Reply in your chat with us, quoting your case number.",
    language: "Language",
    pageTitle: "Send documents · Disputes",
    switched: "The page is now in English.",
    noLink: "This link is incomplete. Ask in your chat for a new upload link.",
    chooseFirst: "Choose at least one file first.",
    sending: (name) => `Sending ${name}…`,
    received: (name) => `${name}: received.`,
    allSent: (n) => n === 1 ? "Your file was received. Thank you." : `Your ${n} files were received. Thank you.`,
    refused: {
      400: "is empty.",
      403: "could not be sent: you are signed in as a cardmember this link was not sent to. Sign out, or ask in your chat for a link of your own.",
      404: "could not be sent: this upload link is not valid. Ask in your chat for a new one.",
      409: "could not be sent: this dispute takes no more files, or it is closed.",
      410: "could not be sent: this upload link has expired or was cancelled. Ask in your chat for a new one.",
      413: "is larger than 10 MB.",
      415: "is not a PDF, JPEG or PNG file.",
      422: "could not be accepted as it is.",
      429: "could not be sent yet: too many files at once. Wait a minute and try again.",
      other: "could not be sent. Try again in a moment.",
    },
  },
  es: {
    skip: "Saltar al contenido principal",
    title: "Envíe documentos para su disputa",
    intro: "Envíe los documentos que le pedimos en su chat: archivos PDF, JPEG o PNG de hasta 10 MB cada uno.",
    privacy: "Antes de guardar una foto le quitamos sus datos ocultos, como dónde y con qué cámara se tomó.",
    chooseTitle: "Sus archivos",
    choose: "Elija los archivos",
    send: "Enviar los archivos",
    sentTitle: "Enviados",
    noneSent: "Todavía no ha enviado nada.",
    footer: "¿Preguntas? Responda en su chat con nosotros e indique su número de caso.",
    language: "Idioma",
    pageTitle: "Enviar documentos · Disputes",
    switched: "La página ahora está en español.",
    noLink: "Este enlace está incompleto. Pida en su chat un nuevo enlace para enviar documentos.",
    chooseFirst: "Primero elija al menos un archivo.",
    sending: (name) => `Enviando ${name}…`,
    received: (name) => `${name}: recibido.`,
    allSent: (n) => n === 1 ? "Recibimos su archivo. Gracias." : `Recibimos sus ${n} archivos. Gracias.`,
    refused: {
      400: "está vacío.",
      403: "no se pudo enviar: inició sesión como un titular a quien no se envió este enlace. Cierre la sesión o pida en su chat un enlace propio.",
      404: "no se pudo enviar: este enlace no es válido. Pida uno nuevo en su chat.",
      409: "no se pudo enviar: esta disputa no admite más archivos o está cerrada.",
      410: "no se pudo enviar: este enlace venció o fue cancelado. Pida uno nuevo en su chat.",
      413: "pesa más de 10 MB.",
      415: "no es un archivo PDF, JPEG o PNG.",
      422: "no se pudo aceptar tal como está.",
      429: "todavía no se pudo enviar: demasiados archivos a la vez. Espere un minuto e inténtelo de nuevo.",
      other: "no se pudo enviar. Inténtelo de nuevo en un momento.",
    },
  },
};

const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get("token") || "";
let language = fragment.get("lang") === "es" || (!fragment.get("lang") && navigator.language?.startsWith("es")) ? "es" : "en";
const t = () => TEXT[language];

const notice = document.getElementById("notice");
const sent = document.getElementById("sent");
const form = document.getElementById("upload-form");
const input = document.getElementById("files");
const send = document.getElementById("send");

function render() {
  document.documentElement.lang = language;
  document.title = t().pageTitle;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t()[node.dataset.i18n];
  document.getElementById("lang-switch").setAttribute("aria-label", t().language);
  for (const button of document.querySelectorAll("[data-lang]")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === language));
  }
  document.getElementById("none-sent").hidden = sent.children.length > 0;
}

function say(kind, ...lines) {
  notice.className = `notice ${kind}`;
  notice.setAttribute("role", kind === "error" ? "alert" : "status");
  fill(notice, lines.map((line) => el("p", { text: line })));
}

async function upload(file) {
  let response;
  try {
    response = await fetch(`/api/uploads/${encodeURIComponent(token)}/files`, {
      method: "POST",
      headers: { "Content-Type": file.type || "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    return { ok: false, line: `${file.name} ${t().refused.other}` };
  }
  if (response.status === 201) return { ok: true, line: t().received(file.name) };
  return { ok: false, line: `${file.name} ${t().refused[response.status] ?? t().refused.other}`, gone: [403, 404, 410].includes(response.status) };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const files = [...input.files];
  if (!files.length) {
    say("error", t().chooseFirst);
    input.focus();
    return;
  }
  send.disabled = true;
  const refused = [];
  let received = 0;
  for (const file of files) {
    say("", t().sending(file.name));
    const result = await upload(file);
    if (result.ok) {
      received += 1;
      sent.append(el("li", { text: result.line }));
    } else {
      refused.push(result.line);
      if (result.gone) break;
    }
  }
  send.disabled = false;
  input.value = "";
  render();
  if (refused.length) {
    say("error", ...(received ? [t().allSent(received)] : []), ...refused);
  } else {
    say("ok", t().allSent(received));
  }
  notice.focus();
});

for (const button of document.querySelectorAll("[data-lang]")) {
  button.addEventListener("click", () => {
    language = button.dataset.lang;
    render();
    document.getElementById("announcer").textContent = t().switched;
  });
}

render();
if (!token) {
  say("error", t().noLink);
  form.hidden = true;
}
