// Live seat map (/trip.html?trip=&from=&to=): coach-shaped map, selection, holds with countdown, and
// live updates through TripLive. The grain is the truth; this page only shows it and asks for changes.
// Selection and hold rules are in trip-model.js, the header, holds list and seats are drawn by trip-view.js, the
// legend by seat-legend.js; keyboard focus is seat-focus.js, what a failed hold means is hold-errors.js.
import { ApiError, getTrip, holdSeatsRetrying, newRequestId, releaseHold, serverNow } from "./api.js";
import { renderCoach } from "./coach-view.js";
import { holdFailure, keepsRequestId } from "./hold-errors.js";
import { formatList, formatTaka, onLangChange, t } from "./i18n.js";
import { TripLive } from "./live.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { askForPhoneCode } from "./phone-sign-in.js";
import { sendToQueue } from "./queue-redirect.js";
import { RovingFocus } from "./seat-focus.js";
import { renderLegend } from "./seat-legend.js";
import { SeatModel } from "./seat-state.js";
import {
  displayState as seatDisplayState,
  heldSeats,
  holdsFull,
  holdTicks,
  holdsInOrder,
  holdsKey,
  maxSeats as holdSeatLimit,
  mergeHolds,
  pageHold,
  reconcileHolds as settleHolds,
  salesClosed as tripSalesClosed,
  toggleSelection,
  tripLeg,
} from "./trip-model.js";
import {
  flashButton,
  focusHoldSummary,
  hideAlert,
  hideSelectionNote,
  paintSeat,
  renderHeader,
  renderHoldsList,
  renderNotice as renderNoticeView,
  renderStatus,
  showAlert,
  showInfo,
  showLoadError,
  showSelectionNote,
  updateCountdowns,
} from "./trip-view.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;

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
  /** @type {RovingFocus | null} */
  focus: null,
  holdsKey: null,
  wasClosed: null,
  /** Seats the "just taken" note names; the note goes once they are all free again. */
  takenNote: [],
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
    const missing = error instanceof ApiError && error.status === 404;
    showLoadError(missing ? t("trip.doesNotExist", { trip: tripId }) : problemText(error));
    // A trip that does not exist has no live connection to be offline from.
    if (missing) $("#connection-status").prop("hidden", true);
    return;
  }
  const leg = tripLeg(trip, from, to);
  if (!leg) return showLoadError(t("trip.missingParams"));

  page.trip = trip;
  page.fromStop = leg.fromStop;
  page.toStop = leg.toStop;
  page.farePerSeat = leg.farePerSeat;
  page.model = new SeatModel({ tripId: trip.tripId, stopIds: trip.stops.map((s) => s.stopId), from, to });

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
      mergeHolds(page.holds, snapshot.myHolds, page.trip.tripId);
      afterModelChange(changed);
    },
    onChanged: (changed) => afterModelChange(changed),
    onStatus: renderStatus,
    onError: (error) => console.warn("live seats:", error),
  });
  page.live.start();
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
    // Ops blocking a seat is not another passenger taking it.
    const blocked = taken.every((label) => page.model.stateOf(label) === "blocked");
    const note = t(blocked ? "trip.seatsBlocked" : "trip.seatsTaken", seatsParams(taken));
    page.takenNote = taken;
    showSelectionNote(note);
    announce(note);
    for (const label of taken) flashSeat(label);
  } else if (page.takenNote.length && page.takenNote.every((label) => page.model.stateOf(label) === "free")) {
    page.takenNote = [];
    hideSelectionNote();
  }
  // The same for a refused hold's "was just taken" alert.
  const alertSeats = String($("#hold-alert").attr("data-seats") ?? "").split(",").filter(Boolean);
  if (alertSeats.length && alertSeats.every((label) => page.model.stateOf(label) === "free")) hideAlert();
  updateSeats(changed.size ? changed : null);
  renderSelection();
  renderHolds();
  renderNotice();
}

function addHold(hold, confirmed) {
  page.holds.set(String(hold.holdId), pageHold(hold, confirmed, page.holds.get(String(hold.holdId))));
}

/** Settles holds against the map; a hold that ended elsewhere (released, expired, sold) gets a note. */
function reconcileHolds() {
  for (const { hold, expired } of settleHolds(page.holds, page.model, serverNow())) {
    showInfo(t(expired ? "trip.holdExpired" : "trip.holdEnded", seatsParams(hold.seats)));
  }
}

/** {count, seats} for the plural seat messages. */
function seatsParams(labels) {
  return { count: labels.length, seats: formatList(labels) };
}

function mySeats() {
  return heldSeats(page.holds, page.model);
}

function displayState(label, mine = mySeats()) {
  return seatDisplayState(page.model.stateOf(label), label, {
    mine,
    modelMine: page.model.isMine(label),
    selected: page.selected,
    holdingSeats: page.holdingSeats,
  });
}

function salesClosed() {
  return tripSalesClosed(page.trip, serverNow());
}

