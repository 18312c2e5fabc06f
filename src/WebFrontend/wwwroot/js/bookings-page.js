// My bookings (/bookings.html): the current owner's bookings (owner cookie or signed-in account) plus the ones
// this device holds a guest token for, as cards linking to their tickets; and "Find a booking" by PNR + phone,
// which stores the returned guest token and opens the ticket.
import { ApiError, bookingTokens, getBooking, getMyBookings, getStops, lookupBooking } from "./api.js";
import { normalizeBdPhone, normalizePnr, statusBadgeClass } from "./booking-model.js";
import { formatDate, formatTaka, formatTime, onLangChange, routeName, stopName, t } from "./i18n.js";
import { icon } from "./icons.js";
import { saveTickets } from "./offline.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { resendButton, wireResend } from "./ticket-resend.js";
import { coachClassBadge, problemText } from "./ui.js";

const $ = window.jQuery;
/** Bookings opened on this device by token; a bound keeps a long-used phone from firing dozens of requests. */
const MAX_TOKEN_BOOKINGS = 20;

const page = {
  bookings: null,
  stopsById: new Map(),
  lookupErrors: new Map(),
  looking: false,
};

await startPage();
onLangChange(() => {
  if (page.bookings) renderBookings();
  renderLookupErrors();
});
wireLookup();
wireResend(document.getElementById("bookings-list"));
await load();

async function load() {
  const stops = getStops()
    .then((list) => {
      for (const stop of list ?? []) page.stopsById.set(String(stop.id), stop);
    })
    .catch(() => {});
  let mine;
  try {
    mine = (await getMyBookings()) ?? [];
    // Kept for "My tickets" without network (a signed-in passenger's paid tickets only; see offline.js).
    saveTickets(mine).catch(() => {});
  } catch (error) {
    $("#bookings-loading").prop("hidden", true);
    $("#bookings-error-text").text(problemText(error));
    $("#bookings-error").prop("hidden", false);
    $("#bookings-section").attr("aria-busy", "false");
    return;
  }
  const known = new Set(mine.map((b) => normalizePnr(b.pnr)));
  const extra = bookingTokens
    .pnrs()
    .filter((pnr) => !known.has(pnr))
    .slice(-MAX_TOKEN_BOOKINGS);
  const others = await Promise.all(
    extra.map((pnr) =>
      getBooking(pnr).catch((error) => {
        // A token that no longer opens its booking is useless; forget it.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) bookingTokens.remove(pnr);
        return null;
      }),
    ),
  );
  await stops;
  page.bookings = [...mine, ...others.filter(Boolean)].sort((a, b) => Date.parse(b.departure) - Date.parse(a.departure));
  $("#bookings-loading").prop("hidden", true);
  $("#bookings-section").attr("aria-busy", "false");
  renderBookings();
}

function nameOf(stopId, fallback) {
  const stop = page.stopsById.get(String(stopId));
  return stop ? stopName(stop) : fallback || String(stopId ?? "");
}

function renderBookings() {
  const bookings = page.bookings;
  $("#bookings-empty").prop("hidden", bookings.length > 0);
  $("#bookings-list").html(bookings.map(card).join(""));
}

