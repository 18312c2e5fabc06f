// Live seat map (/trip.html?trip=&from=&to=): coach-shaped map, selection, holds with countdown, and
// live updates through TripLive. The grain is the truth; this page only shows it and asks for changes.
import { ApiError, getTrip, holdSeats, newRequestId, releaseHold, serverNow } from "./api.js";
import { renderCoach, SEAT_KEYS, seatInDirection, titleCoach } from "./coach-view.js";
import {
  dhakaDateOf,
  formatCountdown,
  formatDate,
  formatList,
  formatTaka,
  formatTime,
  onLangChange,
  routeName,
  stopName,
  t,
} from "./i18n.js";
import { icon, seatStateIcon } from "./icons.js";
import { TripLive } from "./live.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { SeatModel } from "./seat-state.js";
import { coachClassBadge, problemText } from "./ui.js";

const $ = window.jQuery;
const LEGEND_STATES = ["free", "selected", "held", "sold", "blocked", "mine"];

const page = {
  trip: null,
  fromStop: null,
  toStop: null,
  farePerSeat: 0,
  model: null,
  live: null,
  /** @type {string[]} in the order the passenger picked them */
  selected: [],
  /** @type {Map<string, {holdId: string, seats: string[], from: unknown, to: unknown, expiresAt: number, amount: number, confirmed: boolean, warned: boolean, busy: boolean}>} */
  holds: new Map(),
  /** The last hold attempt, kept so a retry after a network error reuses its requestId. */
  pendingHold: null,
  holding: false,
  /** Seats of the hold request in flight. */
  holdingSeats: [],
  buttons: new Map(),
  focusLabel: null,
  holdsKey: null,
  wasClosed: null,
};

await startPage();
onLangChange(() => {
  if (!page.trip) return;
  // One-off messages were written in the old language; drop them rather than show a mix.
  hideAlert();
  hideSelectionNote();
  $("#hold-info").prop("hidden", true);
  renderAll();
});
await load();

// ---------- loading ----------

async function load() {
  const params = new URLSearchParams(window.location.search);
  const tripId = params.get("trip");
  const from = params.get("from");
  const to = params.get("to");
  if (!tripId || !from || !to) return showLoadError(t("trip.missingParams"));

  let trip;
  try {
    trip = await getTrip(tripId);
  } catch (error) {
    return showLoadError(error instanceof ApiError && error.status === 404 ? t("errors.notFound") : problemText(error));
  }
  const stops = trip.stops ?? [];
  const fromIndex = stops.findIndex((s) => String(s.stopId) === from);
  const toIndex = stops.findIndex((s) => String(s.stopId) === to);
  if (fromIndex < 0 || toIndex < 0 || fromIndex >= toIndex) return showLoadError(t("trip.missingParams"));

  page.trip = trip;
  page.fromStop = stops[fromIndex];
  page.toStop = stops[toIndex];
  page.farePerSeat = (trip.legFares ?? []).slice(fromIndex, toIndex).reduce((sum, fare) => sum + Number(fare || 0), 0);
  page.model = new SeatModel({ tripId: trip.tripId, stopIds: stops.map((s) => s.stopId), from, to });

  $("#trip-loading").prop("hidden", true);
  $("#trip-view").prop("hidden", false);
  buildSeatMap();
  renderAll();
  setInterval(tick, 1000);

  page.live = new TripLive(page.model, {
    // Pass ids as the API typed them so the hub binds its parameters without conversions.
    tripId: trip.tripId,
    from: page.fromStop.stopId,
    to: page.toStop.stopId,
    onSnapshot: (snapshot, changed) => {
      mergeHolds(snapshot.myHolds);
      afterModelChange(changed);
    },
    onChanged: (changed) => afterModelChange(changed),
    onStatus: renderStatus,
    onError: (error) => console.warn("live seats:", error),
  });
  page.live.start();
}

function showLoadError(message) {
  $("#trip-loading").prop("hidden", true);
  $("#trip-error-text").text(message);
  $("#trip-error").prop("hidden", false);
  renderStatus("offline");
}

