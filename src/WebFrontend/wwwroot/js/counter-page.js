// The counter console: a clerk types a trip code (or picks one of today's departures from the counter), the seats
// ("A1 A2"), the passenger's name and phone, and presses Enter to sell for cash. The seat map is the live one of
// the trip page (same hub), so online holds show as they happen. Esc clears; P prints the last ticket.
import { api, ApiError, bookingUrl, getStops, getTrip, newRequestId, rememberBooking, searchTrips } from "./api.js";
import { currentUser } from "./auth.js";
import { needsPassports, pointChoices } from "./book-model.js";
import { renderCoach, titleCoach } from "./coach-view.js";
import { defaultLeg, isUpcoming } from "./counter-model.js";
import { pointName } from "./fare-view.js";
import { formatNumber, formatTaka, formatTime, onLangChange, stopName, t, todayInDhaka } from "./i18n.js";
import { TripLive } from "./live.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { seatAriaLabel, syncGenderMark } from "./seat-marks.js";
import { SeatModel } from "./seat-state.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;

const page = {
  user: null,
  trip: null,
  stops: [],
  model: null,
  live: null,
  buttons: new Map(),
  /** The sale last sent without a clear answer: retrying the same sale reuses its request id. */
  pending: null,
  lastPnr: null,
};

await startPage();
page.user = currentUser();
if (!page.user) {
  window.location.replace(`/login.html?return=${encodeURIComponent("/counter.html")}`);
} else if ((page.user.role !== "clerk" && page.user.role !== "supervisor") || !page.user.counterId) {
  $("#counter-forbidden").prop("hidden", false);
  renderStatus("offline");
} else {
  start();
}

function start() {
  $("#counter-view").prop("hidden", false);
  $("#counter-trip").on("change", () => loadTrip($("#counter-trip").val()));
  $("#counter-trip").on("keydown", (event) => {
    // Enter in the trip field loads the trip; it sells only once a trip is loaded and seats are typed.
    if (event.key === "Enter" && !sameTrip()) {
      event.preventDefault();
      loadTrip($("#counter-trip").val());
    }
  });
  $("#counter-destination").on("change", loadDepartures);
  $("#counter-departures").on("change", function () {
    if (!this.value) return;
    $("#counter-trip").val(this.value);
    loadTrip(this.value);
  });
  $("#counter-from, #counter-to").on("change", watchLeg);
  $("#counter-seats").on("input", () => {
    paintSeats();
    renderSalePreview();
  });
  $("#counter-form").on("submit", (event) => {
    event.preventDefault();
    sell();
  });
  $("#counter-print").on("click", printTicket);
  $(document).on("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      clearSale();
      return;
    }
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(event.target.tagName);
    if (!typing && (event.key === "p" || event.key === "P") && page.lastPnr) {
      event.preventDefault();
      printTicket();
    }
  });
  onLangChange(() => {
    renderStops();
    renderTripInfo();
    paintSeats();
    loadDestinations();
    loadSummary();
  });
  renderStatus("offline");
  loadDestinations();
  loadSummary();
  $("#counter-trip").trigger("focus");
}

// ---------- trips ----------

function sameTrip() {
  return page.trip && String(page.trip.tripId).toUpperCase() === String($("#counter-trip").val()).trim().toUpperCase();
}

async function loadDestinations() {
  const stops = await getStops().catch(() => []);
  const chosen = $("#counter-destination").val();
  const options = stops
    .filter((s) => String(s.id) !== page.user.counterId)
    .map((s) => `<option value="${escapeHtml(s.id)}">${escapeHtml(stopName(s))}</option>`);
  $("#counter-destination").html(`<option value="">${escapeHtml(t("counter.pickDestination"))}</option>${options.join("")}`);
  if (chosen) $("#counter-destination").val(chosen);
}

