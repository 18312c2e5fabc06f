// Shared by the ops pages (/ops/…): start-up with the ops navbar, forms in dialogs with errors shown at their
// field (from our own checks and from the server's ProblemDetails `field`), confirmations and toasts.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { problemText } from "./ui.js";

/** The ops pages, in navbar order: [path, i18n key]. */
const OPS_PAGES = [
  ["/ops/", "dashboard.nav"],
  ["/ops/network.html", "ops.nav.network"],
  ["/ops/layouts.html", "ops.nav.layouts"],
  ["/ops/trip.html", "ops.nav.trips"],
  ["/ops/outbox.html", "outbox.nav"],
  ["/ops/holders.html", "holders.nav"],
  ["/ops/staff.html", "staff.nav"],
  ["/ops/audit.html", "audit.nav"],
  ["/staff/scan.html", "scan.nav"],
];

/**
 * Fills the page's empty `<header id="ops-header">` with the one ops navbar, so every ops page links the same pages.
 * `data-live` on the header adds the hub connection badge (pages that watch trips live).
 */
function renderOpsHeader() {
  const header = document.getElementById("ops-header");
  if (!header || header.childElementCount > 0) return;
  const links = OPS_PAGES.map(
    ([href, key]) => `<li><a href="${href}" class="aria-[current=page]:menu-active" data-i18n="${key}"></a></li>`,
  ).join("");
  const live = header.hasAttribute("data-live")
    ? `<span id="connection-status" data-status="reconnecting" role="status" hidden
          class="badge badge-ghost gap-1.5 whitespace-nowrap data-[status=live]:badge-success data-[status=offline]:badge-error data-[status=reconnecting]:badge-warning">
        <span class="status-dot inline-block size-2 rounded-full bg-current" aria-hidden="true"></span>
        <span id="connection-text" data-i18n="status.reconnecting"></span>
      </span>`
    : "";
  header.innerHTML = `
    <div class="min-w-0 flex-1">
      <a href="/ops/" class="flex items-center gap-2 rounded-field px-1 py-1">
        <img src="/img/logo.svg" alt="" width="36" height="36" class="size-9" />
        <span class="flex flex-col leading-tight">
          <span class="text-lg font-bold text-primary" data-i18n="app.brand"></span>
          <span class="text-xs opacity-70" data-i18n="ops.nav.title"></span>
        </span>
      </a>
    </div>
    <nav id="ops-nav" class="order-last w-full overflow-x-auto md:order-none md:w-auto" data-i18n-attr="aria-label:ops.nav.label">
      <ul class="menu menu-horizontal flex-wrap gap-1 p-0 text-sm md:flex-nowrap">${links}</ul>
    </nav>
    <div class="flex flex-none items-center gap-2">
      ${live}
      <div id="auth-nav" class="flex items-center gap-2" aria-live="polite"></div>
      <button id="lang-switch" type="button" class="btn btn-sm btn-outline btn-primary" data-i18n="nav.langSwitch" data-i18n-attr="aria-label:nav.langSwitchLabel"></button>
    </div>`;
}

/** The ops navbar, startPage(), and the navbar's current link. */
export async function startOpsPage() {
  renderOpsHeader();
  await startPage();
  const here = window.location.pathname;
  for (const link of document.querySelectorAll("#ops-nav a[href]")) {
    if (link.getAttribute("href") === here) link.setAttribute("aria-current", "page");
  }
}

/**
 * A page-level message for failures that belong to no field. 403 means the user is signed in but not ops.
 * @param {unknown} error
 */
export function pageProblemText(error) {
  if (error instanceof ApiError && error.status === 403) return t("ops.forbidden");
  return problemText(error);
}

// ---------- field errors ----------

