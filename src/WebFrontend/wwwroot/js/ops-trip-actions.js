// Ops actions on a whole trip, on /ops/trip.html: delay it, put another coach on it, or cancel it (every booking
// refunded in full). Each asks for a reason (shown to passengers) and a confirmation. A cancellation shows how many
// refunds are settled; if some are still outstanding (the payment provider was unreachable), "finish" re-issues the
// cancel, which the server makes idempotent: it refunds only what is still owed.
import { cancelTrip, changeTripCoach, delayTrip, getNetwork, getTripCancellation } from "./admin-api.js";
import { ApiError } from "./api.js";
import { formatDate, formatList, formatTime, t } from "./i18n.js";
import { busy, clearErrors, confirmAction, focusInvalid, pageProblemText, showFieldError, toast } from "./ops.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;

const state = {
  trip: null,
  coaches: [],
  cancellation: null,
  /** Re-opens the trip after a change, so times, layout and seat map come fresh from the server. */
  reopen: async () => {},
};

/** Wires the forms once per page; `reopen(tripId)` reloads the trip view. */
export function wireTripActions({ reopen }) {
  state.reopen = reopen;
  document.getElementById("delay-form").addEventListener("submit", onDelay);
  document.getElementById("coach-form").addEventListener("submit", onChangeCoach);
  document.getElementById("cancel-form").addEventListener("submit", onCancel);
  document.getElementById("cancel-finish").addEventListener("click", () => runCancel(state.cancellation?.reason ?? ""));
}

/** Shows the actions for a freshly opened trip (and its cancellation progress, if it is cancelled). */
export async function showTripActions(trip) {
  state.trip = trip;
  state.cancellation = null;
  for (const id of ["delay-form", "coach-form", "cancel-form"]) clearErrors(document.getElementById(id));
  hideAlert();
  const first = trip.stops[0];
  document.getElementById("delay-departure").value = dhakaInputValue(new Date(first.departure));
  render();
  // The cancellation's progress is asked for only once the live seats say the trip is cancelled (tripCancelledSeen):
  // asking for every trip would answer 400 for each one that is not.
  await loadCoaches();
  render();
}

/** The live seat map reports the trip cancelled: load and show the cancellation's progress, once per trip. */
export async function tripCancelledSeen() {
  if (!state.trip || state.cancellation || state.loadingCancellationOf === state.trip.tripId) return;
  state.loadingCancellationOf = state.trip.tripId;
  await loadCancellation();
  render();
}

/** Re-renders texts after a language switch. */
export function renderTripActions() {
  if (state.trip) render();
}

async function loadCoaches() {
  try {
    state.coaches = (await getNetwork()).coaches ?? [];
  } catch {
    state.coaches = [];
  }
}

async function loadCancellation() {
  try {
    state.cancellation = await getTripCancellation(state.trip.tripId);
  } catch (error) {
    // 400: the trip is not cancelled; anything else shows when ops acts.
    if (!(error instanceof ApiError)) throw error;
    state.cancellation = null;
  }
}

