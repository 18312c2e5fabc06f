// E-ticket (/ticket.html?pnr=…): the booking with its status, journey, passengers, fare, history and boarding QR;
// print (the server's printable page) and cancel with the refund quoted before confirming.
// Guests reach their booking through the token stored for its PNR (see api.js), or through the single-use link texted by
// lookup (/ticket.html?link=…), which is spent once for that token.
import {
  ApiError,
  bookingUrl,
  cancelBooking,
  getBooking,
  getCancellationQuote,
  getStops,
  redeemBookingLink,
} from "./api.js";
import { fareLines, methodLabelKey } from "./book-model.js";
import { canCancel, isClosed, latestEvent, normalizePnr, pollBooking, statusBadgeClass } from "./booking-model.js";
import { formatDate, formatTaka, formatTime, lang, onLangChange, routeName, stopName, t, toLocalDigits } from "./i18n.js";
import { fareLineHtml, pointName } from "./fare-view.js";
import { icon } from "./icons.js";
import { saveTicket } from "./offline.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { initChanges, renderChanges } from "./ticket-changes.js";
import { resendButton, wireResend } from "./ticket-resend.js";
import { coachClassBadge, problemText } from "./ui.js";

const $ = window.jQuery;

const page = {
  pnr: null,
  booking: null,
  stopsById: new Map(),
  quote: null,
  cancelling: false,
};

await startPage();
initChanges((booking) => {
  page.booking = booking;
  render();
});
wireResend(document.getElementById("ticket-actions"));
onLangChange(() => {
  if (page.booking) render();
  if (page.quote) renderQuote();
});
await load();

async function load() {
  const query = new URLSearchParams(window.location.search);
  let pnr = query.get("pnr");
  const link = query.get("link");
  if (link) {
    try {
      pnr = await redeemBookingLink(link);
    } catch (error) {
      return showLoadError(error instanceof ApiError && error.status === 404 ? t("ticket.linkInvalid") : problemText(error));
    }
    // The secret is spent; keep it out of the address bar, history and any shared screenshot.
    window.history.replaceState(null, "", `/ticket.html?pnr=${encodeURIComponent(pnr)}`);
  }
  if (!pnr) return showLoadError(t("ticket.missingPnr"));
  page.pnr = normalizePnr(pnr);
  let booking;
  try {
    [booking] = await Promise.all([getBooking(page.pnr), loadStops()]);
  } catch (error) {
    const hidden = error instanceof ApiError && (error.status === 404 || error.status === 403);
    return showLoadError(hidden ? t("ticket.notFound") : problemText(error));
  }
  page.booking = booking;
  // A paid ticket is kept for opening without network (signed-in passengers only; see offline.js).
  saveTicket(booking).catch(() => {});
  $("#ticket-loading").prop("hidden", true);
  $("#ticket-view").prop("hidden", false);
  render();
  // A cancellation whose refund is still on its way: show it arrive.
  if (booking.status === "Cancelled" && booking.refund && booking.payment?.status !== "Refunded") refreshUntilRefunded();
}

/** Stop names in both languages (the booking carries one name per stop). Optional: names fall back to the booking's. */
async function loadStops() {
  try {
    for (const stop of (await getStops()) ?? []) page.stopsById.set(String(stop.id), stop);
  } catch {
    page.stopsById.clear();
  }
}

function showLoadError(message) {
  $("#ticket-loading").prop("hidden", true);
  $("#ticket-error-text").text(message);
  $("#ticket-error").prop("hidden", false);
}

function nameOf(stopId, fallback) {
  const stop = page.stopsById.get(String(stopId));
  return stop ? stopName(stop) : fallback || String(stopId ?? "");
}

// ---------- rendering ----------

