// Search page (/): from/to/date form, the date strip and the trip results. From and To are cities (every counter
// of the city) or single counters. The search lives in the URL (?from=&to=&date=) so reload, back/forward and
// shared links all show the same results.
import { getSalesWindow, getStops, searchTrips, tripCalendar } from "./api.js";
import {
  addDays,
  dhakaDateOf,
  formatDate,
  formatDuration,
  formatTaka,
  formatTime,
  onLangChange,
  routeName,
  stopName,
  t,
  todayInDhaka,
} from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { dateStrip, emptyReason, sameCity } from "./search-model.js";
import { StopPicker } from "./stop-picker.js";
import { coachClassBadge, problemText } from "./ui.js";

const $ = window.jQuery;

const state = {
  query: null, // {from, to, date} of the results on screen
  trips: null,
  calendar: null, // the date strip's days for the query on screen (null while loading or if it failed)
  error: null,
  loading: false,
  abort: null,
  /** Days ahead trips are on sale, from the server (null until known). */
  salesWindowDays: null,
};

let fromPicker;
let toPicker;

await startPage();

fromPicker = new StopPicker(el("from"), el("from-listbox"), el("from-status"));
toPicker = new StopPicker(el("to"), el("to-listbox"), el("to-status"));
fromPicker.onPick = () => clearFieldError("from");
toPicker.onPick = () => clearFieldError("to");

const dateInput = el("date");
dateInput.min = todayInDhaka();
dateInput.addEventListener("change", () => {
  updateDateHint();
  clearFieldError("date");
});

$("#swap-button").on("click", () => {
  const from = fromPicker.value();
  const to = toPicker.value();
  fromPicker.setPlace(to);
  toPicker.setPlace(from);
  if (!to) fromPicker.input.value = "";
  if (!from) toPicker.input.value = "";
});

$("#search-form").on("submit", (event) => {
  event.preventDefault();
  const query = readForm();
  if (!query) return;
  const url = `/?${new URLSearchParams(query)}`;
  if (window.location.search !== url.slice(1)) history.pushState(query, "", url);
  runSearch(query);
});

$("#results").on("click", "[data-shift-days]", function () {
  if (!state.query) return;
  showDay(addDays(state.query.date, Number(this.dataset.shiftDays)));
});

$("#results").on("click", "[data-strip-date]", function () {
  if (state.query && this.dataset.stripDate !== state.query.date) showDay(this.dataset.stripDate);
});

function showDay(date) {
  if (date < todayInDhaka()) return;
  const query = { ...state.query, date };
  history.pushState(query, "", `/?${new URLSearchParams(query)}`);
  fillForm(query);
  runSearch(query);
}

$("#results").on("click", "[data-retry]", () => state.query && runSearch(state.query));

window.addEventListener("popstate", () => loadFromUrl());

onLangChange(() => {
  fromPicker.refresh();
  toPicker.refresh();
  updateDateHint();
  renderResults();
});

loadStops();
loadSalesWindow();
loadFromUrl();

// ---------- form ----------

async function loadStops() {
  try {
    const stops = await getStops();
    fromPicker.setStops(stops);
    toPicker.setStops(stops);
    renderResults();
  } catch (error) {
    showFormError(t("search.stopsError") + " " + problemText(error));
  }
}

async function loadSalesWindow() {
  try {
    state.salesWindowDays = (await getSalesWindow()).daysAhead;
    renderResults();
  } catch {
    // Without it an empty day is shown as "no trips", never with a made-up opening day.
  }
}

function loadFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const query = {
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    date: validDate(params.get("date")) ?? todayInDhaka(),
  };
  fillForm(query);
  if (query.from && query.to) runSearch(query);
  else {
    state.query = null;
    state.trips = null;
    state.error = null;
    renderResults();
  }
}

function fillForm(query) {
  fromPicker.setStopId(query.from);
  toPicker.setStopId(query.to);
  dateInput.value = query.date;
  updateDateHint();
}