// ---------- model changes ----------

/** After a snapshot or delta: settle holds, drop selected seats others took, redraw. */
function afterModelChange(changed) {
  reconcileHolds();
  // Seats of a hold request still in flight turn "held" here before its answer arrives: they may be
  // ours, so placeHold() settles them, not this.
  const taken = page.selected.filter((label) => page.model.stateOf(label) !== "free" && !page.holdingSeats.includes(label));
  if (taken.length) {
    page.selected = page.selected.filter((label) => !taken.includes(label));
    showSelectionNote(t("trip.seatsTaken", seatsParams(taken)));
    announce(t("trip.seatsTaken", seatsParams(taken)));
    for (const label of taken) flashSeat(label);
  }
  updateSeats(changed.size ? changed : null);
  renderSelection();
  renderHolds();
  renderNotice();
}

/** Adds the server's view of my holds (a snapshot's myHolds) to the ones this page knows. */
function mergeHolds(myHolds) {
  if (!Array.isArray(myHolds)) return;
  for (const hold of myHolds) {
    if (String(hold.tripId ?? page.trip.tripId) !== String(page.trip.tripId)) continue;
    addHold(hold, true);
  }
}

function addHold(hold, confirmed) {
  const existing = page.holds.get(String(hold.holdId));
  page.holds.set(String(hold.holdId), {
    holdId: String(hold.holdId),
    seats: (hold.seats ?? []).map(String),
    from: hold.from,
    to: hold.to,
    expiresAt: Date.parse(hold.expiresAt),
    amount: Number(hold.amount ?? 0),
    confirmed: confirmed || existing?.confirmed || false,
    warned: existing?.warned ?? false,
    busy: existing?.busy ?? false,
  });
}

/**
 * A hold is confirmed once the map shows all its seats held; a confirmed hold whose seats are no longer
 * held has ended (released elsewhere, expired early, or sold). Until confirmed, older deltas that still
 * show the seats free must not end it.
 */
function reconcileHolds() {
  for (const hold of [...page.holds.values()]) {
    if (!page.model.overlapsView(hold.from, hold.to)) continue;
    const allHeld = hold.seats.every((label) => page.model.stateOf(label) === "held");
    if (allHeld) hold.confirmed = true;
    else if (hold.confirmed) {
      page.holds.delete(hold.holdId);
      // The server's expiry usually lands a moment before our countdown reaches zero.
      const expired = hold.expiresAt - serverNow() < 5000;
      showInfo(t(expired ? "trip.holdExpired" : "trip.holdEnded", seatsParams(hold.seats)));
    }
  }
}

/** {count, seats} for the plural seat messages. */
function seatsParams(labels) {
  return { count: labels.length, seats: formatList(labels) };
}

function mySeats() {
  const seats = new Set();
  for (const hold of page.holds.values()) {
    if (page.model.overlapsView(hold.from, hold.to)) for (const label of hold.seats) seats.add(label);
  }
  return seats;
}

function displayState(label, mine = mySeats()) {
  const base = page.model.stateOf(label);
  if (base === "held" && (mine.has(label) || page.model.isMine(label))) return "mine";
  // A hold just granted whose delta has not arrived yet.
  if (base === "free" && mine.has(label)) return "mine";
  if (base === "free" && page.selected.includes(label)) return "selected";
  // Held while our own request for it is in flight: most likely ours; the answer decides.
  if (base === "held" && page.holdingSeats.includes(label) && page.selected.includes(label)) return "selected";
  return base;
}

function salesClosed() {
  const closeAt = Date.parse(page.trip.salesCloseAt ?? "");
  return Number.isFinite(closeAt) && serverNow() >= closeAt;
}

function selectionAllowed() {
  return !page.model.cancelled && !salesClosed();
}

// ---------- seat map ----------

function buildSeatMap() {
  const map = document.getElementById("seat-map");
  page.buttons = renderCoach(map, page.trip.layout);
  page.focusLabel = [...page.buttons.keys()][0] ?? null;

  $(map)
    .on("click", ".seat", function () {
      toggleSeat(this.dataset.seat);
    })
    .on("keydown", ".seat", function (event) {
      moveFocus(this, event);
    })
    .on("focusin", ".seat", function () {
      setRovingFocus(this.dataset.seat);
    });
}

