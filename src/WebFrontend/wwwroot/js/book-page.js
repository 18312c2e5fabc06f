// Passenger details and payment (/book.html?hold={holdId}). Once the booking exists the URL becomes
// /book.html?pnr={pnr}, so a reload (or Stripe's return after a redirect-based payment method) resumes at the
// payment step instead of posting the hold twice. The server decides every outcome; this page shows it.
import {
  ApiError,
  createBooking,
  getBooking,
  getHold,
  getTrip,
  serverNow,
  simulatePayment,
} from "./api.js";
import {
  bookingRequest,
  closingReason,
  fieldIdForProblemKey,
  GENDERS,
  normalizeBdPhone,
  pollBooking,
  remainingMs,
  statusBadgeClass,
  validateContact,
  validatePassenger,
} from "./booking-model.js";
import {
  applyI18n,
  formatCountdown,
  formatDate,
  formatTaka,
  formatTime,
  lang,
  onLangChange,
  routeName,
  stopName,
  t,
} from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { coachClassBadge, problemText } from "./ui.js";

const $ = window.jQuery;
const STRIPE_JS = "https://js.stripe.com/v3/";

const page = {
  hold: null,
  trip: null,
  booking: null,
  /** {tripId, from, to, seats, perSeat, total, departure, arrival, routeName, routeNameBn, coachClass, fromName, toName} */
  summary: null,
  expiresAt: null,
  expired: false,
  warned: false,
  step: null,
  submitting: false,
  paying: false,
  /** Polling for the payment outcome is under way. */
  waiting: false,
  /** The payment outcome did not arrive within the polling budget. */
  slow: false,
  /** Client-side field errors as i18n keys by input id, so a language switch re-words them. */
  fieldErrors: new Map(),
  /** Server field errors as text by input id (worded by the server; left as they are). */
  serverErrors: new Map(),
  showErrors: false,
  /** The message above the form: {key, params} (re-worded on a language switch) or {text} from the server. */
  formError: null,
  contactEdited: false,
  stripe: null,
  timer: null,
};

await startPage();
onLangChange(() => {
  if (!page.summary) return;
  renderSummary();
  renderFieldErrors();
  renderFormError();
  if (page.booking) renderBookingBar();
  if (page.step === "payment") renderPaymentPanel();
  if (page.step === "ticket") renderResult();
  tick();
});
await load();

// ---------- loading ----------

async function load() {
  const params = new URLSearchParams(window.location.search);
  const pnr = params.get("pnr");
  if (pnr) return resume(pnr);
  const holdId = params.get("hold");
  if (!holdId) return showLoadError(t("book.missingHold"));

  let hold;
  try {
    hold = await getHold(holdId);
  } catch (error) {
    const gone = error instanceof ApiError && (error.status === 404 || error.status === 403 || error.status === 409);
    return showLoadError(gone ? t("book.holdGone") : problemText(error));
  }
  page.hold = hold;
  page.trip = await getTrip(hold.tripId).catch(() => null);
  page.summary = summaryFromHold(hold, page.trip);
  page.expiresAt = hold.expiresAt;
  showView();
  buildPassengerForm(hold.seats.map(String));
  showStep("details");
  startTimer();
}

/** /book.html?pnr=…: after creating the booking, a reload, or Stripe's return_url. */
async function resume(pnr) {
  let booking;
  try {
    booking = await getBooking(pnr);
  } catch (error) {
    return showLoadError(error instanceof ApiError && error.status === 404 ? t("ticket.notFound") : problemText(error), {
      href: "/bookings.html",
      key: "ticket.findBooking",
    });
  }
  page.trip = await getTrip(booking.tripId).catch(() => null);
  page.summary = summaryFromBooking(booking, page.trip);
  showView();
  setBooking(booking);
  if (booking.status !== "PendingPayment") return showStep("ticket");
  showStep("payment");
  startTimer();
  // Back from a redirect-based payment method, or payment already sent: wait for the outcome.
  const params = new URLSearchParams(window.location.search);
  if (params.has("redirect_status") || booking.payment?.status === "Succeeded") await waitForOutcome();
}