function readForm() {
  clearFieldError("from");
  clearFieldError("to");
  clearFieldError("date");
  hideFormError();
  const from = fromPicker.value();
  const to = toPicker.value();
  const date = validDate(dateInput.value);
  let ok = true;
  if (!from) {
    ok = false;
    setFieldError("from", fromPicker.input.value.trim() ? t("search.unknownStop", { query: fromPicker.input.value.trim() }) : t("search.pickFrom"));
  }
  if (!to) {
    ok = false;
    setFieldError("to", toPicker.input.value.trim() ? t("search.unknownStop", { query: toPicker.input.value.trim() }) : t("search.pickTo"));
  }
  if (from && to && sameCity(from, to)) {
    ok = false;
    setFieldError("to", from.id === to.id && from.type === "stop" ? t("search.sameStops") : t("search.sameCity"));
  }
  if (!date) {
    ok = false;
    setFieldError("date", t("search.pickDate"));
  }
  if (!ok) {
    document.querySelector("#search-form [aria-invalid=true]")?.focus();
    return null;
  }
  return { from: String(from.id), to: String(to.id), date };
}

function setFieldError(field, message) {
  const input = el(field);
  input.setAttribute("aria-invalid", "true");
  input.classList.add("input-error");
  const error = el(`${field}-error`);
  error.textContent = message;
  error.hidden = false;
}

function clearFieldError(field) {
  const input = el(field);
  input.removeAttribute("aria-invalid");
  input.classList.remove("input-error");
  const error = el(`${field}-error`);
  error.textContent = "";
  error.hidden = true;
}

function showFormError(message) {
  const box = el("form-error");
  box.textContent = message;
  box.hidden = false;
}

function hideFormError() {
  el("form-error").hidden = true;
}

function updateDateHint() {
  const date = validDate(dateInput.value);
  el("date-hint").textContent = date ? formatDate(date, { long: true }) : "";
}

// ---------- results ----------

async function runSearch(query) {
  state.abort?.abort();
  const abort = new AbortController();
  state.abort = abort;
  state.query = query;
  state.loading = true;
  state.error = null;
  state.trips = null;
  state.calendar = null;
  renderResults();
  announce(t("results.loading"));
  loadCalendar(query, abort.signal);
  try {
    const trips = await searchTrips(query.from, query.to, query.date, abort.signal);
    if (abort.signal.aborted) return;
    state.trips = [...(trips ?? [])].sort((a, b) => new Date(a.departure) - new Date(b.departure));
  } catch (error) {
    if (error?.name === "AbortError") return;
    state.error = error;
  } finally {
    if (state.abort === abort) {
      state.loading = false;
      state.abort = null;
    }
  }
  renderResults();
  announce(el("results-summary").textContent);
}

// The strip is a hint around the results: if it cannot load, the results still show, without it.
async function loadCalendar(query, signal) {
  try {
    const days = await tripCalendar(query.from, query.to, query.date, signal);
    if (signal.aborted || state.query !== query) return;
    state.calendar = days ?? [];
  } catch (error) {
    if (error?.name === "AbortError") return;
    state.calendar = [];
  }
  renderStrip();
}

function renderStrip() {
  const strip = $("#date-strip");
  const { query } = state;
  if (!query || !state.calendar?.length) {
    strip.html(query && state.calendar === null
      ? Array.from({ length: 7 }, () => '<li class="skeleton h-20 w-24 shrink-0 rounded-box" aria-hidden="true"></li>').join("")
      : "");
    return;
  }
  strip.html(dateStrip(state.calendar, query.date).map((day) => {
    const fare = day.lowestFare != null ? t("strip.from", { fare: formatTaka(day.lowestFare) }) : "";
    const note = day.status === "past" ? t("strip.past")
      : day.status === "notYetOnSale" ? t("strip.notYetOnSale")
      : day.seatsLeft > 0 ? t("strip.seats", { count: day.seatsLeft }) : t("strip.none");
    const tone = day.selected ? "btn-primary" : day.cheapest ? "btn-success btn-soft" : "btn-ghost border-base-300";
    return `
    <li class="shrink-0">
      <button type="button" class="btn ${tone} h-auto min-h-20 w-28 flex-col gap-0.5 py-2 font-normal" data-strip-date="${escapeHtml(day.date)}"
              data-status="${escapeHtml(day.status)}" data-lowest-fare="${day.lowestFare ?? ""}" data-seats-left="${day.seatsLeft}"
              ${day.pickable ? "" : "disabled"} ${day.selected ? 'aria-current="date"' : ""}>
        <span class="text-sm font-semibold">${escapeHtml(formatDate(day.date))}</span>
        <span class="text-sm font-bold">${escapeHtml(fare)}</span>
        <span class="text-xs opacity-80">${escapeHtml(note)}</span>
        ${day.cheapest ? `<span class="sr-only">${escapeHtml(t("strip.cheapest"))}</span>` : ""}
      </button>
    </li>`;
  }).join(""));
}