/** Updates seat buttons (all of them, or only the labels given). */
function updateSeats(labels = null) {
  const mine = mySeats();
  const enabled = selectionAllowed();
  const targets = labels ? [...labels].filter((l) => page.buttons.has(l)) : [...page.buttons.keys()];
  // Seats of my holds may change display without being in `labels` (hold granted/ended).
  if (labels) for (const label of mine) if (page.buttons.has(label) && !targets.includes(label)) targets.push(label);
  for (const label of targets) {
    const button = page.buttons.get(label);
    const state = displayState(label, mine);
    const selectable = enabled && (state === "free" || state === "selected");
    const previous = button.dataset.state;
    button.dataset.state = state;
    button.setAttribute("aria-label", t("seat.aria", { label, state: t(`seat.state.${state}`) }));
    if (selectable) {
      button.setAttribute("aria-pressed", state === "selected" ? "true" : "false");
      button.removeAttribute("aria-disabled");
    } else {
      button.removeAttribute("aria-pressed");
      button.setAttribute("aria-disabled", "true");
    }
    if (previous !== state) {
      const name = seatStateIcon[state];
      button.querySelector(".seat-icon").innerHTML = name ? icon(name, "size-3.5") : "";
    }
  }
  setRovingFocus(page.focusLabel);
}

function toggleSeat(label) {
  if (!page.model.ready) return;
  if (!selectionAllowed()) {
    announce(page.model.cancelled ? t("trip.cancelled") : t("trip.salesClosed"));
    return;
  }
  const state = displayState(label);
  if (state === "selected") {
    page.selected = page.selected.filter((l) => l !== label);
  } else if (state === "free") {
    const max = maxSeats();
    if (page.selected.length >= max) {
      showSelectionNote(t("trip.maxSeats", { count: max }));
      announce(t("trip.maxSeats", { count: max }));
      return;
    }
    page.selected = [...page.selected, label];
  } else {
    announce(t("trip.seatUnavailable", { seat: label }));
    return;
  }
  hideSelectionNote();
  updateSeats(new Set([label]));
  renderSelection();
}

function maxSeats() {
  return Math.max(1, Number(page.trip.holdLimits?.maxSeatsPerHold ?? 4));
}

/** Arrow keys move between seats by position (one Tab stop for the whole map); Home/End go along the row. */
function moveFocus(button, event) {
  if (!SEAT_KEYS.has(event.key)) return;
  event.preventDefault();
  seatInDirection(page.buttons.values(), button, event.key)?.focus();
}

function setRovingFocus(label) {
  if (!label || !page.buttons.has(label)) return;
  if (page.focusLabel && page.focusLabel !== label) page.buttons.get(page.focusLabel)?.setAttribute("tabindex", "-1");
  page.focusLabel = label;
  page.buttons.get(label).setAttribute("tabindex", "0");
}

function flashSeat(label) {
  const button = page.buttons.get(label);
  if (!button) return;
  button.classList.remove("seat-flash");
  void button.offsetWidth;
  button.classList.add("seat-flash");
}

// ---------- holds ----------

$("#hold-button").on("click", () => placeHold());

async function placeHold() {
  if (page.holding || !page.selected.length) return;
  const seats = [...page.selected];
  const key = seats.join(",");
  // Same seats as an attempt that failed in the network: same requestId, so the server can't hold twice.
  if (page.pendingHold?.key !== key) page.pendingHold = { key, requestId: newRequestId() };
  const { requestId } = page.pendingHold;
  page.holdingSeats = seats;
  setHolding(true);
  hideAlert();
  try {
    let hold;
    try {
      hold = await postHold(seats, requestId);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.isNetworkError) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      hold = await postHold(seats, requestId);
    }
    page.pendingHold = null;
    addHold(hold, false);
    page.selected = page.selected.filter((label) => !hold.seats.map(String).includes(label));
    reconcileHolds();
    updateSeats(new Set(hold.seats.map(String)));
    renderSelection();
    renderHolds();
    showInfo(t("trip.holdCreated", seatsParams(hold.seats.map(String))));
    document.getElementById("hold-countdown")?.closest("li")?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isNetworkError) page.pendingHold = null;
    handleHoldError(error, seats);
  } finally {
    page.holdingSeats = [];
    setHolding(false);
    // Anything that changed while the request was out (e.g. a seat of a failed request sold meanwhile).
    afterModelChange(new Set());
  }
}