function summaryFromHold(hold, trip) {
  const stops = trip?.stops ?? [];
  const fromIndex = stops.findIndex((s) => String(s.stopId) === String(hold.from));
  const toIndex = stops.findIndex((s) => String(s.stopId) === String(hold.to));
  const seats = hold.seats.map(String);
  const total = Number(hold.amount ?? 0);
  return {
    tripId: hold.tripId,
    from: hold.from,
    to: hold.to,
    seats,
    total,
    perSeat: seats.length ? total / seats.length : 0,
    fromStop: stops[fromIndex] ?? null,
    toStop: stops[toIndex] ?? null,
    departure: stops[fromIndex]?.departure ?? null,
    arrival: stops[toIndex]?.departure ?? null,
    routeName: trip?.routeName ?? "",
    routeNameBn: trip?.routeNameBn ?? "",
    coachClass: trip?.coachClass ?? null,
    fromName: String(hold.from),
    toName: String(hold.to),
  };
}

function summaryFromBooking(booking, trip) {
  const stops = trip?.stops ?? [];
  return {
    tripId: booking.tripId,
    from: booking.from,
    to: booking.to,
    seats: (booking.seats ?? []).map(String),
    total: Number(booking.fare?.total ?? 0),
    perSeat: Number(booking.fare?.perSeat ?? 0),
    fromStop: stops.find((s) => String(s.stopId) === String(booking.from)) ?? null,
    toStop: stops.find((s) => String(s.stopId) === String(booking.to)) ?? null,
    departure: booking.departure,
    arrival: booking.arrival,
    routeName: booking.routeName ?? "",
    routeNameBn: booking.routeNameBn ?? "",
    coachClass: booking.coachClass ?? null,
    fromName: booking.fromName ?? String(booking.from),
    toName: booking.toName ?? String(booking.to),
  };
}

function seatMapHref() {
  const s = page.summary;
  if (!s?.tripId || !s.from || !s.to) return "/";
  return `/trip.html?${new URLSearchParams({ trip: s.tripId, from: String(s.from), to: String(s.to) })}`;
}

function showLoadError(message, link = { href: "/", key: "book.searchAgain" }) {
  $("#book-loading").prop("hidden", true);
  $("#book-error-text").text(message);
  $("#book-error-link").attr("href", link.href).attr("data-i18n", link.key).text(t(link.key));
  $("#book-error").prop("hidden", false);
}

function showView() {
  $("#book-loading").prop("hidden", true);
  $("#book-view").prop("hidden", false);
  $("#back-link, .seat-map-link").attr("href", seatMapHref());
  renderSummary();
}

function showStep(step) {
  page.step = step;
  $("#details-step").prop("hidden", step !== "details");
  $("#payment-step").prop("hidden", step !== "payment");
  $("#result-step").prop("hidden", step !== "ticket");
  const order = ["details", "payment", "ticket"];
  $("#book-steps .step").each(function () {
    const done = order.indexOf(this.dataset.step) <= order.indexOf(step);
    this.classList.toggle("step-primary", done);
    if (this.dataset.step === step) this.setAttribute("aria-current", "step");
    else this.removeAttribute("aria-current");
  });
  // The countdown matters only while the passenger still has something to do before the hold ends.
  $("#countdown-box").prop("hidden", step === "ticket" || !page.expiresAt);
  $("#back-link").prop("hidden", step !== "details");
  if (step === "payment") renderPaymentPanel();
  if (step === "ticket") renderResult();
}

// ---------- summary and countdown ----------

function renderSummary() {
  const s = page.summary;
  const route = routeName(s);
  document.title = `${route ? `${route} · ` : ""}${t("book.pageTitle")}`;
  $("#summary-route").text(route);
  $("#summary-class").html(s.coachClass ? coachClassBadge(s.coachClass) : "");
  const from = s.fromStop ? stopName(s.fromStop) : s.fromName;
  const to = s.toStop ? stopName(s.toStop) : s.toName;
  $("#summary-leg")
    .html(`<span>${escapeHtml(from)}</span> ${icon("arrowRight", "inline size-4 align-[-2px]")} <span>${escapeHtml(to)}</span>`)
    .attr("aria-label", t("booking.leg", { from, to }));
  $("#summary-when").html(
    s.departure
      ? `<time datetime="${escapeHtml(s.departure)}">${escapeHtml(formatTime(s.departure))}, ${escapeHtml(formatDate(s.departure))}</time>`
      : "",
  );
  $("#summary-seats").html(s.seats.map((label) => `<span class="badge badge-secondary">${escapeHtml(label)}</span>`).join(""));
  $("#summary-fare").text(s.perSeat ? t("book.farePerSeat", { fare: formatTaka(s.perSeat), count: s.seats.length }) : "");
  $("#summary-total").text(formatTaka(s.total));
  $("#amount-due").text(formatTaka(s.total));
}

