// Shared start-up for every page: strings, the language switch, and a polite live region for
// announcements that have no visible place of their own.
import { initI18n, lang, onLangChange, toggleLang } from "./i18n.js";

/** Loads the language and wires the navbar. Resolves when the page's static strings are filled in. */
export async function startPage() {
  const $ = window.jQuery;
  // The switch is labelled in the other language; tell screen readers which one.
  const markSwitch = () => $("#lang-switch").attr("lang", lang() === "bn" ? "en" : "bn");
  onLangChange(markSwitch);
  await initI18n();
  $("#lang-switch").on("click", async function () {
    const button = this;
    button.disabled = true;
    try {
      await toggleLang();
    } finally {
      button.disabled = false;
    }
  });
}

/** Reads a message to screen-reader users (polite; does not interrupt). */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  // Clearing first makes repeated identical messages audible again.
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Escapes text for use inside HTML built with template strings. */
export function escapeHtml(value) {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}