function postHold(seats, requestId) {
  return holdSeats(page.trip.tripId, {
    seats,
    from: page.fromStop.stopId,
    to: page.toStop.stopId,
    requestId,
  });
}

function handleHoldError(error, seats) {
  if (error instanceof ApiError && error.status === 409 && error.code === "seats-unavailable") {
    const conflicts = (error.conflicts.length ? error.conflicts : seats).map(String);
    for (const label of conflicts) {
      // Taken by someone; the refresh below tells exactly how. Until then show it as unavailable.
      if (page.model.stateOf(label) === "free") page.model.setLocal(label, "held");
      flashSeat(label);
    }
    page.selected = page.selected.filter((label) => !conflicts.includes(label));
    showAlert(t("trip.conflict", seatsParams(conflicts)), conflicts);
    updateSeats(new Set(conflicts));
    renderSelection();
    page.live?.refresh();
    return;
  }
  showAlert(problemText(error));
  if (error instanceof ApiError && error.status === 409) page.live?.refresh();
}

async function release(holdId) {
  const hold = page.holds.get(holdId);
  if (!hold || hold.busy) return;
  hold.busy = true;
  renderHolds();
  hideAlert();
  try {
    await releaseHold(holdId);
  } catch (error) {
    // Already gone (expired or released in another tab) is what the passenger wanted anyway.
    if (!(error instanceof ApiError) || error.status !== 404) {
      hold.busy = false;
      renderHolds();
      showAlert(problemText(error));
      return;
    }
  }
  endHold(hold);
  showInfo(t("trip.released", seatsParams(hold.seats)));
}

/** Forgets a hold and shows its seats free until the server says otherwise. */
function endHold(hold) {
  page.holds.delete(hold.holdId);
  if (page.model.overlapsView(hold.from, hold.to)) {
    for (const label of hold.seats) if (page.model.stateOf(label) === "held") page.model.setLocal(label, "free");
  }
  updateSeats(new Set(hold.seats));
  renderHolds();
  renderSelection();
}

$("#holds-list").on("click", "[data-release]", function () {
  release(this.dataset.release);
});

/** Once a second: countdowns, expiry, and the sales-close time. */
function tick() {
  const now = serverNow();
  for (const hold of [...page.holds.values()]) {
    const left = hold.expiresAt - now;
    if (left <= 0) {
      endHold(hold);
      showInfo(t("trip.holdExpired", seatsParams(hold.seats)));
      announce(t("trip.holdExpired", seatsParams(hold.seats)));
      continue;
    }
    if (left <= 60000 && !hold.warned) {
      hold.warned = true;
      announce(t("trip.oneMinute"));
    }
    const countdown = document.querySelector(`[data-countdown="${CSS.escape(hold.holdId)}"]`);
    if (countdown) {
      countdown.textContent = formatCountdown(left);
      countdown.classList.toggle("text-error", left <= 60000);
    }
  }
  const closedNow = salesClosed();
  if (closedNow !== page.wasClosed) {
    page.wasClosed = closedNow;
    renderNotice();
    updateSeats();
    renderSelection();
  }
}

// ---------- rendering ----------

function renderAll() {
  renderHeader();
  renderLegend();
  updateSeats();
  renderSelection();
  renderHolds({ force: true });
  renderNotice();
  if (page.live) renderStatus(page.live.status ?? "reconnecting");
}