function startTimer() {
  if (page.timer) return;
  tick();
  page.timer = window.setInterval(tick, 1000);
}

/** Once a second: the hold countdown, and the expired state when it reaches zero. */
function tick() {
  if (!page.expiresAt || page.step === "ticket") return;
  const left = remainingMs(page.expiresAt, serverNow());
  $("#hold-countdown").text(formatCountdown(left)).toggleClass("text-error", left <= 60000);
  if (left > 0 && left <= 60000 && !page.warned) {
    page.warned = true;
    announce(t("book.oneMinute"));
  }
  // A payment already on its way is left to finish: the server settles late payments (seats re-held or refunded).
  if (left === 0 && !page.expired && !page.paying) markExpired();
}

function markExpired() {
  page.expired = true;
  $("#hold-expired").prop("hidden", false);
  $("#passenger-form :input").prop("disabled", true);
  $("#payment-panel button").prop("disabled", true);
  $("#payment-step").prop("hidden", true);
  $("#details-step").prop("hidden", true);
  announce(`${t("book.expiredTitle")}. ${t("book.expired")}`);
  document.getElementById("hold-expired").scrollIntoView({ block: "nearest" });
  // The server expires an unpaid booking on its own timer; show its final word once it has spoken.
  if (page.booking) window.setTimeout(refreshAfterExpiry, 3000);
}

async function refreshAfterExpiry() {
  try {
    const booking = await getBooking(page.booking.pnr);
    setBooking(booking);
    if (booking.status !== "PendingPayment") finish(booking);
  } catch {
    // The expiry message already tells the passenger what to do.
  }
}

// ---------- passenger form ----------

function buildPassengerForm(seats) {
  const list = document.getElementById("passenger-list");
  list.innerHTML = seats.map((seat, index) => passengerFieldset(seat, index)).join("");
  applyI18n(list);
  const form = document.getElementById("passenger-form");
  $(form).on("submit", (event) => {
    event.preventDefault();
    submit();
  });
  // Errors appear on leaving a field (or after a submit attempt), never while the first characters are typed.
  $(form).on("blur", "input[type=text], input[type=tel], input[type=email]", function () {
    if (this.value.trim() || page.showErrors) validateField(this.id);
  });
  $(form).on("input change", "input", function () {
    const id = this.type === "radio" ? this.name : this.id;
    page.serverErrors.delete(id);
    if (page.fieldErrors.has(id) || page.showErrors) validateField(id);
    else renderFieldError(id);
  });
  $("#contact-phone").on("input", () => {
    page.contactEdited = true;
  });
  // Most people book for themselves: the first passenger's number is a good contact default.
  $("#p0-phone").on("blur", function () {
    const contact = document.getElementById("contact-phone");
    if (!page.contactEdited && !contact.value.trim() && normalizeBdPhone(this.value)) contact.value = this.value.trim();
  });
}

function passengerFieldset(seat, index) {
  const id = `p${index}`;
  const params = escapeHtml(JSON.stringify({ n: index + 1, seat }));
  const genders = GENDERS.map(
    (g) => `
        <label class="flex cursor-pointer items-center gap-2 rounded-field border border-base-300 px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-primary/10">
          <input type="radio" class="radio radio-sm radio-primary" name="${id}-gender" id="${id}-gender-${g}" value="${g}" />
          <span class="text-sm" data-i18n="book.genders.${g}"></span>
        </label>`,
  ).join("");
  return `
    <fieldset class="passenger-fieldset fieldset rounded-box border border-base-300 bg-base-100 p-4 shadow-sm" data-index="${index}" data-seat="${escapeHtml(seat)}">
      <legend class="fieldset-legend flex items-center gap-2 px-1 text-base">
        ${icon("user", "size-4")}<span data-i18n="book.passenger" data-i18n-params="${params}"></span>
      </legend>
      <div class="grid gap-3 sm:grid-cols-2">
        <div>
          <label for="${id}-name" class="label mb-1 text-sm font-medium text-base-content" data-i18n="book.name"></label>
          <input id="${id}-name" name="${id}-name" type="text" class="input w-full" required maxlength="100"
                 autocomplete="${index === 0 ? "name" : "off"}" aria-describedby="${id}-name-error" />
          <p id="${id}-name-error" class="field-error mt-1 text-sm text-error" hidden></p>
        </div>
        <div>
          <label for="${id}-phone" class="label mb-1 text-sm font-medium text-base-content" data-i18n="book.phone"></label>
          <input id="${id}-phone" name="${id}-phone" type="tel" inputmode="tel" class="input w-full" required
                 autocomplete="${index === 0 ? "tel" : "off"}" placeholder="01XXXXXXXXX" aria-describedby="${id}-phone-hint ${id}-phone-error" />
          <p id="${id}-phone-hint" class="mt-1 text-xs opacity-75" data-i18n="book.phoneHint"></p>
          <p id="${id}-phone-error" class="field-error mt-1 text-sm text-error" hidden></p>
        </div>
      </div>
      <div id="${id}-gender" role="radiogroup" aria-required="true" aria-labelledby="${id}-gender-label" aria-describedby="${id}-gender-error" tabindex="-1" class="mt-1">
        <span id="${id}-gender-label" class="mb-1 block text-sm font-medium" data-i18n="book.gender"></span>
        <div class="flex flex-wrap gap-2">${genders}</div>
        <p id="${id}-gender-error" class="field-error mt-1 text-sm text-error" hidden></p>
      </div>
    </fieldset>`;
}

