// Ops live trip (/ops/trip.html?trip=&from=&to=): find a trip (search like the passenger page, or by id), watch its
// seat map live for one leg, and block or unblock seats with a reason. The grain pushes every change over the hub,
// so a block shows here and on every passenger's map at the same moment; this page never paints a block itself.
import { blockSeats, unblockSeats } from "./admin-api.js";
import { renderTripActions, showTripActions, tripCancelledSeen, wireTripActions } from "./ops-trip-actions.js";
import { ApiError, getStops, getTrip, searchTrips } from "./api.js";
import { renderCoach, SEAT_KEYS, seatInDirection, titleCoach } from "./coach-view.js";
import { formatDate, formatList, formatTime, onLangChange, routeName, stopName, t, todayInDhaka } from "./i18n.js";
import { icon, seatStateIcon } from "./icons.js";
import { TripLive } from "./live.js";
import { busy, clearErrors, focusInvalid, pageProblemText, showFieldError, startOpsPage, toast } from "./ops.js";
import { announce, escapeHtml } from "./page.js";
import { SeatModel } from "./seat-state.js";
import { coachClassBadge } from "./ui.js";

const $ = window.jQuery;
const LEGEND_STATES = ["free", "held", "sold", "blocked"];

const page = {
  stops: [],
  trips: null,
  trip: null,
  model: null,
  live: null,
  /** @type {Map<string, HTMLElement>} */
  buttons: new Map(),
  /** Seats picked for the next block or unblock. */
  selected: new Set(),
  focusLabel: null,
  working: false,
};

await startOpsPage();
onLangChange(() => {
  fillStopSelects();
  renderResults();
  if (page.trip) renderTrip();
  renderTripActions();
});
wirePicker();
wireActions();
wireTripActions({ reopen: (tripId) => openTrip(tripId, page.model?.from, page.model?.to) });
await loadStops();
const initial = new URLSearchParams(window.location.search);
if (initial.get("trip")) await openTrip(initial.get("trip"), initial.get("from"), initial.get("to"));

// ---------- finding a trip ----------

async function loadStops() {
  try {
    page.stops = await getStops();
  } catch (error) {
    showFieldError(document.getElementById("trip-search"), null, pageProblemText(error));
  }
  fillStopSelects();
  const date = document.getElementById("search-date");
  if (!date.value) date.value = todayInDhaka();
}

function fillStopSelects() {
  const sorted = [...page.stops].sort((a, b) => stopName(a).localeCompare(stopName(b)));
  for (const id of ["search-from", "search-to"]) {
    const select = document.getElementById(id);
    const value = select.value;
    select.innerHTML =
      `<option value="">${escapeHtml(t("ops.trips.pickStop"))}</option>` +
      sorted.map((s) => `<option value="${escapeHtml(s.id)}">${escapeHtml(stopName(s))}</option>`).join("");
    select.value = value;
  }
}

function wirePicker() {
  const search = document.getElementById("trip-search");
  search.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(search);
    const from = search.elements.namedItem("from").value;
    const to = search.elements.namedItem("to").value;
    const date = search.elements.namedItem("date").value;
    if (!from) showFieldError(search, "from", t("search.pickFrom"));
    if (!to) showFieldError(search, "to", t("search.pickTo"));
    if (from && to && from === to) showFieldError(search, "to", t("search.sameStops"));
    if (!date) showFieldError(search, "date", t("search.pickDate"));
    if (search.querySelector("[aria-invalid=true]")) return focusInvalid(search);
    try {
      page.trips = await busy(search.querySelector("[type=submit]"), () => searchTrips(from, to, date));
      page.trips.sort((a, b) => new Date(a.departure) - new Date(b.departure));
      renderResults();
      announce(t("ops.trips.found", { count: page.trips.length }));
    } catch (error) {
      showFieldError(search, null, pageProblemText(error));
    }
  });

  const open = document.getElementById("trip-open");
  open.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors(open);
    const tripId = open.elements.namedItem("tripId").value.trim();
    if (!tripId) {
      showFieldError(open, "tripId", t("ops.trips.enterTripId"));
      return focusInvalid(open);
    }
    openTrip(tripId);
  });

  $("#trip-results").on("click", "[data-open-trip]", function () {
    openTrip(this.dataset.openTrip);
  });
}

