// Ticket changes on the e-ticket page: other seats on the live seat map of the same trip; another departure of the
// route (quote with fee, seats on that coach, then the difference paid like a booking or refunded); correcting a
// passenger; dropping one traveller. The server decides everything (cut-offs, fares, seats); this only asks and shows.
import {
  abandonTripChange,
  beginTripChange,
  cancelPassenger,
  changeSeats,
  correctPassenger,
  getBooking,
  getTrip,
  newRequestId,
  quoteTripChange,
  searchTrips,
  simulateChangePayment,
} from "./api.js";
import { walletHref } from "./book-model.js";
import { renderCoach, titleCoach } from "./coach-view.js";
import { addDays, dhakaDateOf, formatDate, formatTaka, formatTime, lang, t } from "./i18n.js";
import { icon, seatStateIcon } from "./icons.js";
import { TripLive } from "./live.js";
import { announce, escapeHtml } from "./page.js";
import { SeatModel } from "./seat-state.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
const STRIPE_JS = "https://js.stripe.com/v3/";

const state = {
  booking: null,
  onChanged: () => {},
  mode: null,
  map: null,
  trip: null,
  quote: null,
  seat: null,
  busy: false,
  requestId: null,
  stripe: null,
};

/** Wires the card and dialog once; `onChanged(booking)` is called with the booking after every change. */
export function initChanges(onChanged) {
  state.onChanged = onChanged;
  $("#change-seats").on("click", () => openSeats());
  $("#change-trip").on("click", () => openTrip());
  $("#change-passengers")
    .on("click", "[data-correct]", function () {
      openCorrect(this.dataset.correct);
    })
    .on("click", "[data-drop]", function () {
      openDrop(this.dataset.drop);
    });
  $("#pending-change").on("click", "#resume-change", () => openPay());
  $("#change-submit").on("click", () => submit());
  document.getElementById("change-dialog").addEventListener("close", () => stopMap());
}

/** Shows what can be changed on this booking (confirmed and not departed), and a trip change waiting for payment. */
export function renderChanges(booking) {
  state.booking = booking;
  const open = booking.status === "Confirmed" && Date.parse(booking.departure) > Date.now();
  $("#changes-card").prop("hidden", !open);
  if (!open) return;
  const many = (booking.passengers ?? []).length > 1;
  $("#change-passengers").html(
    booking.passengers
      .map(
        (p) => `<li class="flex flex-wrap items-center gap-2" data-passenger="${escapeHtml(p.seat)}">
          <span class="badge badge-secondary badge-sm">${escapeHtml(p.seat)}</span>
          <span class="min-w-0 flex-1 truncate font-medium">${escapeHtml(p.name)}</span>
          <button type="button" class="btn btn-xs btn-ghost" data-correct="${escapeHtml(p.seat)}">${escapeHtml(t("changes.correct"))}</button>
          ${many ? `<button type="button" class="btn btn-xs btn-ghost text-error" data-drop="${escapeHtml(p.seat)}">${escapeHtml(t("changes.drop"))}</button>` : ""}
        </li>`,
      )
      .join(""),
  );
  const pending = booking.pendingChange;
  $("#pending-change")
    .prop("hidden", !pending)
    .html(
      pending
        ? `${icon("info", "size-5 shrink-0")}<div class="flex flex-col gap-2">
            <p>${escapeHtml(t("changes.pendingNote", { amount: formatTaka(pending.quote.amountDue), when: when(pending.quote.departure) }))}</p>
            <button type="button" id="resume-change" class="btn btn-sm btn-primary w-fit">${escapeHtml(t("changes.payDifference", { amount: formatTaka(pending.quote.amountDue) }))}</button>
          </div>`
        : "",
    );
}

// ---------- dialog ----------

function openDialog(mode, title, submitLabel) {
  stopMap();
  state.mode = mode;
  state.busy = false;
  $("#change-dialog-title").text(title);
  $("#change-error").prop("hidden", true);
  $("#change-submit").prop("disabled", true).find(".submit-label").text(submitLabel);
  const dialog = document.getElementById("change-dialog");
  if (!dialog.open) dialog.showModal();
}