function readForm() {
  const passengers = $(".passenger-fieldset")
    .toArray()
    .map((fieldset) => {
      const id = `p${fieldset.dataset.index}`;
      return {
        name: $(`#${id}-name`).val(),
        phone: $(`#${id}-phone`).val(),
        gender: $(`input[name="${id}-gender"]:checked`).val() ?? "",
      };
    });
  return { passengers, contact: { phone: $("#contact-phone").val(), email: $("#contact-email").val() } };
}

/** Re-checks one field (an input id, or a radio group id like "p0-gender") and shows or clears its error. */
function validateField(id) {
  const { passengers, contact } = readForm();
  const passenger = /^p(\d+)-(name|phone|gender)$/.exec(id);
  let key = null;
  if (passenger) key = validatePassenger(passengers[Number(passenger[1])])[passenger[2]];
  else if (id === "contact-phone" || id === "contact-email") key = validateContact(contact)[id.slice("contact-".length)];
  else return;
  const field = passenger ? passenger[2] : id.slice("contact-".length);
  if (key) page.fieldErrors.set(id, `book.fieldErrors.${field}.${key}`);
  else page.fieldErrors.delete(id);
  renderFieldError(id);
}

function validateAll() {
  const { passengers, contact } = readForm();
  page.fieldErrors.clear();
  passengers.forEach((p, index) => {
    for (const [field, key] of Object.entries(validatePassenger(p))) page.fieldErrors.set(`p${index}-${field}`, `book.fieldErrors.${field}.${key}`);
  });
  for (const [field, key] of Object.entries(validateContact(contact))) page.fieldErrors.set(`contact-${field}`, `book.fieldErrors.${field}.${key}`);
  renderFieldErrors();
  return page.fieldErrors.size === 0;
}

function renderFieldErrors() {
  for (const el of document.querySelectorAll("#passenger-form .field-error")) renderFieldError(el.id.replace(/-error$/, ""));
}

function renderFieldError(id) {
  const message = page.serverErrors.get(id) ?? (page.fieldErrors.has(id) ? t(page.fieldErrors.get(id)) : "");
  const error = document.getElementById(`${id}-error`);
  if (!error) return;
  error.textContent = message;
  error.hidden = !message;
  const target = document.getElementById(id);
  if (!target) return;
  if (target.getAttribute("role") === "radiogroup") {
    target.setAttribute("aria-invalid", message ? "true" : "false");
    target.querySelectorAll("input").forEach((radio) => radio.classList.toggle("radio-error", Boolean(message)));
  } else {
    target.setAttribute("aria-invalid", message ? "true" : "false");
    target.classList.toggle("input-error", Boolean(message));
  }
}

function errorIds() {
  const ids = new Set([...page.fieldErrors.keys(), ...page.serverErrors.keys()]);
  // Document order, so focus lands on the first problem the passenger sees.
  return [...document.querySelectorAll("#passenger-form [id]")].map((el) => el.id).filter((id) => ids.has(id));
}

function focusFirstError() {
  const id = errorIds()[0];
  if (!id) return;
  const target = document.getElementById(id);
  const focusable = target.getAttribute("role") === "radiogroup" ? target.querySelector("input") : target;
  focusable?.focus();
}