function render() {
  const b = page.booking;
  const from = nameOf(b.from, b.fromName);
  const to = nameOf(b.to, b.toName);
  document.title = `${b.pnr} · ${t("ticket.pageTitle")}`;
  $("#ticket-route").text(routeName(b));
  $("#ticket-class").html(b.coachClass ? coachClassBadge(b.coachClass) : "");
  $("#ticket-leg")
    .html(`<span>${escapeHtml(from)}</span> ${icon("arrowRight", "inline size-4 align-[-2px]")} <span>${escapeHtml(to)}</span>`)
    .attr("aria-label", t("booking.leg", { from, to }));
  $("#booking-pnr").text(b.pnr);
  $("#booking-status")
    .attr("data-status", b.status)
    .attr("class", `badge badge-lg ${statusBadgeClass(b.status)}`)
    .text(t(`booking.status.${b.status}`));
  renderStatusNote();
  renderTripNotices();

  // The point within the stop (a counter or a roadside point) and when to be there; bookings made before points have neither.
  const boarding = b.boarding ? `${from} · ${pointName(b.boarding)}` : from;
  $("#ticket-boarding").text(boarding);
  $("#ticket-boarding-time").html(dateTime(b.departure));
  $("#ticket-report-row").prop("hidden", !b.boarding);
  $("#ticket-report").html(b.boarding ? dateTime(b.boarding.at) : "");
  $("#ticket-dropping-row").prop("hidden", !b.dropping);
  $("#ticket-dropping").text(b.dropping ? `${to} · ${pointName(b.dropping)}` : "");
  $("#ticket-arrival-label").text(t("ticket.arrival", { to }));
  $("#ticket-arrival").html(dateTime(b.arrival));
  $("#ticket-seats").html((b.seats ?? []).map((s) => `<span class="badge badge-secondary">${escapeHtml(s)}</span>`).join(""));
  $("#ticket-coach").text(b.coachRegistration ? t("ticket.coach", { registration: b.coachRegistration }) : "");

  $("#ticket-passengers").html(
    (b.passengers ?? [])
      .map(
        (p) => `<tr>
          <td><span class="badge badge-secondary badge-sm">${escapeHtml(p.seat)}</span></td>
          <td class="font-medium">${escapeHtml(p.name)}</td>
          <td>${escapeHtml(t(`book.genders.${p.gender}`))}</td></tr>`,
      )
      .join(""),
  );
  const contact = [b.contact?.phone ? toLocalDigits(b.contact.phone) : "", b.contact?.email ?? ""].filter(Boolean);
  $("#ticket-contact").text(contact.join(" · "));

  const fare = b.fare ?? {};
  $("#ticket-fare-line").text(fare.perSeat ? t("ticket.farePerSeat", { fare: formatTaka(fare.perSeat), count: Number(fare.seats ?? b.seats?.length ?? 0) }) : "");
  // Legs, charges and discount; the total is what was paid in all (a trip change's fee included).
  const lines = fareLines(fare, { perSeat: fare.perSeat ?? 0, seats: fare.seats ?? 0, total: fare.total ?? 0 });
  const total = lines.at(-1);
  $("#ticket-fare-lines").html(lines.slice(0, -1).map((line) => fareLineHtml(line)).join(""));
  $("#ticket-total-label").attr("data-i18n", total.key === "book.totalPaid" ? "book.totalPaid" : "ticket.total")
    .text(t(total.key === "book.totalPaid" ? "book.totalPaid" : "ticket.total"));
  $("#ticket-total").text(formatTaka(total.amount));
  const refund = b.refund;
  $("#ticket-refund-row").prop("hidden", !refund);
  if (refund) $("#ticket-refund").text(t("ticket.refundLine", { amount: formatTaka(refund.amount), percent: Number(refund.percent) }));
  $("#ticket-channel").text(b.channel ? t(`booking.channel.${b.channel}`) : "");
  const trx = b.payment?.transactionId;
  $("#ticket-paid-with")
    .text(trx ? t("book.paidWith", { method: t(methodLabelKey(b.payment.provider)), trx }) : "")
    .prop("hidden", !trx);

  const confirmed = b.status === "Confirmed";
  $("#qr-card").prop("hidden", !confirmed);
  if (confirmed) {
    const qr = document.getElementById("ticket-qr");
    const src = bookingUrl(b.pnr, "/ticket/qr.png");
    if (qr.getAttribute("src") !== src) qr.setAttribute("src", src);
    qr.alt = t("ticket.qrAlt", { pnr: b.pnr });
  }
  // The printable ticket is rendered by the server, in the language this page shows.
  const printable = bookingUrl(b.pnr, "/ticket");
  $("#print-ticket").prop("hidden", !confirmed).attr("href", `${printable}${printable.includes("?") ? "&" : "?"}lang=${lang()}`);
  $("#pay-now").prop("hidden", b.status !== "PendingPayment").attr("href", `/book.html?pnr=${encodeURIComponent(b.pnr)}`);
  $("#cancel-booking").prop("hidden", !canCancel(b));
  $("#resend-slot").html(resendButton(b, "btn btn-outline w-full"));
  // Closed bookings have no QR and no actions: let the details use the whole width.
  const asideEmpty = !confirmed && b.status !== "PendingPayment" && !canCancel(b);
  $("#ticket-grid").attr("data-aside", asideEmpty ? "empty" : "full");
  renderChanges(b);
  renderHistory();
}