function showError(message) {
  $("#change-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
}

function closeDialog() {
  document.getElementById("change-dialog").close();
}

async function submit() {
  if (state.busy) return;
  state.busy = true;
  const button = $("#change-submit");
  button.prop("disabled", true).find(".loading").prop("hidden", false);
  $("#change-error").prop("hidden", true);
  try {
    await { seats: submitSeats, trip: submitTrip, pay: submitPay, correct: submitCorrect, drop: submitDrop }[state.mode]();
  } catch (error) {
    showError(problemText(error));
    button.prop("disabled", false);
  } finally {
    state.busy = false;
    button.find(".loading").prop("hidden", true);
  }
}

function done(booking, message) {
  state.booking = booking;
  state.onChanged(booking);
  closeDialog();
  announce(message);
}

// ---------- seat map (same trip or the new one) ----------

/** Shows the live seat map of `tripId` for the booking's leg; `own` seats (the booking's) can be kept. */
async function startMap(tripId, own) {
  const b = state.booking;
  const trip = await getTrip(tripId);
  const stops = trip.stops ?? [];
  const model = new SeatModel({ tripId: trip.tripId, stopIds: stops.map((s) => s.stopId), from: b.from, to: b.to });
  const element = document.getElementById("change-map");
  const buttons = renderCoach(element, trip.layout);
  titleCoach(element, { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
  const map = { tripId: trip.tripId, model, buttons, own: new Set(own), selected: [], live: null };
  state.map = map;
  $(element).on("click", ".seat", function () {
    toggle(map, this.dataset.seat);
  });
  map.live = new TripLive(model, {
    tripId: trip.tripId,
    from: b.from,
    to: b.to,
    onSnapshot: () => paint(map),
    onChanged: () => paint(map),
    onStatus: () => {},
    onError: (error) => console.warn("live seats:", error),
  });
  map.live.start();
}

function stopMap() {
  state.map?.live?.stop();
  state.map = null;
}

function displayState(map, label) {
  if (map.selected.includes(label)) return "selected";
  const seat = map.model.stateOf(label);
  return map.own.has(label) && seat === "sold" ? "mine" : seat;
}

function paint(map) {
  // Someone else took a seat we had picked: drop it from the selection.
  map.selected = map.selected.filter((label) => map.own.has(label) || map.model.stateOf(label) === "free");
  for (const [label, button] of map.buttons) {
    const shown = displayState(map, label);
    button.dataset.state = shown;
    button.tabIndex = 0;
    button.setAttribute("aria-label", t("seat.aria", { label, state: t(`seat.state.${shown}`) }));
    const name = seatStateIcon[shown];
    button.querySelector(".seat-icon").innerHTML = name ? icon(name, "size-3.5") : "";
  }
  const need = state.booking.passengers.length;
  $("#change-selection").text(
    map.selected.length ? t("changes.picked", { seats: map.selected.join(", "), count: map.selected.length, need }) : t("changes.pickSeats", { count: need }),
  );
  const ready = map.selected.length === need && (state.mode !== "trip" || state.quote !== null);
  $("#change-submit").prop("disabled", !ready);
}

function toggle(map, label) {
  const index = map.selected.indexOf(label);
  if (index >= 0) map.selected.splice(index, 1);
  else if (map.selected.length < state.booking.passengers.length && (map.own.has(label) || map.model.stateOf(label) === "free")) {
    map.selected.push(label);
  }
  paint(map);
}

const mapMarkup = () => `
  <p id="change-selection" class="text-sm" aria-live="polite"></p>
  <div class="overflow-x-auto"><div id="change-map" class="coach" role="group" aria-label="${escapeHtml(t("trip.mapLabel"))}"></div></div>`;

// ---------- seats on the same trip ----------

async function openSeats() {
  const b = state.booking;
  openDialog("seats", t("changes.seatsTitle"), t("changes.confirmSeats"));
  $("#change-body").html(`<p class="text-sm opacity-80">${escapeHtml(t("changes.seatsHint", { count: b.passengers.length }))}</p>${mapMarkup()}`);
  try {
    await startMap(b.tripId, b.seats);
  } catch (error) {
    showError(problemText(error));
  }
}

async function submitSeats() {
  const seats = [...state.map.selected];
  const booking = await changeSeats(state.booking.pnr, seats);
  done(booking, t("changes.seatsChanged", { seats: booking.seats.join(", ") }));
}

// ---------- another departure ----------

async function openTrip() {
  const b = state.booking;
  state.quote = null;
  state.requestId = newRequestId();
  openDialog("trip", t("changes.tripTitle"), t("changes.confirmTrip"));
  const day = addDays(dhakaDateOf(b.departure), 1);
  $("#change-body").html(`
    <p class="text-sm opacity-80">${escapeHtml(t("changes.tripHint"))}</p>
    <label class="fieldset"><span class="fieldset-legend">${escapeHtml(t("changes.date"))}</span>
      <input id="change-date" type="date" class="input" value="${escapeHtml(day)}" /></label>
    <div id="change-trips" class="flex flex-col gap-2" role="radiogroup" aria-label="${escapeHtml(t("changes.trips"))}"></div>
    <div id="change-quote" class="rounded-field bg-base-200 p-3 text-sm" role="status" aria-live="polite" hidden></div>
    <div id="change-trip-map" hidden>${mapMarkup()}</div>`);
  $("#change-date").on("change", () => listTrips());
  $("#change-trips").on("change", "input[name=change-trip]", function () {
    pickTrip(this.value);
  });
  await listTrips();
}

async function listTrips() {
  const b = state.booking;
  stopMap();
  state.quote = null;
  $("#change-quote, #change-trip-map").prop("hidden", true);
  $("#change-submit").prop("disabled", true);
  const date = $("#change-date").val();
  try {
    const trips = ((await searchTrips(b.from, b.to, date)) ?? []).filter((trip) => trip.routeName === b.routeName && trip.tripId !== b.tripId);
    $("#change-trips").html(
      trips.length
        ? trips
            .map(
              (trip) => `<label class="flex cursor-pointer items-center gap-3 rounded-field border border-base-300 p-2">
                <input type="radio" class="radio radio-sm" name="change-trip" value="${escapeHtml(trip.tripId)}" ${trip.salesOpen ? "" : "disabled"} />
                <span class="flex-1">${escapeHtml(when(trip.departure))} · ${escapeHtml(t(`coachClass.${trip.coachClass}`))}</span>
                <span class="font-semibold">${escapeHtml(formatTaka(trip.fare))}</span></label>`,
            )
            .join("")
        : `<p class="text-sm opacity-80">${escapeHtml(t("changes.noTrips"))}</p>`,
    );
  } catch (error) {
    showError(problemText(error));
  }
}

async function pickTrip(tripId) {
  stopMap();
  state.quote = null;
  $("#change-error").prop("hidden", true);
  try {
    const quote = await quoteTripChange(state.booking.pnr, tripId);
    state.quote = quote;
    const due = Number(quote.amountDue);
    const money = due > 0 ? t("changes.youPay", { amount: formatTaka(due) }) : due < 0 ? t("changes.youGetBack", { amount: formatTaka(-due) }) : t("changes.nothingToPay");
    $("#change-quote")
      .attr("data-amount-due", String(due))
      .html(
        `<p>${escapeHtml(t("changes.quoteLine", { fare: formatTaka(quote.newTotal), current: formatTaka(quote.currentTotal), fee: formatTaka(quote.fee) }))}</p>
         <p class="text-base font-bold">${escapeHtml(money)}</p>`,
      )
      .prop("hidden", false);
    $("#change-trip-map").prop("hidden", false);
    await startMap(tripId, []);
  } catch (error) {
    showError(problemText(error));
  }
}

async function submitTrip() {
  const booking = await beginTripChange(state.booking.pnr, {
    tripId: state.quote.tripId,
    seats: [...state.map.selected],
    requestId: state.requestId,
  });
  state.booking = booking;
  state.onChanged(booking);
  if (booking.pendingChange) {
    await openPay();
    return;
  }
  done(booking, t("changes.tripChanged", { when: when(booking.departure) }));
}

// ---------- paying the difference ----------

async function openPay() {
  const pending = state.booking.pendingChange;
  if (!pending) return;
  const simulated = state.booking.payment?.provider === "simulated";
  // A bKash booking pays the difference with bKash too: the wallet, then our callback, which asks bKash.
  const wallet = state.booking.payment?.provider === "bkash";
  openDialog("pay", t("changes.payTitle"), t("changes.payDifference", { amount: formatTaka(pending.quote.amountDue) }));
  $("#change-body").html(`
    <p>${escapeHtml(t("changes.payText", { amount: formatTaka(pending.quote.amountDue), when: when(pending.quote.departure), seats: pending.seats.join(", ") }))}</p>
    ${simulated ? `<p class="text-sm opacity-80">${escapeHtml(t("changes.simulatedText"))}</p>` : wallet ? `<p class="text-sm opacity-80">${escapeHtml(t("book.bkashText"))}</p>` : `<div id="change-stripe" class="min-h-10"></div>`}
    <button id="abandon-change" type="button" class="btn btn-ghost btn-sm w-fit">${escapeHtml(t("changes.abandon"))}</button>`);
  $("#abandon-change").on("click", () => abandon());
  if (simulated || wallet) {
    $("#change-submit").prop("disabled", !simulated && !walletHref(pending.clientSecret));
    return;
  }
  try {
    const Stripe = await loadStripeJs();
    const stripe = Stripe(pending.publishableKey);
    const elements = stripe.elements({ clientSecret: pending.clientSecret, locale: lang() === "bn" ? "auto" : "en" });
    elements.create("payment").mount("#change-stripe");
    state.stripe = { stripe, elements };
    $("#change-submit").prop("disabled", false);
  } catch {
    showError(t("book.stripeLoadError"));
  }
}

async function submitPay() {
  const pnr = state.booking.pnr;
  if (state.booking.payment?.provider === "simulated") {
    const booking = await simulateChangePayment(pnr, "succeeded");
    done(booking, t("changes.tripChanged", { when: when(booking.departure) }));
    return;
  }
  if (state.booking.payment?.provider === "bkash") {
    const href = walletHref(state.booking.pendingChange?.clientSecret);
    if (!href) throw new Error(t("changes.stillConfirming"));
    window.location.assign(href);
    return;
  }
  const { stripe, elements } = state.stripe ?? {};
  const returnUrl = `${window.location.origin}/ticket.html?pnr=${encodeURIComponent(pnr)}`;
  const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: "if_required" });
  if (error) throw new Error(error.type === "card_error" || error.type === "validation_error" ? error.message : t("errors.generic"));
  // The webhook completes the change; wait (bounded) until the booking shows it.
  for (let attempt = 0; attempt < 15; attempt++) {
    const booking = await getBooking(pnr);
    if (!booking.pendingChange) {
      done(booking, t("changes.tripChanged", { when: when(booking.departure) }));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(t("changes.stillConfirming"));
}

async function abandon() {
  try {
    const booking = await abandonTripChange(state.booking.pnr);
    done(booking, t("changes.abandoned"));
  } catch (error) {
    showError(problemText(error));
  }
}

function loadStripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js loaded without Stripe")));
    script.onerror = () => reject(new Error("Stripe.js could not be loaded"));
    document.head.append(script);
  });
}