function showFormError(error) {
  page.formError = error;
  renderFormError();
}

function renderFormError() {
  const error = page.formError;
  if (!error) {
    $("#form-error").prop("hidden", true).empty();
    return;
  }
  const message = error.key ? t(error.key, error.params) : error.text;
  $("#form-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
}

async function submit() {
  if (page.submitting || page.expired) return;
  page.showErrors = true;
  page.serverErrors.clear();
  showFormError(null);
  if (!validateAll()) {
    const count = errorIds().length;
    showFormError({ key: "book.fixErrors", params: { count } });
    announce(t("book.fixErrors", { count }));
    focusFirstError();
    return;
  }
  const { passengers, contact } = readForm();
  setSubmitting(true);
  try {
    // The page's language is the passenger's: confirmations and reminders are written in it.
    const booking = await createBooking({ ...bookingRequest(page.hold.holdId, passengers, contact), language: lang() });
    // From now on the page is about this booking: a reload must not post the hold again.
    history.replaceState(null, "", `/book.html?pnr=${encodeURIComponent(booking.pnr)}`);
    page.summary = summaryFromBooking(booking, page.trip);
    renderSummary();
    setBooking(booking);
    showStep(booking.status === "PendingPayment" ? "payment" : "ticket");
    announce(`${t("book.pnr")}: ${booking.pnr}`);
    document.getElementById("booking-bar").scrollIntoView({ block: "nearest" });
  } catch (error) {
    handleSubmitError(error);
  } finally {
    setSubmitting(false);
  }
}

function handleSubmitError(error) {
  if (error instanceof ApiError && ["hold-not-found", "hold-expired", "not-hold-owner"].includes(error.code)) {
    markExpired();
    return;
  }
  const fieldErrors = error instanceof ApiError ? error.problem?.errors : null;
  if (fieldErrors && typeof fieldErrors === "object") {
    const loose = [];
    for (const [key, messages] of Object.entries(fieldErrors)) {
      const text = (Array.isArray(messages) ? messages : [messages]).join(" ");
      const id = fieldIdForProblemKey(key);
      if (id && document.getElementById(`${id}-error`)) page.serverErrors.set(id, text);
      else loose.push(text);
    }
    renderFieldErrors();
    showFormError({ text: loose.length ? loose.join(" ") : problemText(error) });
    focusFirstError();
    return;
  }
  showFormError({ text: problemText(error) });
  document.getElementById("form-error").focus();
}

function setSubmitting(on) {
  page.submitting = on;
  const button = $("#submit-booking");
  button.prop("disabled", on);
  button.find(".loading").prop("hidden", !on);
  button.find(".submit-label").attr("data-i18n", on ? "book.submitting" : "book.submit").text(t(on ? "book.submitting" : "book.submit"));
}

// ---------- booking and payment ----------

function setBooking(booking) {
  page.booking = booking;
  if (booking.status === "PendingPayment" && booking.holdExpiresAt) {
    page.expiresAt = booking.holdExpiresAt;
    page.warned = false;
  }
  renderBookingBar();
}

function renderBookingBar() {
  const booking = page.booking;
  $("#booking-bar").prop("hidden", false);
  $("#booking-pnr").text(booking.pnr);
  $("#booking-status")
    .attr("data-status", booking.status)
    .attr("class", `badge ${statusBadgeClass(booking.status)}`)
    .text(t(`booking.status.${booking.status}`));
}

function renderPaymentPanel() {
  const payment = page.booking.payment ?? {};
  const panel = document.getElementById("payment-panel");
  panel.dataset.provider = payment.provider ?? "";
  if (payment.provider === "stripe") {
    // The mounted Payment Element keeps its own state; only re-word the text around it.
    if (!page.stripe) mountStripe(panel, payment);
    else renderStripeText();
    return;
  }
  const amount = formatTaka(page.summary.total);
  panel.innerHTML = `
    <div class="flex flex-col gap-3 rounded-box border-2 border-dashed border-warning bg-warning/10 p-4">
      <div class="flex items-start gap-3">
        ${icon("flask", "size-6 shrink-0 text-warning")}
        <div>
          <h2 class="font-bold">${escapeHtml(t("book.testTitle"))}</h2>
          <p class="text-sm">${escapeHtml(t("book.testText"))}</p>
        </div>
      </div>
      <div class="flex flex-col gap-2 sm:flex-row">
        <button id="pay-test" type="button" class="btn btn-primary sm:flex-1" data-outcome="succeeded">
          <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
          ${escapeHtml(t("book.payTest", { amount }))}</button>
        <button id="fail-test" type="button" class="btn btn-outline btn-error sm:flex-1" data-outcome="failed">
          <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
          ${escapeHtml(t("book.failTest"))}</button>
      </div>
    </div>`;
  $(panel).find("button").prop("disabled", page.paying || page.expired);
  $(panel)
    .off("click")
    .on("click", "button[data-outcome]", function () {
      paySimulated(this.dataset.outcome, this);
    });
}

async function paySimulated(outcome, button) {
  if (page.paying || page.expired) return;
  page.paying = true;
  $("#payment-error").prop("hidden", true);
  $("#payment-panel button").prop("disabled", true);
  $(button).find(".loading").prop("hidden", false);
  try {
    const answer = await simulatePayment(page.booking.pnr, outcome);
    const booking = answer?.pnr ? answer : await getBooking(page.booking.pnr);
    setBooking(booking);
    if (booking.status === "PendingPayment") await waitForOutcome();
    else finish(booking);
  } catch (error) {
    showPaymentError(problemText(error));
    $(button).find(".loading").prop("hidden", true);
    $("#payment-panel button").prop("disabled", page.expired);
  } finally {
    page.paying = false;
  }
}

function loadStripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js loaded without Stripe")));
    script.onerror = () => reject(new Error("Stripe.js could not be loaded"));
    document.head.append(script);
  });
}