function renderStatusNote() {
  const b = page.booking;
  const text = t(`booking.statusText.${b.status}`);
  // Why it closed, from the last event's code in the page's language: the server's explanation is English only.
  const closing = isClosed(b.status) ? latestEvent(b) : null;
  const reason = closing ? historyLabel(closing.kind) : "";
  const tone = { PendingPayment: "alert-warning", Cancelled: "alert-info", Refunded: "alert-info", Expired: "alert-warning", PaymentFailed: "alert-error" }[b.status];
  const note = $("#status-note");
  if (!text && !reason) {
    note.prop("hidden", true).empty();
    return;
  }
  note
    .attr("class", `alert alert-soft items-start ${tone ?? "alert-info"}`)
    .html(
      `${icon(b.status === "PaymentFailed" ? "alert" : "info", "size-5 shrink-0")}<div class="flex flex-col gap-1">
        ${text ? `<p>${escapeHtml(text)}</p>` : ""}
        ${reason ? `<p id="status-reason" class="text-sm opacity-80">${escapeHtml(t("book.reason", { reason }))}</p>` : ""}</div>`,
    )
    .prop("hidden", false);
}

/** A delay or a new coach since booking: the passenger must see it before anything else on the ticket. */
function renderTripNotices() {
  const b = page.booking;
  const live = b.status === "Confirmed" || b.status === "PendingPayment";
  const delay = live ? latestEvent(b, "booking.trip-delayed") : null;
  const coach = live ? latestEvent(b, "booking.coach-changed") : null;
  $("#delay-notice")
    .prop("hidden", !delay)
    .find("[data-text]")
    .html(delay ? t("ticket.delayNotice", { old: whenHtml(delay.previous), new: whenHtml(b.departure) }) : "");
  $("#coach-notice")
    .prop("hidden", !coach)
    .find("[data-text]")
    .html(
      coach
        ? t("ticket.coachNotice", { old: plateHtml(coach.previous), new: plateHtml(b.coachRegistration) })
        : "",
    );
}

function whenHtml(iso) {
  return iso ? `<strong>${dateTime(iso)}</strong>` : `<strong>${escapeHtml(t("ticket.unknownTime"))}</strong>`;
}

function plateHtml(registration) {
  // Number plates stay in Latin letters, as painted on the coach.
  return `<strong lang="en" class="font-mono">${escapeHtml(registration ?? "")}</strong>`;
}