function card(b) {
  const from = nameOf(b.from, b.fromName);
  const to = nameOf(b.to, b.toName);
  const href = `/ticket.html?pnr=${encodeURIComponent(b.pnr)}`;
  const departed = Date.parse(b.departure) < Date.now();
  return `
    <li class="booking-card card border border-base-300 bg-base-100 shadow-sm ${departed ? "opacity-80" : ""}" data-pnr="${escapeHtml(b.pnr)}" data-status="${escapeHtml(b.status)}">
      <div class="card-body gap-2 p-4">
        <div class="flex flex-wrap items-center justify-between gap-2">
          <div class="flex flex-wrap items-center gap-2">
            <span class="font-mono text-lg font-bold tracking-wide">${escapeHtml(b.pnr)}</span>
            <span class="badge ${statusBadgeClass(b.status)}">${escapeHtml(t(`booking.status.${b.status}`))}</span>
          </div>
          <strong class="whitespace-nowrap">${escapeHtml(formatTaka(b.fare?.total ?? 0))}</strong>
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <span class="font-semibold">${escapeHtml(routeName(b))}</span>
          ${b.coachClass ? coachClassBadge(b.coachClass) : ""}
        </div>
        <p class="font-medium" aria-label="${escapeHtml(t("booking.leg", { from, to }))}">
          <span>${escapeHtml(from)}</span> ${icon("arrowRight", "inline size-4 align-[-2px]")} <span>${escapeHtml(to)}</span></p>
        <p class="text-sm opacity-80">${escapeHtml(t("bookings.departs", { time: formatTime(b.departure), date: formatDate(b.departure) }))}</p>
        <div class="flex flex-wrap items-center justify-between gap-2">
          <span class="flex flex-wrap gap-1">${(b.seats ?? []).map((s) => `<span class="badge badge-secondary badge-sm">${escapeHtml(s)}</span>`).join("")}</span>
          <a class="btn btn-sm btn-primary" href="${escapeHtml(href)}" aria-label="${escapeHtml(t("bookings.openTicketLabel", { pnr: b.pnr }))}">
            ${icon("ticket", "size-4")}${escapeHtml(t("bookings.openTicket"))}</a>
        </div>
        ${resendButton(b, "btn btn-sm btn-outline self-end")}
      </div>
    </li>`;
}

// ---------- find a booking ----------

function wireLookup() {
  $("#lookup-form").on("submit", (event) => {
    event.preventDefault();
    lookup();
  });
  $("#lookup-pnr, #lookup-phone").on("input", function () {
    if (!page.lookupErrors.has(this.id)) return;
    page.lookupErrors.delete(this.id);
    renderLookupErrors();
  });
}

function validateLookup() {
  page.lookupErrors.clear();
  if (!$("#lookup-pnr").val().trim()) page.lookupErrors.set("lookup-pnr", "bookings.pnrRequired");
  const phone = $("#lookup-phone").val();
  if (!phone.trim()) page.lookupErrors.set("lookup-phone", "book.fieldErrors.phone.required");
  else if (!normalizeBdPhone(phone)) page.lookupErrors.set("lookup-phone", "book.fieldErrors.phone.invalid");
  renderLookupErrors();
  return page.lookupErrors.size === 0;
}

function renderLookupErrors() {
  for (const id of ["lookup-pnr", "lookup-phone"]) {
    const key = page.lookupErrors.get(id);
    $(`#${id}-error`).text(key ? t(key) : "").prop("hidden", !key);
    $(`#${id}`).attr("aria-invalid", key ? "true" : "false").toggleClass("input-error", Boolean(key));
  }
}

async function lookup() {
  if (page.looking) return;
  $("#lookup-error").prop("hidden", true);
  if (!validateLookup()) {
    document.getElementById(page.lookupErrors.keys().next().value)?.focus();
    return;
  }
  const pnr = normalizePnr($("#lookup-pnr").val());
  setLooking(true);
  try {
    await lookupBooking(pnr, normalizeBdPhone($("#lookup-phone").val()), document.documentElement.lang);
    const sent = t("bookings.linkSent");
    $("#lookup-sent").html(`${icon("check", "size-5 shrink-0")}<span>${escapeHtml(sent)}</span>`).prop("hidden", false);
    announce(sent);
    setLooking(false);
  } catch (error) {
    const message = problemText(error);
    $("#lookup-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
    document.getElementById("lookup-error").focus();
    announce(message);
    setLooking(false);
  }
}

function setLooking(on) {
  page.looking = on;
  const button = $("#lookup-submit");
  button.prop("disabled", on);
  button.find(".loading").prop("hidden", !on);
  button.find(".lookup-label").attr("data-i18n", on ? "bookings.finding" : "bookings.find").text(t(on ? "bookings.finding" : "bookings.find"));
}