function renderResults() {
  const list = $("#trip-results");
  if (page.trips === null) return list.empty();
  if (!page.trips.length) return list.html(`<li class="py-3 text-sm opacity-75">${escapeHtml(t("ops.trips.none"))}</li>`);
  list.html(
    page.trips
      .map(
        (trip) => `<li>
        <button type="button" class="flex w-full flex-wrap items-center gap-x-4 gap-y-1 rounded-box border border-base-300 p-3 text-left hover:bg-base-200"
                data-open-trip="${escapeHtml(trip.tripId)}">
          <span class="text-lg font-bold tabular-nums">${escapeHtml(formatTime(trip.departure))}</span>
          <span class="min-w-0 flex-1"><span class="block font-medium">${escapeHtml(routeName(trip))}</span>
            <span class="block font-mono text-xs opacity-70">${escapeHtml(trip.tripId)}</span></span>
          ${coachClassBadge(trip.coachClass)}
          <span class="text-sm">${escapeHtml(trip.coachRegistration)}</span>
          <span class="badge badge-ghost">${escapeHtml(t("ops.trips.freeOf", { free: trip.freeSeats, total: trip.totalSeats }))}</span>
        </button></li>`,
      )
      .join(""),
  );
}

// ---------- one trip ----------

async function openTrip(tripId, from = null, to = null) {
  $("#trip-error").prop("hidden", true);
  $("#trip-loading").prop("hidden", false);
  let trip;
  try {
    trip = await getTrip(tripId);
  } catch (error) {
    $("#trip-loading").prop("hidden", true);
    const open = document.getElementById("trip-open");
    open.elements.namedItem("tripId").value = tripId;
    if (error instanceof ApiError && error.status === 404) showFieldError(open, "tripId", t("errors.notFound"));
    else $("#trip-error").text(pageProblemText(error)).prop("hidden", false);
    return;
  }
  $("#trip-loading").prop("hidden", true);
  page.trip = trip;
  document.getElementById("trip-id").value = trip.tripId;
  const ids = trip.stops.map((s) => String(s.stopId));
  const a = ids.indexOf(String(from));
  const b = ids.indexOf(String(to));
  const leg = a >= 0 && b > a ? [ids[a], ids[b]] : [ids[0], ids.at(-1)];
  page.buttons = renderCoach(document.getElementById("seat-map"), trip.layout);
  page.focusLabel = [...page.buttons.keys()][0] ?? null;
  $("#trip-view").prop("hidden", false);
  $("#connection-status").prop("hidden", false);
  watchLeg(leg[0], leg[1]);
  renderTrip();
  showTripActions(trip);
  document.getElementById("trip-title").scrollIntoView({ block: "start", behavior: "smooth" });
}

/** Watches [from, to) live, replacing any earlier watch. */
function watchLeg(from, to) {
  page.live?.stop();
  page.selected.clear();
  const url = new URL(window.location.href);
  url.search = new URLSearchParams({ trip: page.trip.tripId, from, to }).toString();
  history.replaceState(null, "", url);
  const stop = (id) => page.trip.stops.find((s) => String(s.stopId) === String(id));
  page.model = new SeatModel({ tripId: page.trip.tripId, stopIds: page.trip.stops.map((s) => s.stopId), from, to });
  page.live = new TripLive(page.model, {
    // Ids as the API typed them, so the hub binds its parameters without conversions.
    tripId: page.trip.tripId,
    from: stop(from).stopId,
    to: stop(to).stopId,
    onSnapshot: (_snapshot, changed) => afterModelChange(changed),
    onChanged: (changed) => afterModelChange(changed),
    onStatus: renderStatus,
    onError: (error) => console.warn("live seats:", error),
  });
  updateSeats();
  renderActions();
  page.live.start();
}

/** Drops selected seats whose state no longer fits an action (e.g. sold meanwhile), then redraws what changed. */
function afterModelChange(changed) {
  for (const label of [...page.selected]) {
    const state = page.model.stateOf(label);
    if (state !== "free" && state !== "blocked") page.selected.delete(label);
  }
  updateSeats(changed.size ? changed : null);
  renderActions();
  renderNotice();
}

