// Shared by the ops pages (/ops/…): start-up with the ops navbar, forms in dialogs with errors shown at their
// field (from our own checks and from the server's ProblemDetails `field`), confirmations and toasts.
import { ApiError } from "./api.js";
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { problemText } from "./ui.js";

/** startPage() plus the ops navbar's current link. */
export async function startOpsPage() {
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
  const message = error instanceof ApiError && error.detail && name ? error.detail : pageProblemText(error);
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