// ---------- passengers ----------

function openCorrect(seat) {
  const passenger = state.booking.passengers.find((p) => p.seat === seat);
  if (!passenger) return;
  state.seat = seat;
  openDialog("correct", t("changes.correctTitle", { seat }), t("changes.saveCorrection"));
  const genders = ["male", "female", "other"]
    .map((g) => `<option value="${g}" ${passenger.gender === g ? "selected" : ""}>${escapeHtml(t(`book.genders.${g}`))}</option>`)
    .join("");
  $("#change-body").html(`
    <p class="text-sm opacity-80">${escapeHtml(t("changes.correctHint"))}</p>
    <label class="fieldset"><span class="fieldset-legend">${escapeHtml(t("ticket.name"))}</span>
      <input id="correct-name" class="input w-full" maxlength="80" autocomplete="name" value="${escapeHtml(passenger.name)}" /></label>
    <label class="fieldset"><span class="fieldset-legend">${escapeHtml(t("changes.phone"))}</span>
      <input id="correct-phone" class="input w-full" inputmode="tel" autocomplete="tel" value="${escapeHtml(passenger.phone)}" /></label>
    <label class="fieldset"><span class="fieldset-legend">${escapeHtml(t("ticket.gender"))}</span>
      <select id="correct-gender" class="select w-full">${genders}</select></label>`);
  $("#change-submit").prop("disabled", false);
}

async function submitCorrect() {
  const booking = await correctPassenger(state.booking.pnr, state.seat, {
    name: $("#correct-name").val(),
    phone: $("#correct-phone").val(),
    gender: $("#correct-gender").val(),
  });
  done(booking, t("changes.corrected", { seat: state.seat }));
}

function openDrop(seat) {
  const passenger = state.booking.passengers.find((p) => p.seat === seat);
  if (!passenger) return;
  state.seat = seat;
  openDialog("drop", t("changes.dropTitle"), t("changes.confirmDrop"));
  $("#change-body").html(`<p>${escapeHtml(t("changes.dropText", { name: passenger.name, seat }))}</p>`);
  $("#change-submit").prop("disabled", false);
}

async function submitDrop() {
  const booking = await cancelPassenger(state.booking.pnr, state.seat);
  const refund = (booking.changeRefunds ?? []).at(-1);
  done(booking, t("changes.dropped", { seat: state.seat, amount: formatTaka(refund?.amount ?? 0) }));
}

function when(iso) {
  return `${formatTime(iso)}, ${formatDate(iso)}`;
}