function renderHeader() {
  const trip = page.trip;
  const from = stopName(page.fromStop);
  const to = stopName(page.toStop);
  document.title = `${routeName(trip)} · ${t("trip.pageTitle")}`;
  $("#trip-title").text(routeName(trip));
  $("#trip-class").html(coachClassBadge(trip.coachClass, "badge-md"));
  $("#trip-code").text(trip.routeCode ?? "");
  $("#trip-leg").html(
    `<span>${escapeHtml(from)}</span> ${icon("arrowRight", "inline size-4 align-[-2px]")} <span>${escapeHtml(to)}</span>`,
  );
  $("#trip-leg").attr("aria-label", t("trip.leg", { from, to }));
  $("#trip-departs-label").text(t("trip.departs", { from }));
  $("#trip-departs").html(dateTime(page.fromStop.departure));
  $("#trip-arrives-label").text(t("trip.arrives", { to }));
  $("#trip-arrives").html(dateTime(page.toStop.departure));
  $("#trip-coach").text(t("trip.coach", { registration: trip.coachRegistration ?? "" }));
  // Delayed by ops: say so, with the boarding time as timetabled.
  const delayMs = trip.scheduledDeparture ? new Date(trip.stops[0].departure) - new Date(trip.scheduledDeparture) : 0;
  const timetabled = delayMs ? new Date(new Date(page.fromStop.departure).getTime() - delayMs) : null;
  $("#trip-delayed")
    .text(timetabled ? t("tripOps.badge.delayedFrom", { time: formatTime(timetabled) }) : "")
    .prop("hidden", !timetabled);
  const date = page.fromStop.departure ? dhakaDateOf(page.fromStop.departure) : "";
  const back = new URLSearchParams({ from: String(page.fromStop.stopId), to: String(page.toStop.stopId) });
  if (date) back.set("date", date);
  $("#back-link").attr("href", `/?${back}`);

  titleCoach(document.getElementById("seat-map"), { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
}

function dateTime(iso) {
  if (!iso) return "";
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatTime(iso))}, ${escapeHtml(formatDate(iso))}</time>`;
}

function renderLegend() {
  const extra = { door: icon("door", "size-4 text-accent"), driver: icon("steering", "size-4") };
  const items = LEGEND_STATES.map((state) => {
    const name = seatStateIcon[state];
    return `<li class="flex items-center gap-2">
      <span class="seat seat-swatch" data-state="${state}" aria-hidden="true">${name ? icon(name, "size-3.5") : ""}</span>
      <span>${escapeHtml(t(`seat.legend.${state}`))}</span></li>`;
  });
  items.push(`<li class="flex items-center gap-2"><span class="grid size-7 place-items-center">${extra.driver}</span><span>${escapeHtml(t("trip.driver"))}</span></li>`);
  items.push(`<li class="flex items-center gap-2"><span class="grid size-7 place-items-center">${extra.door}</span><span>${escapeHtml(t("trip.door"))}</span></li>`);
  $("#seat-legend").html(items.join(""));
}

function renderSelection() {
  const count = page.selected.length;
  const max = maxSeats();
  const holdsFull = page.holds.size >= Number(page.trip.holdLimits?.maxHoldsPerTrip ?? Infinity);
  $("#selection-hint").text(holdsFull ? t("trip.holdLimitNote") : t("trip.selectHint", { count: max }));
  $("#selection-summary").prop("hidden", count === 0);
  // On phones the panel follows the thumb only while there is something to hold.
  $("#selection-panel").toggleClass("max-lg:sticky max-lg:bottom-0", count > 0);
  $("#selected-seats").html(
    page.selected.map((label) => `<span class="badge badge-primary">${escapeHtml(label)}</span>`).join(""),
  );
  $("#fare-per-seat").text(page.farePerSeat ? t("trip.farePerSeat", { fare: formatTaka(page.farePerSeat) }) : "");
  $("#selection-total").text(page.farePerSeat ? formatTaka(page.farePerSeat * count) : "");
  const button = $("#hold-button");
  button.prop("disabled", page.holding || count === 0 || !selectionAllowed() || !page.model.ready);
  button.find(".hold-label").text(page.holding ? t("trip.holding") : t("trip.hold"));
  button.find(".loading").prop("hidden", !page.holding);
}

function setHolding(on) {
  page.holding = on;
  renderSelection();
}

function renderHolds({ force = false } = {}) {
  const holds = [...page.holds.values()].sort((a, b) => b.expiresAt - a.expiresAt);
  // Rebuild only when the holds themselves change, so a live update never steals focus from
  // the Release button; tick() updates the countdowns in place.
  const key = holds.map((h) => `${h.holdId}:${h.busy}`).join("|");
  if (!force && key === page.holdsKey) return;
  page.holdsKey = key;
  $("#holds-panel").prop("hidden", holds.length === 0);
  const now = serverNow();
  $("#holds-list").html(
    holds
      .map((hold, index) => {
        // The newest hold carries the stable ids the browser tests use.
        const ids = index === 0;
        const left = hold.expiresAt - now;
        return `
      <li class="flex flex-col gap-3 rounded-box bg-base-200 p-3 sm:flex-row sm:items-center sm:justify-between" data-hold-id="${escapeHtml(hold.holdId)}">
        <div class="flex flex-col gap-1">
          <div class="flex flex-wrap gap-1">
            ${hold.seats.map((label) => `<span class="badge badge-secondary gap-1">${icon("user", "size-3")}${escapeHtml(label)}</span>`).join("")}
          </div>
          <span class="text-sm">${escapeHtml(t("trip.total"))}: <strong>${escapeHtml(formatTaka(hold.amount))}</strong></span>
        </div>
        <div class="flex items-center gap-2" >
          ${icon("clock", "size-5 opacity-70")}
          <span class="text-sm opacity-70">${escapeHtml(t("trip.timeLeft"))}</span>
          <span ${ids ? 'id="hold-countdown"' : ""} class="hold-countdown text-2xl font-bold tabular-nums ${left <= 60000 ? "text-error" : ""}"
                data-countdown="${escapeHtml(hold.holdId)}" role="timer" aria-live="off"
                aria-label="${escapeHtml(t("trip.countdownLabel"))}">${escapeHtml(formatCountdown(left))}</span>
        </div>
        <div class="flex flex-wrap gap-2">
          <button type="button" ${ids ? 'id="release-button"' : ""} class="release-button btn btn-outline btn-sm"
                  data-release="${escapeHtml(hold.holdId)}" ${hold.busy ? "disabled" : ""}>
            ${escapeHtml(hold.busy ? t("trip.releasing") : t("trip.release"))}</button>
          <a ${ids ? 'id="continue-button"' : ""} class="continue-button btn btn-primary btn-sm"
             href="/book.html?hold=${encodeURIComponent(hold.holdId)}">
            ${escapeHtml(t("trip.continue"))}${icon("arrowRight", "size-4")}</a>
        </div>
      </li>`;
      })
      .join(""),
  );
}

function renderNotice() {
  const notice = $("#trip-notice");
  if (page.model.cancelled) {
    notice.removeClass("alert-warning").addClass("alert-error").text(t("trip.cancelled")).prop("hidden", false);
  } else if (salesClosed()) {
    notice.removeClass("alert-error").addClass("alert-warning").text(t("trip.salesClosed")).prop("hidden", false);
  } else {
    notice.prop("hidden", true);
  }
}

function renderStatus(status) {
  const badge = document.getElementById("connection-status");
  badge.dataset.status = status;
  badge.title = t(`status.${status}Hint`);
  const text = document.getElementById("connection-text");
  text.dataset.i18n = `status.${status}`;
  text.textContent = t(`status.${status}`);
}

function showAlert(message, seats = []) {
  const alert = $("#hold-alert");
  alert.attr("data-seats", seats.join(","));
  alert.html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
  $("#hold-info").prop("hidden", true);
}

function hideAlert() {
  $("#hold-alert").prop("hidden", true).empty();
}

function showInfo(message) {
  $("#hold-info").html(`${icon("info", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
  announce(message);
}

function showSelectionNote(message) {
  $("#selection-limit").text(message).prop("hidden", false);
}

function hideSelectionNote() {
  $("#selection-limit").prop("hidden", true);
}
