// Shared start-up for every page: strings, the language switch, and a polite live region for
// announcements that have no visible place of their own.
import { currentUser, onAuthChange, signOut } from "./auth.js";
import { initI18n, lang, onLangChange, t, toggleLang } from "./i18n.js";
import { initOffline } from "./offline.js";

/** Loads the language and wires the navbar. Resolves when the page's static strings are filled in. */
export async function startPage() {
  renderSiteHeader();
  const $ = window.jQuery;
  // The switch is labelled in the other language; tell screen readers which one.
  const markSwitch = () => $("#lang-switch").attr("lang", lang() === "bn" ? "en" : "bn");
  onLangChange(markSwitch);
  onLangChange(renderAuthNav);
  onAuthChange(renderAuthNav);
  await initI18n();
  initOffline();
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

const BOOKINGS_ICON =
  '<svg class="size-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M4 7.5A1.5 1.5 0 0 1 5.5 6h13A1.5 1.5 0 0 1 20 7.5V10a2 2 0 0 0 0 4v2.5a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 16.5V14a2 2 0 0 0 0-4z"/><path d="M14 6v2M14 11v2M14 16v2"/></svg>';

/**
 * Fills the page's empty `<header id="site-header">` with the one passenger/counter navbar. Attributes choose its
 * variants: `data-live` adds the hub connection badge, `data-no-bookings` drops the "my bookings" link, and
 * `data-tagline` names the i18n key under the brand (default `app.tagline`).
 */
function renderSiteHeader() {
  const header = document.getElementById("site-header");
  if (!header || header.childElementCount > 0) return;
  const tagline = header.dataset.tagline || "app.tagline";
  const bookings = header.hasAttribute("data-no-bookings")
    ? ""
    : `<a id="nav-bookings" href="/bookings.html" class="btn btn-sm btn-ghost gap-1 px-2" data-i18n-attr="title:nav.myBookings">
        ${BOOKINGS_ICON}
        <span class="text-xs sm:hidden" data-i18n="nav.bookingsShort"></span>
        <span class="hidden sm:inline" data-i18n="nav.myBookings"></span>
      </a>`;
  const live = header.hasAttribute("data-live")
    ? `<span id="connection-status" data-status="reconnecting" role="status"
          class="badge badge-ghost gap-1.5 whitespace-nowrap data-[status=live]:badge-success data-[status=offline]:badge-error data-[status=reconnecting]:badge-warning">
        <span class="status-dot inline-block size-2 rounded-full bg-current" aria-hidden="true"></span>
        <span id="connection-text" class="sr-only sm:not-sr-only" data-i18n="status.reconnecting"></span>
      </span>`
    : "";
  // The brand stays on one line: on phones the logo and brand shrink and the live badge shows only its dot.
  header.innerHTML = `
    <div class="min-w-0 flex-1">
      <a href="/" class="flex items-center gap-1.5 rounded-field px-1 py-1 sm:gap-2">
        <img src="/img/logo.svg" alt="" width="36" height="36" class="size-7 sm:size-9" />
        <span class="flex min-w-0 flex-col leading-tight">
          <span class="whitespace-nowrap text-base font-bold text-primary sm:text-lg" data-i18n="app.brand"></span>
          <span class="hidden text-xs opacity-70 sm:block" data-i18n="${escapeHtml(tagline)}"></span>
        </span>
      </a>
    </div>
    <div class="flex flex-none items-center gap-2">
      ${bookings}
      <div id="auth-nav" class="flex items-center gap-2" aria-live="polite"></div>
      ${live}
      <button id="lang-switch" type="button" class="btn btn-sm btn-outline btn-primary" data-i18n="nav.langSwitch" data-i18n-attr="aria-label:nav.langSwitchLabel"></button>
    </div>`;
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
  // Clerks get a way to their console, ops to their dashboard (ops pages link it in their own nav), supervisors to
  // the boarding scanner, from every page.
  const sells = user.role === "clerk" || (user.role === "supervisor" && user.counterId);
  const counter = (sells
    ? `<a id="nav-counter" class="btn btn-sm btn-ghost" href="/counter.html">${escapeHtml(t("nav.counter"))}</a>`
    : user.role === "ops" && !document.getElementById("ops-nav")
      ? `<a id="nav-ops" class="btn btn-sm btn-ghost" href="/ops/">${escapeHtml(t("dashboard.nav"))}</a>`
      : "") +
    (user.role === "supervisor"
      ? `<a id="nav-boarding" class="btn btn-sm btn-ghost" href="/staff/scan.html">${escapeHtml(t("scan.nav"))}</a>`
      : "");
  // A staff account named after its role ("Operations") needs no badge saying it again.
  const roleName = t(`auth.role.${user.role}`);
  const role = user.role === "passenger" || roleName === user.name ? "" : ` <span class="badge badge-sm badge-outline">${escapeHtml(roleName)}</span>`;
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