/** Hides every field error of a form and the form-level alert. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll(".field-error")) {
    p.textContent = "";
    p.hidden = true;
  }
  for (const input of form.querySelectorAll("[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    input.classList.remove("input-error", "select-error");
  }
  const alert = form.querySelector(".form-error");
  if (alert) {
    alert.textContent = "";
    alert.hidden = true;
  }
}

/**
 * Shows a message under the field named `field` (its `.field-error[data-field]`), marking its input invalid, or in
 * the form-level alert when the form has no such field. Messages for one field are joined.
 * @returns {HTMLElement|null} the element to focus
 */
export function showFieldError(form, field, message) {
  const slot = field ? form.querySelector(`.field-error[data-field="${CSS.escape(field)}"]`) : null;
  if (!slot) {
    showFormError(form, message);
    return form.querySelector(".form-error");
  }
  slot.textContent = slot.hidden || !slot.textContent ? message : `${slot.textContent} ${message}`;
  slot.hidden = false;
  const input = form.querySelector(`[name="${CSS.escape(field)}"]`);
  if (input) {
    input.setAttribute("aria-invalid", "true");
    input.classList.add(input.tagName === "SELECT" ? "select-error" : "input-error");
    return input;
  }
  return slot;
}

export function showFormError(form, message) {
  const alert = form.querySelector(".form-error");
  if (!alert) return;
  alert.textContent = alert.hidden || !alert.textContent ? message : `${alert.textContent} ${message}`;
  alert.hidden = false;
}

/**
 * Shows a failed save: a ProblemDetails with `field` next to that field (through `aliases` when the server's field
 * name differs from the form's input name), anything else in the form-level alert. Focuses it.
 */
export function showSaveError(form, error, aliases = {}) {
  const field = error instanceof ApiError ? error.problem?.field : null;
  const name = field ? (aliases[field] ?? field) : null;
  // The server's detail names the field's problem precisely, but only in English: a translated code comes first.
  const translated = error instanceof ApiError && error.code && t(`errors.code.${error.code}`) !== `errors.code.${error.code}`;
  const message = error instanceof ApiError && error.detail && name && !translated ? error.detail : pageProblemText(error);
  const target = showFieldError(form, name, message);
  focusInvalid(form, target);
}

/** Focuses the first invalid control of a form (or `preferred`), and announces that there are errors. */
export function focusInvalid(form, preferred = null) {
  const target = preferred ?? form.querySelector("[aria-invalid=true]") ?? form.querySelector(".form-error:not([hidden])");
  if (target) {
    if (!target.matches("input, select, textarea, button")) target.tabIndex = -1;
    target.focus();
  }
  announce(t("ops.form.hasErrors"));
}

// ---------- dialogs and feedback ----------

/** Opens a <dialog>; resolves when it closes. */
export function openDialog(dialog) {
  if (!dialog.open) dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue), { once: true }));
}

/** Asks a yes/no question in #confirm-dialog. Resolves true when confirmed. */
export async function confirmAction(message, confirmLabel) {
  const dialog = document.getElementById("confirm-dialog");
  dialog.querySelector("[data-confirm-text]").textContent = message;
  dialog.querySelector("[data-confirm-ok]").textContent = confirmLabel;
  dialog.returnValue = "";
  const result = await openDialog(dialog);
  return result === "ok";
}

/** A short message at the bottom of the screen (also read to screen readers). */
export function toast(message, kind = "success") {
  const region = document.getElementById("toasts");
  if (!region) return announce(message);
  const item = document.createElement("div");
  item.className = `alert ${kind === "error" ? "alert-error" : "alert-success"} shadow-lg`;
  item.innerHTML = `${icon(kind === "error" ? "alert" : "check", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`;
  region.append(item);
  announce(message);
  window.setTimeout(() => item.remove(), kind === "error" ? 8000 : 5000);
}

/** Disables a submit button and shows a spinner in it while `work` runs. */
export async function busy(button, work) {
  const spinner = button.querySelector(".loading");
  button.disabled = true;
  if (spinner) spinner.hidden = false;
  try {
    return await work();
  } finally {
    button.disabled = false;
    if (spinner) spinner.hidden = true;
  }
}