function renderHistory() {
  const history = [...(page.booking.history ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  $("#ticket-history").html(
    history
      .map((entry) => {
        const label = historyLabel(entry.kind);
        return `<li class="flex flex-col gap-0.5 border-s-2 border-base-300 ps-3 sm:flex-row sm:gap-3">
          <span class="shrink-0 tabular-nums opacity-70 sm:w-44">${dateTime(entry.at)}</span>
          <span><span class="font-medium">${escapeHtml(label)}</span>${entry.kind === "booking.seats-changed" && entry.previous ? ` <span lang="en" class="font-mono">${escapeHtml(entry.previous)}</span>` : ""}</span>
        </li>`;
      })
      .join(""),
  );
}

/** A booking event kind (booking.created, booking.trip-delayed, …) in the page's language; never the raw kind. */
function historyLabel(kind) {
  const name = String(kind ?? "").replace(/^booking\./, "");
  for (const key of [`ticket.events.${name}`, `tripOps.history.${name}`, `changes.history.${name}`]) {
    if (t(key) !== key) return t(key);
  }
  return t("tripOps.history.other");
}

function dateTime(iso) {
  if (!iso) return "";
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatTime(iso))}, ${escapeHtml(formatDate(iso))}</time>`;
}

// ---------- cancellation ----------

const dialog = document.getElementById("cancel-dialog");

$("#cancel-booking").on("click", async () => {
  $("#action-error").prop("hidden", true);
  page.quote = null;
  $("#cancel-error").prop("hidden", true);
  $("#confirm-cancel").prop("disabled", true);
  $("#refund-reason").prop("hidden", true);
  $("#refund-quote")
    .removeAttr("data-percent data-amount")
    .html(`<span class="flex items-center gap-2"><span class="loading loading-spinner loading-sm" aria-hidden="true"></span>${escapeHtml(t("ticket.quoteLoading"))}</span>`);
  dialog.showModal();
  try {
    page.quote = await getCancellationQuote(page.booking.pnr);
    renderQuote();
    $("#confirm-cancel").prop("disabled", false);
  } catch (error) {
    $("#refund-quote").text("");
    showCancelError(problemText(error));
  }
});

function renderQuote() {
  const quote = page.quote;
  const percent = Number(quote.refundPercent ?? 0);
  const amount = Number(quote.refundAmount ?? 0);
  const text =
    amount > 0
      ? t("ticket.refundQuote", { amount: formatTaka(amount), percent, total: formatTaka(page.booking.fare?.total ?? 0) })
      : t("ticket.noRefund", { percent });
  $("#refund-quote")
    .attr("data-percent", String(percent))
    .attr("data-amount", String(amount))
    .html(`<strong class="text-lg">${escapeHtml(text)}</strong>`);
  $("#refund-reason").text(quote.reason ? t("book.reason", { reason: quote.reason }) : "").prop("hidden", !quote.reason);
}

$("#confirm-cancel").on("click", async function () {
  if (page.cancelling) return;
  page.cancelling = true;
  const button = $(this);
  button.prop("disabled", true).find(".loading").prop("hidden", false);
  $("#cancel-error").prop("hidden", true);
  try {
    page.booking = await cancelBooking(page.booking.pnr);
    dialog.close();
    render();
    announce(t("ticket.cancelled"));
    document.getElementById("booking-status").scrollIntoView({ block: "nearest" });
    if (page.booking.status === "Cancelled") refreshUntilRefunded();
  } catch (error) {
    showCancelError(problemText(error));
    // The booking may have changed meanwhile (already cancelled, departed): show what it is now.
    if (error instanceof ApiError && error.status === 409) reload();
  } finally {
    page.cancelling = false;
    button.find(".loading").prop("hidden", true);
    button.prop("disabled", !page.quote);
  }
});

function showCancelError(message) {
  $("#cancel-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
}

async function reload() {
  try {
    page.booking = await getBooking(page.booking.pnr);
    render();
  } catch (error) {
    $("#action-error").text(problemText(error)).prop("hidden", false);
  }
}

/** After a cancellation the refund follows shortly (a provider round trip); poll briefly so the page shows it. */
async function refreshUntilRefunded() {
  $("#refresh-note").prop("hidden", false);
  try {
    const { booking } = await pollBooking(() => getBooking(page.pnr), {
      until: (b) => b.status !== "Cancelled" || b.payment?.status === "Refunded" || !b.refund || b.refund.amount <= 0,
      intervalMs: 2000,
      timeoutMs: 30000,
    });
    if (booking) {
      page.booking = booking;
      render();
    }
  } catch {
    // The page still shows the cancellation; a reload shows the refund once it is through.
  } finally {
    $("#refresh-note").prop("hidden", true);
  }
}