function selectionAllowed() {
  return !page.model.cancelled && !salesClosed();
}

// ---------- seat map ----------

function buildSeatMap() {
  const map = document.getElementById("seat-map");
  page.buttons = renderCoach(map, page.trip.layout);
  page.focus = new RovingFocus(page.buttons);

  $(map)
    .on("click", ".seat", function () {
      toggleSeat(this.dataset.seat);
    })
    .on("keydown", ".seat", function (event) {
      page.focus.move(this, event);
    })
    .on("focusin", ".seat", function () {
      page.focus.set(this.dataset.seat);
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
    paintSeat(button, label, state, selectable, page.model.genderOf(label));
  }
  page.focus.set(page.focus.label);
}

function toggleSeat(label) {
  if (!page.model.ready) return;
  if (!selectionAllowed()) {
    announce(page.model.cancelled ? t("trip.cancelled") : t("trip.salesClosed"));
    return;
  }
  const max = maxSeats();
  const { selected, outcome } = toggleSelection(page.selected, label, displayState(label), max);
  if (outcome === "max") {
    showSelectionNote(t("trip.maxSeats", { count: max }));
    announce(t("trip.maxSeats", { count: max }));
    return;
  }
  if (outcome === "unavailable") {
    announce(t("trip.seatUnavailable", { seat: label }));
    return;
  }
  page.selected = selected;
  // A ladies seat can be held by anyone, but booked only for a woman until shortly before departure: say so now.
  const ladies = selected.includes(label) && page.buttons.get(label)?.dataset.ladies === "true";
  if (ladies) showSelectionNote(t("trip.ladiesSelected", { seat: label }));
  else hideSelectionNote();
  updateSeats(new Set([label]));
  renderSelection();
}

function maxSeats() {
  return holdSeatLimit(page.trip);
}

function flashSeat(label) {
  const button = page.buttons.get(label);
  if (button) flashButton(button);
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
    const hold = await holdSeatsRetrying(page.trip.tripId, {
      seats,
      from: page.fromStop.stopId,
      to: page.toStop.stopId,
      requestId,
    });
    page.pendingHold = null;
    addHold(hold, false);
    page.selected = page.selected.filter((label) => !hold.seats.map(String).includes(label));
    reconcileHolds();
    updateSeats(new Set(hold.seats.map(String)));
    renderSelection();
    renderHolds();
    page.takenNote = [];
    hideSelectionNote();
    showInfo(t("trip.holdCreated", seatsParams(hold.seats.map(String))));
    focusHoldSummary();
  } catch (error) {
    if (!keepsRequestId(error)) page.pendingHold = null;
    handleHoldError(error, seats);
  } finally {
    page.holdingSeats = [];
    setHolding(false);
    // Anything that changed while the request was out (e.g. a seat of a failed request sold meanwhile).
    afterModelChange(new Set());
  }
}

function handleHoldError(error, seats) {
  if (sendToQueue(error)) return;
  const failure = holdFailure(error, seats);
  // Ask for the SMS code right here, keep the selection, and hold again once signed in.
  if (failure.kind === "verify-phone") {
    showInfo(t("trip.verifyPhoneToHold"));
    askForPhoneCode().then((signedIn) => (signedIn ? placeHold() : showAlert(t("trip.verifyPhoneToHold"))));
    return;
  }
  if (failure.kind === "conflict") {
    const { conflicts } = failure;
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
  if (failure.refresh) page.live?.refresh();
}

async function release(holdId) {
  const hold = page.holds.get(holdId);
  if (!hold || hold.busy) return;
  hold.busy = true;
  renderHolds();
  hideAlert();
  try {
    await releaseHold(holdId, page.trip.tripId);
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
  const { expired, warn } = holdTicks(page.holds, now);
  for (const hold of expired) {
    endHold(hold);
    showInfo(t("trip.holdExpired", seatsParams(hold.seats)));
    announce(t("trip.holdExpired", seatsParams(hold.seats)));
  }
  for (const _ of warn) announce(t("trip.oneMinute"));
  updateCountdowns(page.holds.values(), now);
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
  renderHeader(page.trip, page.fromStop, page.toStop);
  renderLegend();
  updateSeats();
  renderSelection();
  renderHolds({ force: true });
  renderNotice();
  if (page.live) renderStatus(page.live.status ?? "reconnecting");
}

function renderSelection() {
  const count = page.selected.length;
  const max = maxSeats();
  $("#selection-hint").text(holdsFull(page.trip, page.holds.size) ? t("trip.holdLimitNote") : t("trip.selectHint", { count: max }));
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
  const holds = holdsInOrder(page.holds);
  // Rebuild only when the holds themselves change, so a live update never steals focus from
  // the Release button; tick() updates the countdowns in place.
  const key = holdsKey(holds);
  if (!force && key === page.holdsKey) return;
  page.holdsKey = key;
  renderHoldsList(holds, serverNow());
}

function renderNotice() {
  renderNoticeView(page.model.cancelled, salesClosed());
}
