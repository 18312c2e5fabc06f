// Shared start-up for every page: strings, the language switch, and a polite live region for
// announcements that have no visible place of their own.
import { currentUser, onAuthChange, signOut } from "./auth.js";
import { initI18n, lang, onLangChange, t, toggleLang } from "./i18n.js";

/** Loads the language and wires the navbar. Resolves when the page's static strings are filled in. */
export async function startPage() {
  const $ = window.jQuery;
  // The switch is labelled in the other language; tell screen readers which one.
  const markSwitch = () => $("#lang-switch").attr("lang", lang() === "bn" ? "en" : "bn");
  onLangChange(markSwitch);
  onLangChange(renderAuthNav);
  onAuthChange(renderAuthNav);
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

// The navbar's account corner: who is signed in and a sign-out button, or a sign-in link that comes back here.
function renderAuthNav() {
  const $nav = window.jQuery("#auth-nav");
  if (!$nav.length) return;
  const user = currentUser();
  if (!user) {
    const back = encodeURIComponent(window.location.pathname + window.location.search);
    $nav.html(`<a class="btn btn-sm btn-ghost" href="/login.html?return=${back}">${escapeHtml(t("auth.signIn"))}</a>`);
    return;
  }
  // Clerks get a way to their console, ops to their dashboard, from every page.
  const counter = user.role === "clerk"
    ? `<a id="nav-counter" class="btn btn-sm btn-ghost" href="/counter.html">${escapeHtml(t("nav.counter"))}</a>`
    : user.role === "ops"
      ? `<a id="nav-ops" class="btn btn-sm btn-ghost" href="/ops/">${escapeHtml(t("dashboard.nav"))}</a>`
      : "";
  const role = user.role === "passenger" ? "" : ` <span class="badge badge-sm badge-outline">${escapeHtml(t(`auth.role.${user.role}`))}</span>`;
  $nav.html(
    counter +
    `<span class="hidden max-w-40 truncate text-sm sm:inline" title="${escapeHtml(t("auth.signedInAs", { name: user.name }))}">` +
      `${escapeHtml(user.name)}${role}</span>` +
      `<button type="button" class="btn btn-sm btn-ghost" id="sign-out">${escapeHtml(t("auth.signOut"))}</button>`,
  );
  $nav.find("#sign-out").on("click", async () => {
    await signOut();
    announce(t("auth.signedOut"));
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