async function loadDepartures() {
  const to = $("#counter-destination").val();
  const select = $("#counter-departures");
  if (!to) {
    select.html("");
    return;
  }
  try {
    // A departure that has left cannot be sold at the counter any more.
    const trips = (await searchTrips(page.user.counterId, to, todayInDhaka())).filter((trip) => isUpcoming(trip, new Date()));
    const options = trips.map(
      (trip) => `<option value="${escapeHtml(trip.tripId)}">${escapeHtml(`${formatTime(trip.departure)} · ${trip.tripId}`)}</option>`,
    );
    select.html(`<option value="">${escapeHtml(t(trips.length ? "counter.pickDeparture" : "counter.noDepartures"))}</option>${options.join("")}`);
  } catch (error) {
    showError(problemText(error));
  }
}

async function loadTrip(code) {
  const tripId = String(code ?? "").trim().toUpperCase();
  if (!tripId) return;
  hideError();
  let trip;
  try {
    trip = await getTrip(tripId);
  } catch (error) {
    showError(error instanceof ApiError && error.status === 404 ? t("counter.unknownTrip", { trip: tripId }) : problemText(error));
    return;
  }
  const reloaded = page.trip && page.trip.tripId === trip.tripId;
  const kept = reloaded ? { from: $("#counter-from").val(), to: $("#counter-to").val() } : null;
  page.trip = trip;
  page.stops = trip.stops ?? [];
  $("#counter-trip").val(trip.tripId);
  renderStops();
  const picked = kept ?? defaultLeg(page.stops, page.user.counterId, $("#counter-destination").val());
  $("#counter-from").val(picked.from);
  $("#counter-to").val(picked.to);
  page.buttons = renderCoach(document.getElementById("seat-map"), trip.layout, { interactive: false });
  titleCoach(document.getElementById("seat-map"), { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
  watchLeg();
  $("#counter-seats").trigger("focus");
}

function renderStops() {
  const options = page.stops.map((s) => `<option value="${escapeHtml(s.stopId)}">${escapeHtml(stopName(s))}</option>`).join("");
  for (const id of ["#counter-from", "#counter-to"]) {
    const chosen = $(id).val();
    $(id).html(options);
    if (chosen) $(id).val(chosen);
  }
}

function leg() {
  const from = $("#counter-from").val();
  const to = $("#counter-to").val();
  const i = page.stops.findIndex((s) => String(s.stopId) === String(from));
  const j = page.stops.findIndex((s) => String(s.stopId) === String(to));
  return i >= 0 && j > i ? { from: page.stops[i], to: page.stops[j], fare: fareOf(i, j) } : null;
}

function fareOf(i, j) {
  return (page.trip.legFares ?? []).slice(i, j).reduce((sum, fare) => sum + Number(fare || 0), 0);
}

/** (Re)starts the live seat map for the chosen leg. */
function watchLeg() {
  renderTripInfo();
  const chosen = leg();
  const key = page.trip && chosen ? `${page.trip.tripId}|${chosen.from.stopId}|${chosen.to.stopId}` : null;
  // The same trip and leg again (Enter, then the field's change event): keep the connection. Stopping it while it
  // negotiates would only make SignalR log an error and start over.
  if (key && key === page.liveKey && page.live) return;
  page.live?.stop();
  page.live = null;
  page.liveKey = key;
  if (!key) return;
  page.model = new SeatModel({ tripId: page.trip.tripId, stopIds: page.stops.map((s) => s.stopId), from: chosen.from.stopId, to: chosen.to.stopId });
  page.live = new TripLive(page.model, {
    tripId: page.trip.tripId,
    from: chosen.from.stopId,
    to: chosen.to.stopId,
    onSnapshot: (_snapshot, changed) => paintSeats(changed),
    onChanged: (changed) => paintSeats(changed),
    onStatus: renderStatus,
    onError: (error) => console.warn("live seats:", error),
  });
  page.live.start();
  paintSeats();
}

function renderTripInfo() {
  renderSalePreview();
  const chosen = page.trip ? leg() : null;
  if (!page.trip) {
    $("#counter-trip-info").text("");
    return;
  }
  $("#counter-trip-info").text(
    chosen
      ? t("counter.tripInfo", { from: stopName(chosen.from), to: stopName(chosen.to), time: formatTime(chosen.from.departure), fare: formatTaka(chosen.fare) })
      : t("counter.badLeg"),
  );
}

/** What Enter will sell: the leg, the seats and the cash to collect, on the sale card before the clerk commits. */
function renderSalePreview() {
  const chosen = page.trip ? leg() : null;
  renderPointsAndPassport(chosen);
  const { labels, unknown } = page.trip ? typedSeats() : { labels: [], unknown: [] };
  const preview = $("#counter-sale-preview");
  if (!chosen || !labels.length || unknown.length) {
    preview.prop("hidden", true).text("");
    return;
  }
  preview
    .text(t("counter.salePreview", { count: labels.length, seats: labels.join(" "), from: stopName(chosen.from), to: stopName(chosen.to), total: formatTaka(chosen.fare * labels.length) }))
    .prop("hidden", false);
}

/**
 * The boarding and dropping points of the chosen leg (the clerk's pick kept while still offered; else the stop's first
 * point), and the passport fields when the leg crosses the border.
 */
function renderPointsAndPassport(chosen) {
  const { boarding, dropping } = chosen ? pointChoices(page.trip, chosen.from.stopId, chosen.to.stopId) : { boarding: [], dropping: [] };
  const fill = (select, list, withTime) => {
    const keep = $(select).val();
    $(select).html(
      list
        .map((p) => {
          const text = withTime ? t("book.pointReport", { point: pointName(p), time: formatTime(p.at) }) : pointName(p);
          return `<option value="${escapeHtml(p.id)}">${escapeHtml(text)}</option>`;
        })
        .join(""),
    );
    if (list.some((p) => p.id === keep)) $(select).val(keep);
  };
  fill("#counter-boarding", boarding, true);
  fill("#counter-dropping", dropping, false);
  $("#counter-passport").prop("hidden", !(chosen && needsPassports(page.trip, chosen.from.stopId, chosen.to.stopId)));
}

// ---------- seats ----------

/** The typed seat labels, upper case and de-duplicated, and those not in the coach. */
function typedSeats() {
  const labels = [...new Set(String($("#counter-seats").val() ?? "").toUpperCase().split(/[\s,;]+/).filter(Boolean))];
  return { labels, unknown: labels.filter((label) => !page.buttons.has(label)) };
}

function paintSeats() {
  if (!page.model) return;
  const typed = new Set(typedSeats().labels);
  for (const [label, button] of page.buttons) {
    const base = page.model.stateOf(label);
    const state = typed.has(label) && base === "free" ? "selected" : base;
    const gender = page.model.genderOf(label);
    button.dataset.state = state;
    button.setAttribute("aria-label", seatAriaLabel(t, { label, state, ladies: button.dataset.ladies === "true", gender }));
    syncGenderMark(button, state, gender);
  }
}

// ---------- selling ----------

async function sell() {
  hideError();
  if (!page.trip || !sameTrip()) {
    await loadTrip($("#counter-trip").val());
    if (!page.trip) return;
  }
  const chosen = leg();
  const { labels, unknown } = typedSeats();
  const name = String($("#counter-name").val() ?? "").trim();
  const phone = String($("#counter-phone").val() ?? "").trim();
  const gender = $("#counter-gender").val();
  if (!chosen) return showError(t("counter.badLeg"), "#counter-from");
  if (!labels.length) return showError(t("counter.noSeats"), "#counter-seats");
  if (unknown.length) return showError(t("counter.unknownSeats", { seats: unknown.join(" ") }), "#counter-seats");
  const taken = labels.filter((label) => page.model?.stateOf(label) !== "free");
  if (taken.length) return showError(t("counter.seatsTaken", { seats: taken.join(" ") }), "#counter-seats");
  if (!name) return showError(t("counter.nameRequired"), "#counter-name");
  if (!phone) return showError(t("counter.phoneRequired"), "#counter-phone");
  // Across the border each passenger shows their own passport: one passenger (one seat) per sale.
  const abroad = needsPassports(page.trip, chosen.from.stopId, chosen.to.stopId);
  if (abroad && labels.length > 1) return showError(t("counter.onePassportPerSale"), "#counter-seats");
  const passport = abroad
    ? {
        number: String($("#counter-passport-number").val() ?? "").replace(/\s+/g, "").toUpperCase(),
        nationality: String($("#counter-passport-nationality").val() ?? "").trim().toUpperCase(),
        expiry: String($("#counter-passport-expiry").val() ?? ""),
      }
    : undefined;

  const sale = {
    tripId: page.trip.tripId,
    seats: labels,
    from: chosen.from.stopId,
    to: chosen.to.stopId,
    passengers: labels.map(() => ({ name, phone, gender, passport })),
    boardingPoint: $("#counter-boarding").val() || undefined,
    droppingPoint: $("#counter-dropping").val() || undefined,
  };
  const key = JSON.stringify(sale);
  // Only a sale whose answer never arrived is retried under the same id, so the server can answer it again.
  const requestId = page.pending?.key === key ? page.pending.requestId : newRequestId();
  page.pending = { key, requestId };
  $("#counter-sell").prop("disabled", true);
  try {
    const booking = rememberBooking(await api("/api/counter/sales", { method: "POST", body: { ...sale, requestId } }));
    page.pending = null;
    showResult(booking);
    loadSummary();
  } catch (error) {
    if (error instanceof ApiError && !error.isNetworkError && error.status < 500) page.pending = null;
    const conflicts = error instanceof ApiError ? error.conflicts : [];
    // The shared wording for sales-closed speaks of online sales; at the counter the departure itself has closed.
    const closed = error instanceof ApiError && error.code === "sales-closed";
    showError(conflicts.length ? t("counter.seatsTaken", { seats: conflicts.join(" ") }) : closed ? t("counter.salesClosed") : problemText(error), "#counter-seats");
  } finally {
    $("#counter-sell").prop("disabled", false);
  }
}

function showResult(booking) {
  page.lastPnr = booking.pnr;
  $("#counter-pnr").text(booking.pnr);
  $("#counter-total").text(formatTaka(booking.fare.total));
  const stopOf = (id, name) => page.stops.find((s) => String(s.stopId) === String(id)) ?? { nameEn: name };
  $("#counter-sold-leg").text(t("counter.soldLeg", { from: stopName(stopOf(booking.from, booking.fromName)), to: stopName(stopOf(booking.to, booking.toName)) }));
  $("#counter-sold-points")
    .text(booking.boarding && booking.dropping
      ? t("book.pointsSummary", { boarding: pointName(booking.boarding), time: formatTime(booking.boarding.at), dropping: pointName(booking.dropping) })
      : "")
    .prop("hidden", !(booking.boarding && booking.dropping));
  $("#counter-result").prop("hidden", false);
  $("#counter-seats, #counter-name, #counter-phone, #counter-passport-number, #counter-passport-expiry").val("");
  paintSeats();
  renderSalePreview();
  announce(t("counter.soldAnnounce", { pnr: booking.pnr, total: formatTaka(booking.fare.total) }));
  $("#counter-print").trigger("focus");
}

function printTicket() {
  if (!page.lastPnr) return;
  const ticket = window.open(bookingUrl(page.lastPnr, "/ticket"), "_blank");
  ticket?.addEventListener("load", () => ticket.print());
}

function clearSale() {
  $("#counter-seats, #counter-name, #counter-phone").val("");
  $("#counter-result").prop("hidden", true);
  page.lastPnr = null;
  page.pending = null;
  hideError();
  paintSeats();
  renderSalePreview();
  $(page.trip ? "#counter-seats" : "#counter-trip").trigger("focus");
}

async function loadSummary() {
  try {
    const summary = await api("/api/counter/summary", { query: { date: todayInDhaka() } });
    $("#counter-summary-tickets").text(formatNumber(summary.tickets));
    $("#counter-summary-seats").text(formatNumber(summary.seats));
    $("#counter-summary-cash").text(formatTaka(summary.cash));
  } catch (error) {
    console.warn("counter summary:", error);
  }
}

// ---------- small things ----------

function showError(message, focus) {
  $("#counter-error").text(message).prop("hidden", false);
  if (focus) $(focus).trigger("focus");
}

function hideError() {
  $("#counter-error").prop("hidden", true).text("");
}

function renderStatus(status) {
  const badge = document.getElementById("connection-status");
  badge.dataset.status = status;
  badge.title = t(`status.${status}Hint`);
  const text = document.getElementById("connection-text");
  text.dataset.i18n = `status.${status}`;
  text.textContent = t(`status.${status}`);
}