async function mountStripe(panel, payment) {
  panel.innerHTML = `
    <div class="flex flex-col gap-3">
      <div class="flex items-start gap-3">
        ${icon("card", "size-6 shrink-0 text-primary")}
        <div>
          <h2 class="font-bold" data-i18n="book.stripeTitle"></h2>
          <p class="text-sm opacity-80" data-i18n="book.stripeText"></p>
        </div>
      </div>
      <div id="stripe-loading" class="flex items-center gap-2 text-sm" role="status">
        <span class="loading loading-spinner loading-sm" aria-hidden="true"></span><span data-i18n="book.stripeLoading"></span>
      </div>
      <div id="stripe-element" class="min-h-10"></div>
      <button id="stripe-pay" type="button" class="btn btn-primary" disabled>
        <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
        <span class="pay-label"></span>
      </button>
    </div>`;
  page.stripe = { loading: true };
  renderStripeText();
  if (!payment.publishableKey || !payment.clientSecret) {
    // No secret means nothing is left to pay here (already paid, or payment is over): wait for the outcome.
    $("#stripe-loading").prop("hidden", true);
    await waitForOutcome();
    return;
  }
  try {
    const Stripe = await loadStripeJs();
    const stripe = Stripe(payment.publishableKey);
    // Stripe has no Bangla; "auto" follows the browser, which is the best it can do for Bangla readers.
    const elements = stripe.elements({ clientSecret: payment.clientSecret, locale: lang() === "bn" ? "auto" : "en" });
    const element = elements.create("payment");
    page.stripe = { stripe, elements, element };
    element.on("ready", () => {
      $("#stripe-loading").prop("hidden", true);
      $("#stripe-pay").prop("disabled", page.expired);
    });
    element.on("loaderror", () => showPaymentError(t("book.stripeLoadError")));
    element.mount("#stripe-element");
    $("#stripe-pay").on("click", () => payStripe());
  } catch {
    page.stripe = null;
    $("#stripe-loading").prop("hidden", true);
    showPaymentError(t("book.stripeLoadError"));
  }
}

function renderStripeText() {
  applyI18n(document.getElementById("payment-panel"));
  $("#stripe-pay .pay-label").text(t("book.stripePay", { amount: formatTaka(page.summary.total) }));
}

async function payStripe() {
  const { stripe, elements } = page.stripe ?? {};
  if (!stripe || page.paying || page.expired) return;
  page.paying = true;
  $("#payment-error").prop("hidden", true);
  $("#stripe-pay").prop("disabled", true).find(".loading").prop("hidden", false);
  try {
    const returnUrl = `${window.location.origin}/book.html?pnr=${encodeURIComponent(page.booking.pnr)}`;
    const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: "if_required" });
    if (error) {
      // Card and validation errors come worded by Stripe for the passenger; anything else gets ours.
      showPaymentError(error.type === "card_error" || error.type === "validation_error" ? error.message : t("errors.generic"));
      $("#stripe-pay").prop("disabled", page.expired).find(".loading").prop("hidden", true);
      return;
    }
    await waitForOutcome();
  } finally {
    page.paying = false;
  }
}

