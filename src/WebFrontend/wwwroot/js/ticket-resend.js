// "Send ticket by SMS again" on the ticket page and in My bookings: POST /api/bookings/{pnr}/resend, allowed to the
// booking's owner (a signed-in passenger; the booking then carries its token) and to clerks and ops, three times a
// Dhaka day. The buttons carry data-resend-pnr; one delegated handler per page sends and reports beside the button.
import { api, ApiError } from "./api.js";
import { currentUser } from "./auth.js";
import { formatDate, formatTime, t } from "./i18n.js";
import { problemText } from "./ui.js";

/** Whether the signed-in user may ask for the ticket SMS of booking `b` (the server decides in the end). */
export function canResend(b, user = currentUser()) {
  if (!b || b.status !== "Confirmed" || !user) return false;
  if (user.role === "clerk" || user.role === "ops") return true;
  return user.role === "passenger" && Boolean(b.bookingToken);
}

/** The button (and its result line) for booking `b`, or "" when the user may not resend. */
export function resendButton(b, className = "btn btn-sm btn-outline") {
  if (!canResend(b)) return "";
  const pnr = String(b.pnr).replace(/[^0-9A-Z-]/g, "");
  return `<button type="button" class="${className} resend-sms" data-resend-pnr="${pnr}">${escape(t("resend.button"))}</button>
    <p class="resend-result text-sm" data-resend-for="${pnr}" role="status" hidden></p>`;
}

/** Sends on click of any resend button under `root`; safe to call once per page. */
export function wireResend(root = document) {
  root.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-resend-pnr]") : null;
    if (!button || button.disabled) return;
    const pnr = button.dataset.resendPnr;
    const result = root.querySelector(`[data-resend-for="${pnr}"]`);
    button.disabled = true;
    try {
      const sent = await api(`/api/bookings/${encodeURIComponent(pnr)}/resend`, { method: "POST" });
      show(result, t("resend.sent", { count: Number(sent?.remainingToday ?? 0) }), "text-success");
    } catch (error) {
      show(result, resendError(error), "text-error");
    } finally {
      button.disabled = false;
    }
  });
}

function resendError(error) {
  if (error instanceof ApiError && error.code === "resend-limit-reached") {
    const until = error.problem?.until;
    return until ? t("resend.limitUntil", { time: `${formatTime(until)}, ${formatDate(until)}` }) : t("resend.limit");
  }
  if (error instanceof ApiError && error.code === "ticket-not-issued") return t("resend.notIssued");
  return problemText(error);
}

function show(element, text, tone) {
  if (!element) return;
  element.textContent = text;
  element.className = `resend-result text-sm ${tone}`;
  element.hidden = false;
}

function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