function render() {
  const trip = state.trip;
  const delayed = trip.scheduledDeparture
    ? t("tripOps.delayedFrom", { time: formatTime(trip.scheduledDeparture), date: formatDate(trip.scheduledDeparture) })
    : "";
  $("#trip-delayed").text(delayed).prop("hidden", !delayed);
  const options = state.coaches
    .filter((c) => c.class === trip.coachClass && c.registration !== trip.coachRegistration)
    .map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(`${c.registration} · ${c.layoutCode}`)}</option>`);
  const select = $("#coach-select");
  const chosen = select.val();
  select.html(
    `<option value="">${escapeHtml(t(options.length ? "tripOps.coach.pick" : "tripOps.coach.none"))}</option>` + options.join(""),
  );
  if (chosen) select.val(chosen);

  const cancelled = Boolean(state.cancellation);
  $("#delay-form, #coach-form").find("input, select, button").prop("disabled", cancelled);
  $("#cancel-form").find("input, button[type=submit]").prop("disabled", cancelled);
  const progress = $("#cancel-progress");
  if (!cancelled) {
    progress.prop("hidden", true);
    $("#cancel-finish").prop("hidden", true);
    return;
  }
  const c = state.cancellation;
  const total = c.settled.length + c.outstanding.length;
  progress
    .html(
      `<p class="font-medium">${escapeHtml(t("tripOps.cancel.cancelledAt", { date: formatDate(c.cancelledAt), time: formatTime(c.cancelledAt), reason: c.reason }))}</p>
       <progress class="progress ${c.complete ? "progress-success" : "progress-warning"} w-full" value="${c.settled.length}" max="${Math.max(total, 1)}"></progress>
       <p data-cancel-status>${escapeHtml(c.complete ? t("tripOps.cancel.complete", { count: total }) : t("tripOps.cancel.progress", { settled: c.settled.length, total }))}</p>`,
    )
    .prop("hidden", false);
  $("#cancel-finish").prop("hidden", c.complete);
}

// ---------- delay ----------

async function onDelay(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  hideAlert();
  const value = form.elements.namedItem("departure").value;
  const reason = form.elements.namedItem("reason").value.trim();
  const current = new Date(state.trip.stops[0].departure);
  const next = value ? new Date(`${value}:00+06:00`) : null;
  if (!next || Number.isNaN(next.getTime()) || next <= current) showFieldError(form, "departure", t("tripOps.delay.later"));
  if (!reason) showFieldError(form, "reason", t("tripOps.reasonRequired"));
  if (form.querySelector("[aria-invalid=true]")) return focusInvalid(form);
  const confirmed = await confirmAction(
    t("tripOps.delay.confirm", { time: formatTime(next), date: formatDate(next) }),
    t("tripOps.delay.submit"),
  );
  if (!confirmed) return;
  try {
    const result = await busy(form.querySelector("[type=submit]"), () => delayTrip(state.trip.tripId, `${value}:00+06:00`, reason));
    toast(t("tripOps.delay.done", { time: formatTime(result.departure), count: result.bookings }));
    await state.reopen(state.trip.tripId);
  } catch (error) {
    showAlert(pageProblemText(error));
  }
}

// ---------- coach ----------

async function onChangeCoach(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  hideAlert();
  const coachId = form.elements.namedItem("coach").value;
  const reason = form.elements.namedItem("reason").value.trim();
  if (!coachId) showFieldError(form, "coach", t("tripOps.coach.pickCoach"));
  if (!reason) showFieldError(form, "reason", t("tripOps.reasonRequired"));
  if (form.querySelector("[aria-invalid=true]")) return focusInvalid(form);
  const coach = state.coaches.find((c) => c.id === coachId);
  if (!(await confirmAction(t("tripOps.coach.confirm", { coach: coach?.registration ?? coachId }), t("tripOps.coach.submit")))) return;
  try {
    const result = await busy(form.querySelector("[type=submit]"), () => changeTripCoach(state.trip.tripId, coachId, reason));
    toast(t("tripOps.coach.done", { coach: result.coachRegistration }));
    await state.reopen(state.trip.tripId);
  } catch (error) {
    if (error instanceof ApiError && error.code === "coach-incompatible" && error.conflicts.length) {
      showAlert(t("tripOps.coach.conflict", { count: error.conflicts.length, coach: coach?.registration ?? coachId, seats: formatList(error.conflicts.map(String)) }));
    } else showAlert(pageProblemText(error));
  }
}

// ---------- cancel ----------

async function onCancel(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  hideAlert();
  const reason = form.elements.namedItem("reason").value.trim();
  if (!reason) {
    showFieldError(form, "reason", t("tripOps.reasonRequired"));
    return focusInvalid(form);
  }
  if (!(await confirmAction(t("tripOps.cancel.confirm"), t("tripOps.cancel.submit")))) return;
  await runCancel(reason);
}

async function runCancel(reason) {
  const button = document.getElementById(state.cancellation ? "cancel-finish" : "cancel-submit");
  try {
    state.cancellation = await busy(button, () => cancelTrip(state.trip.tripId, reason));
    const total = state.cancellation.settled.length + state.cancellation.outstanding.length;
    if (state.cancellation.complete) toast(t("tripOps.cancel.complete", { count: total }));
    else toast(t("tripOps.cancel.outstanding", { count: state.cancellation.outstanding.length }), "error");
  } catch (error) {
    showAlert(pageProblemText(error));
  }
  render();
}

// ---------- helpers ----------

/** "YYYY-MM-DDTHH:mm" of an instant in Dhaka time, for a datetime-local input. */
function dhakaInputValue(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Dhaka", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function showAlert(message) {
  $("#trip-ops-alert").text(message).prop("hidden", false);
}

function hideAlert() {
  $("#trip-ops-alert").prop("hidden", true).empty();
}