/** Polls the booking (bounded, spinner visible) until the payment outcome is known, then shows it. */
async function waitForOutcome() {
  if (page.waiting) return;
  page.waiting = true;
  page.paying = true;
  $("#payment-panel").prop("hidden", true);
  $("#payment-waiting").prop("hidden", false);
  announce(t("book.confirming"));
  try {
    const { booking, settled } = await pollBooking(() => getBooking(page.booking.pnr));
    if (booking) setBooking(booking);
    if (settled) finish(booking);
    else finishSlow();
  } catch (error) {
    $("#payment-waiting").prop("hidden", true);
    $("#payment-panel").prop("hidden", false);
    showPaymentError(problemText(error));
  } finally {
    page.paying = false;
    page.waiting = false;
  }
}

function finish(booking) {
  page.booking = booking;
  page.slow = false;
  $("#hold-expired").prop("hidden", true);
  showStep("ticket");
  document.getElementById("result-title").focus();
}

function finishSlow() {
  page.slow = true;
  $("#hold-expired").prop("hidden", true);
  showStep("ticket");
  document.getElementById("result-title").focus();
}

function showPaymentError(message) {
  $("#payment-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
  document.getElementById("payment-error").focus();
}

// ---------- result ----------

function renderResult() {
  const booking = page.booking;
  const ticketHref = `/ticket.html?pnr=${encodeURIComponent(booking.pnr)}`;
  const ticketLink = (key, style = "btn-primary") =>
    `<a id="view-ticket" class="btn ${style}" href="${escapeHtml(ticketHref)}">${icon("ticket", "size-5")}${escapeHtml(t(key))}</a>`;
  const seatsLink = `<a class="seat-map-link btn btn-outline" href="${escapeHtml(seatMapHref())}">${icon("arrowLeft", "size-4")}${escapeHtml(t("book.tryAgain"))}</a>`;
  let view;
  if (page.slow || booking.status === "PendingPayment") {
    view = { tone: "warning", iconName: "clock", title: "book.slowTitle", text: t("book.slow"), actions: ticketLink("book.openBooking") };
  } else if (booking.status === "Confirmed") {
    view = { tone: "success", iconName: "check", title: "book.successTitle", text: t("book.success"), actions: ticketLink("book.viewTicket") };
  } else if (booking.status === "Refunded") {
    const amount = formatTaka(booking.refund?.amount ?? booking.fare?.total ?? 0);
    view = { tone: "info", iconName: "info", title: "book.refundedTitle", text: t("book.refunded", { amount }), actions: ticketLink("book.openBooking", "btn-outline") + seatsLink };
  } else if (booking.status === "Expired") {
    view = { tone: "warning", iconName: "clock", title: "book.expiredBookingTitle", text: t("book.expiredBooking"), actions: seatsLink };
  } else if (booking.status === "PaymentFailed") {
    view = { tone: "error", iconName: "x", title: "book.failedTitle", text: t("book.failed"), actions: seatsLink };
  } else {
    view = { tone: "info", iconName: "info", title: `booking.status.${booking.status}`, text: t(`booking.statusText.${booking.status}`), actions: ticketLink("book.openBooking") };
  }
  const tones = {
    success: ["border-success", "bg-success text-success-content"],
    error: ["border-error", "bg-error text-error-content"],
    warning: ["border-warning", "bg-warning text-warning-content"],
    info: ["border-info", "bg-info text-info-content"],
  }[view.tone];
  $("#result-step").attr("class", `card border-2 bg-base-100 shadow-sm ${tones[0]}`).attr("data-outcome", booking.status);
  $("#result-icon").attr("class", `grid size-10 shrink-0 place-items-center rounded-full ${tones[1]}`).html(icon(view.iconName, "size-6"));
  $("#result-title").text(t(view.title));
  $("#result-text").text(view.text);
  const reason = booking.status === "Confirmed" || page.slow ? "" : closingReason(booking);
  $("#result-reason").text(reason ? t("book.reason", { reason }) : "").prop("hidden", !reason);
  $("#result-actions").html(view.actions);
  announce(`${t(view.title)}. ${view.text}`);
}