function renderTrip() {
  const trip = page.trip;
  $("#trip-title").text(routeName(trip));
  $("#trip-class").html(coachClassBadge(trip.coachClass, "badge-md"));
  $("#trip-code").text(trip.tripId);
  const first = trip.stops[0];
  $("#trip-when").text(
    t("ops.trips.when", { time: formatTime(first.departure), date: formatDate(first.departure), coach: trip.coachRegistration ?? "" }),
  );
  const options = (indexes, selected) =>
    indexes
      .map((i) => {
        const s = trip.stops[i];
        return `<option value="${escapeHtml(s.stopId)}" ${String(s.stopId) === String(selected) ? "selected" : ""}>${escapeHtml(`${stopName(s)} · ${formatTime(s.departure)}`)}</option>`;
      })
      .join("");
  const all = trip.stops.map((_, i) => i);
  $("#leg-from").html(options(all.slice(0, -1), page.model.from));
  $("#leg-to").html(options(all.slice(1), page.model.to));
  titleCoach(document.getElementById("seat-map"), { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
  renderLegend();
  updateSeats();
  renderActions();
  renderNotice();
  if (page.live) renderStatus(page.live.status ?? "reconnecting");
}

function renderLegend() {
  const items = LEGEND_STATES.map((state) => {
    const name = seatStateIcon[state];
    return `<li class="flex items-center gap-2">
      <span class="seat seat-swatch" data-state="${state}" aria-hidden="true">${name ? icon(name, "size-3.5") : ""}</span>
      <span>${escapeHtml(t(`ops.trips.legend.${state}`))}</span></li>`;
  });
  items.push(`<li class="flex items-center gap-2">
      <span class="seat seat-swatch" data-state="free" data-selected="true" aria-hidden="true">${icon("check", "size-3.5")}</span>
      <span>${escapeHtml(t("ops.trips.legend.selected"))}</span></li>`);
  $("#seat-legend").html(items.join(""));
}

function renderNotice() {
  $("#trip-notice").text(t("ops.trips.cancelled")).prop("hidden", !page.model?.cancelled);
  if (page.model?.cancelled) tripCancelledSeen();
}

function renderStatus(status) {
  const badge = document.getElementById("connection-status");
  badge.dataset.status = status;
  badge.title = t(`status.${status}Hint`);
  const text = document.getElementById("connection-text");
  text.dataset.i18n = `status.${status}`;
  text.textContent = t(`status.${status}`);
}

// ---------- seat map ----------

/** Seats show their true state; the ops selection is a separate mark (data-selected), so a blocked seat stays blocked. */
function updateSeats(labels = null) {
  const targets = labels ? [...labels].filter((l) => page.buttons.has(l)) : [...page.buttons.keys()];
  for (const label of targets) {
    const button = page.buttons.get(label);
    const state = page.model.stateOf(label);
    const selectable = page.model.ready && (state === "free" || state === "blocked");
    const selected = page.selected.has(label);
    const previous = button.dataset.state;
    button.dataset.state = state;
    button.dataset.selected = String(selected);
    button.setAttribute("aria-label", t("seat.aria", { label, state: t(`ops.trips.seatState.${state}`) }));
    if (selectable) {
      button.setAttribute("aria-pressed", String(selected));
      button.removeAttribute("aria-disabled");
    } else {
      button.removeAttribute("aria-pressed");
      button.setAttribute("aria-disabled", "true");
    }
    if (previous !== state || button.dataset.iconFor !== `${state}:${selected}`) {
      button.dataset.iconFor = `${state}:${selected}`;
      const name = selected ? "check" : seatStateIcon[state];
      button.querySelector(".seat-icon").innerHTML = name ? icon(name, "size-3.5") : "";
    }
  }
  setRovingFocus(page.focusLabel);
}

function setRovingFocus(label) {
  if (!label || !page.buttons.has(label)) return;
  if (page.focusLabel && page.focusLabel !== label) page.buttons.get(page.focusLabel)?.setAttribute("tabindex", "-1");
  page.focusLabel = label;
  page.buttons.get(label).setAttribute("tabindex", "0");
}

function toggleSeat(label) {
  if (!page.model?.ready) return;
  const state = page.model.stateOf(label);
  if (state !== "free" && state !== "blocked") {
    announce(t("ops.trips.notSelectable", { seat: label, state: t(`ops.trips.seatState.${state}`) }));
    return;
  }
  if (page.selected.has(label)) page.selected.delete(label);
  else page.selected.add(label);
  updateSeats(new Set([label]));
  renderActions();
}

// ---------- block / unblock ----------

function selectedIn(state) {
  return [...page.selected].filter((label) => page.model.stateOf(label) === state);
}

function renderActions() {
  if (!page.model) return;
  const toBlock = selectedIn("free");
  const toUnblock = selectedIn("blocked");
  $("#block-selection").html(
    [...page.selected]
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .map((label) => {
        const blocked = page.model.stateOf(label) === "blocked";
        return `<span class="badge ${blocked ? "badge-neutral" : "badge-primary"} gap-1">${blocked ? icon("ban", "size-3") : ""}${escapeHtml(label)}</span>`;
      })
      .join("") || `<span class="text-sm opacity-60">${escapeHtml(t("ops.trips.nothingSelected"))}</span>`,
  );
  const closed = page.model.cancelled || !page.model.ready;
  const block = $("#block-button");
  block.prop("disabled", page.working || closed || toBlock.length === 0);
  block.find(".button-label").text(t("ops.trips.block", { count: toBlock.length }));
  const unblock = $("#unblock-button");
  unblock.prop("disabled", page.working || closed || toUnblock.length === 0);
  unblock.find(".button-label").text(t("ops.trips.unblock", { count: toUnblock.length }));
  $("#block-note-field").prop("hidden", $("#block-reason").val() !== "other");
}

function wireActions() {
  $("#seat-map")
    .on("click", ".seat", function () {
      toggleSeat(this.dataset.seat);
    })
    .on("keydown", ".seat", function (event) {
      if (!SEAT_KEYS.has(event.key)) return;
      event.preventDefault();
      seatInDirection(page.buttons.values(), this, event.key)?.focus();
    })
    .on("focusin", ".seat", function () {
      setRovingFocus(this.dataset.seat);
    });
  $("#leg-from, #leg-to").on("change", () => {
    const from = $("#leg-from").val();
    const to = $("#leg-to").val();
    const ids = page.trip.stops.map((s) => String(s.stopId));
    if (ids.indexOf(String(from)) >= ids.indexOf(String(to))) {
      showAlert(t("ops.trips.legOrder"));
      return;
    }
    hideAlert();
    watchLeg(from, to);
    renderTrip();
  });
  $("#block-reason").on("change", renderActions);
  $("#clear-selection").on("click", () => {
    const labels = new Set(page.selected);
    page.selected.clear();
    updateSeats(labels);
    renderActions();
  });
  $("#block-button").on("click", () => act("block"));
  $("#unblock-button").on("click", () => act("unblock"));
}

function reasonText() {
  const reason = $("#block-reason").val();
  if (reason !== "other") return reason;
  const note = String($("#block-note").val() ?? "").trim();
  return note ? `other: ${note}` : null;
}

async function act(kind) {
  const form = document.getElementById("block-form");
  clearErrors(form);
  hideAlert();
  const seats = selectedIn(kind === "block" ? "free" : "blocked");
  if (!seats.length || page.working) return;
  const reason = reasonText();
  if (reason === null) {
    showFieldError(form, "note", t("ops.trips.noteRequired"));
    return focusInvalid(form);
  }
  const body = { seats, from: page.model.from, to: page.model.to, reason };
  page.working = true;
  renderActions();
  const button = document.getElementById(kind === "block" ? "block-button" : "unblock-button");
  try {
    await busy(button, () => (kind === "block" ? blockSeats(page.trip.tripId, body) : unblockSeats(page.trip.tripId, body)));
    for (const label of seats) page.selected.delete(label);
    toast(t(kind === "block" ? "ops.trips.blocked" : "ops.trips.unblocked", { count: seats.length, seats: formatList(seats) }));
    // The hub brings the change; without a live connection, fetch it.
    if (page.live.status !== "live") page.live.refresh();
  } catch (error) {
    const conflicts = error instanceof ApiError ? error.conflicts.map(String) : [];
    if (error instanceof ApiError && error.code === "seats-unavailable") {
      for (const label of conflicts) page.selected.delete(label);
      showAlert(t("ops.trips.conflict", { count: conflicts.length || seats.length, seats: formatList(conflicts.length ? conflicts : seats) }));
      page.live.refresh();
    } else showAlert(pageProblemText(error));
  } finally {
    page.working = false;
    updateSeats(new Set(seats));
    renderActions();
  }
}

function showAlert(message) {
  $("#block-alert").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
}

function hideAlert() {
  $("#block-alert").prop("hidden", true).empty();
}