/** A searched city's or stop's name in the page language. */
function placeName(id) {
  return stopName(fromPicker.place(id)) || id;
}

function renderResults() {
  const results = $("#results");
  const { query } = state;
  if (!query) {
    results.prop("hidden", true);
    return;
  }
  results.prop("hidden", false);
  renderStrip();
  const from = placeName(query.from);
  const to = placeName(query.to);
  $("#results-heading").text(t("results.heading", { from, to }));
  const date = formatDate(query.date);
  const canGoBack = addDays(query.date, -1) >= todayInDhaka();
  $("#day-nav").html(`
    <button type="button" class="btn btn-sm btn-ghost" data-shift-days="-1" ${canGoBack ? "" : "disabled"}>
      ${icon("arrowLeft", "size-4")}<span>${escapeHtml(t("results.prevDay"))}</span></button>
    <button type="button" class="btn btn-sm btn-ghost" data-shift-days="1">
      <span>${escapeHtml(t("results.nextDay"))}</span>${icon("arrowRight", "size-4")}</button>`);

  const list = $("#trip-list");
  const summary = $("#results-summary");
  if (state.loading) {
    summary.text(t("results.loading"));
    list.html(
      Array.from({ length: 3 }, () => '<li class="skeleton h-28 w-full rounded-box" aria-hidden="true"></li>').join(""),
    );
    list.attr("aria-busy", "true");
    return;
  }
  list.attr("aria-busy", "false");
  if (state.error) {
    summary.text("");
    list.html(`
      <li role="alert" class="alert alert-error alert-soft items-start">
        ${icon("alert", "size-6 shrink-0")}
        <div class="flex flex-col gap-1">
          <h3 class="font-semibold">${escapeHtml(t("results.errorTitle"))}</h3>
          <p>${escapeHtml(problemText(state.error))}</p>
          <div><button type="button" class="btn btn-sm" data-retry>${escapeHtml(t("results.retry"))}</button></div>
        </div>
      </li>`);
    return;
  }
  const trips = state.trips ?? [];
  summary.text(trips.length ? t("results.summary", { count: trips.length, date }) : "");
  if (!trips.length) {
    // Say why: a date that has gone or is not on sale yet is not "no trips".
    const why = emptyReason(query.date, todayInDhaka(), state.salesWindowDays);
    const title = why.reason === "none" ? t("results.empty", { date }) : t(`results.${why.reason}`, { date });
    const hint = why.reason === "notYetOnSale" ? t("results.opensOn", { date: formatDate(why.opensOn, { long: true }) })
      : why.reason === "past" ? t("results.pastHint") : t("results.emptyHint");
    list.html(`
      <li class="card border border-dashed border-base-300 bg-base-100">
        <div class="card-body items-center text-center">
          ${icon("bus", "size-10 opacity-50")}
          <h3 class="text-lg font-semibold" data-empty-reason="${why.reason}">${escapeHtml(title)}</h3>
          <p>${escapeHtml(hint)}</p>
        </div>
      </li>`);
    return;
  }
  list.html(trips.map((trip) => tripCard(trip, query, from, to)).join(""));
}

function tripCard(trip, query, cityFrom, cityTo) {
  const route = routeName(trip);
  const departs = formatTime(trip.departure);
  const nextDay = dhakaDateOf(trip.arrival) !== dhakaDateOf(trip.departure);
  // The seat map and the hold are for the counters this coach stops at, not the cities searched.
  const boardAt = trip.fromStop?.id ?? query.from;
  const alightAt = trip.toStop?.id ?? query.to;
  const fromName = trip.fromStop ? stopName(trip.fromStop) : cityFrom;
  const toName = trip.toStop ? stopName(trip.toStop) : cityTo;
  const href = `/trip.html?${new URLSearchParams({ trip: trip.tripId, from: boardAt, to: alightAt })}`;
  const soldOut = trip.freeSeats <= 0;
  const available = trip.salesOpen && !soldOut;
  const seatsBadge = trip.cancelled
    ? `<span class="badge badge-error gap-1">${icon("x", "size-3.5")}${escapeHtml(t("tripOps.badge.cancelled"))}</span>`
    : !trip.salesOpen
    ? `<span class="badge badge-neutral gap-1">${icon("lock", "size-3.5")}${escapeHtml(t("results.salesClosed"))}</span>`
    : soldOut
      ? `<span class="badge badge-error gap-1">${icon("x", "size-3.5")}${escapeHtml(t("results.soldOut"))}</span>`
      : `<span class="badge ${trip.freeSeats <= 5 ? "badge-warning" : "badge-success badge-soft"} gap-1">${icon("seat", "size-3.5")}${escapeHtml(t("results.freeSeats", { count: trip.freeSeats }))}</span>`;
  const action = available
    ? `<a class="btn btn-primary w-full md:w-auto" href="${escapeHtml(href)}"
          aria-label="${escapeHtml(t("results.selectSeatsLabel", { route, time: departs }))}">
         ${escapeHtml(t("results.selectSeats"))}${icon("arrowRight", "size-4")}</a>`
    : `<span class="btn btn-disabled w-full md:w-auto" aria-disabled="true">${escapeHtml(t("results.selectSeats"))}</span>`;

  return `
  <li class="trip-result card border border-base-300 bg-base-100 shadow-sm" data-trip-id="${escapeHtml(trip.tripId)}">
    <div class="card-body gap-3 p-4 md:grid md:grid-cols-[minmax(0,1.2fr)_minmax(0,1.6fr)_10rem_11rem] md:items-center md:gap-6">
      <div class="min-w-0">
        <h3 class="card-title text-base leading-snug">${escapeHtml(route)}</h3>
        <div class="mt-1 flex flex-wrap items-center gap-2">
          ${coachClassBadge(trip.coachClass)}
          <span class="text-xs opacity-70">${escapeHtml(trip.routeCode ?? "")}</span>
          ${trip.scheduledDeparture ? `<span class="badge badge-warning badge-sm">${escapeHtml(t("tripOps.badge.delayedFrom", { time: formatTime(trip.scheduledDeparture) }))}</span>` : ""}
        </div>
      </div>
      <div class="flex items-center gap-3">
        <div class="min-w-0">
          <div class="text-xs opacity-70">${escapeHtml(t("results.departs"))}</div>
          <time class="text-lg font-bold whitespace-nowrap" datetime="${escapeHtml(trip.departure)}">${escapeHtml(departs)}</time>
          <div class="truncate text-xs" data-boarding-stop="${escapeHtml(boardAt)}">${escapeHtml(t("results.boardAt", { stop: fromName }))}</div>
        </div>
        <div class="flex flex-1 flex-col items-center text-xs opacity-80">
          <span class="whitespace-nowrap">${escapeHtml(formatDuration(trip.departure, trip.arrival))}</span>
          <span class="my-1 h-px w-full min-w-8 bg-base-300" aria-hidden="true"></span>
        </div>
        <div class="min-w-0 text-right">
          <div class="text-xs opacity-70">${escapeHtml(t("results.arrives"))}</div>
          <time class="text-lg font-bold whitespace-nowrap" datetime="${escapeHtml(trip.arrival)}">${escapeHtml(formatTime(trip.arrival))}</time>
          ${nextDay ? `<sup class="ms-0.5 text-xs font-semibold text-accent">${escapeHtml(t("results.arrivesNextDay"))}</sup>` : ""}
          <div class="truncate text-xs" data-alighting-stop="${escapeHtml(alightAt)}">${escapeHtml(toName)}</div>
        </div>
      </div>
      <div class="flex items-center justify-between gap-2 md:flex-col md:items-end">
        <div class="whitespace-nowrap">
          <span class="text-xl font-bold">${escapeHtml(formatTaka(trip.fare))}</span>
          <span class="text-xs opacity-70">${escapeHtml(t("results.farePerSeat"))}</span>
        </div>
        ${seatsBadge}
      </div>
      <div>${action}</div>
    </div>
  </li>`;
}

// ---------- helpers ----------

function validDate(value) {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
}

function el(id) {
  return document.getElementById(id);
}
