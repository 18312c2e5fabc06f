// Passenger details and payment (/book.html?hold={holdId}). Once the booking exists the URL becomes
// /book.html?pnr={pnr}, so a reload (or Stripe's return after a redirect-based payment method) resumes at the
// payment step instead of posting the hold twice. The server decides every outcome; this page shows it.
// The passenger form is book-form.js, the payment step book-payment.js, and the pure rules book-model.js.
import { ApiError, createBooking, getBooking, getHold, getPaymentMethods, getTrip, serverNow } from "./api.js";
import { currentUser } from "./auth.js";
import { passengerForm } from "./book-form.js";
import {
  RESULT_TONES,
  bookingBody,
  contactPhoneDefault,
  dhakaDay,
  fareLines,
  holdFare,
  methodLabelKey,
  needsPassports,
  paymentMethodChoices,
  pointChoices,
  resultView,
  seatMapHref as seatMapHrefOf,
  summaryFromBooking,
  summaryFromHold,
} from "./book-model.js";
import { paymentStep } from "./book-payment.js";
import { remainingMs, statusBadgeClass } from "./booking-model.js";
import { fareLineHtml, pointName, stopNamer } from "./fare-view.js";
import {
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
  /** The passenger form's controls (book-form.js), once built. */
  form: null,
  /** The message above the form: {key, params} (re-worded on a language switch) or {text} from the server. */
  formError: null,
  stripe: null,
  timer: null,
  /** The payment methods offered ({methods, selected}) and the one the passenger picked. */
  methods: { methods: [], selected: "card" },
  method: "card",
  /** Boarding and dropping points offered for the held leg ({boarding, dropping}) and the ids picked. */
  points: { boarding: [], dropping: [] },
  boardingPoint: "",
  droppingPoint: "",
};
const payment = paymentStep(page, { setBooking, finish, finishSlow });

await startPage();
onLangChange(() => {
  if (!page.summary) return;
  renderSummary();
  page.form?.renderErrors();
  renderFormError();
  if (page.step === "details") {
    renderMethods();
    renderPoints();
  }
  if (page.booking) renderBookingBar();
  if (page.step === "payment") payment.render();
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
  page.form = passengerForm(hold.seats.map(String), {
    onSubmit: submit,
    crossBorder: needsPassports(page.trip, hold.from, hold.to),
    travelDay: dhakaDay(page.summary.departure),
    contactPhone: contactPhoneDefault(currentUser()),
  });
  page.points = pointChoices(page.trip, hold.from, hold.to);
  page.boardingPoint = page.points.boarding[0]?.id ?? "";
  page.droppingPoint = page.points.dropping[0]?.id ?? "";
  renderPoints();
  page.methods = paymentMethodChoices(await getPaymentMethods().catch(() => []));
  page.method = page.methods.selected;
  renderMethods();
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
  // Back from bKash (our callback has already asked bKash), from a redirect-based Stripe method, or payment already
  // sent: wait for the outcome.
  if (params.has("bkash") || params.has("redirect_status") || booking.payment?.status === "Succeeded") await payment.waitForOutcome();
}

/** The payment method choice above the submit button: text buttons (no logos), bKash first; hidden with one method. */
function renderMethods() {
  const { methods } = page.methods;
  $("#method-fieldset").prop("hidden", methods.length < 2);
  $("#method-options").html(
    methods
      .map(
        (m) =>
          `<input type="radio" name="payment-method" id="pay-method-${escapeHtml(m.method)}" value="${escapeHtml(m.method)}"
             class="join-item btn btn-outline sm:min-w-32" aria-label="${escapeHtml(t(methodLabelKey(m.method)))}"${m.method === page.method ? " checked" : ""} />`,
      )
      .join(""),
  );
  $("#method-options input").on("change", function () {
    page.method = this.value;
  });
}

/** The boarding and dropping point choices (defaults: the searched stops' first points), with reporting times. */
function renderPoints() {
  const { boarding, dropping } = page.points;
  $("#points-fieldset").prop("hidden", boarding.length === 0 && dropping.length === 0);
  const options = (list, selected, withTime) =>
    list
      .map((p) => {
        const text = withTime ? t("book.pointReport", { point: pointName(p), time: formatTime(p.at) }) : pointName(p);
        return `<option value="${escapeHtml(p.id)}"${p.id === selected ? " selected" : ""}>${escapeHtml(text)}</option>`;
      })
      .join("");
  $("#boarding-point").html(options(boarding, page.boardingPoint, true)).off("change").on("change", function () {
    page.boardingPoint = this.value;
    renderSummary();
  });
  $("#dropping-point").html(options(dropping, page.droppingPoint, false)).off("change").on("change", function () {
    page.droppingPoint = this.value;
    renderSummary();
  });
}

function seatMapHref() {
  return seatMapHrefOf(page.summary);
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
  $("#countdown-box, #countdown-bar").prop("hidden", step === "ticket" || !page.expiresAt);
  $("#back-link").prop("hidden", step !== "details");
  if (step === "payment") payment.render();
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
  // Legs, charges and discount: from the booking once it exists, else the hold's legs (charges follow the method).
  const fare = page.booking?.fare ?? s.fare ?? (page.hold ? holdFare(page.hold, page.trip) : null);
  const lines = fareLines(fare, { perSeat: s.perSeat, seats: s.seats.length, total: s.total });
  $("#summary-breakdown").html(lines.slice(0, -1).map((line) => fareLineHtml(line, stopNamer(page.trip?.stops))).join(""));
  $("#summary-charges-note").prop("hidden", Boolean(page.booking));
  $("#summary-total").text(formatTaka(lines.at(-1).amount));
  renderSummaryPoints();
  $("#amount-due").text(formatTaka(s.total));
}

/** Where the passenger gets on (and when to be there) and off: the booking's points, or the ones picked so far. */
function renderSummaryPoints() {
  const booking = page.booking;
  const boarding = booking?.boarding ?? page.points.boarding.find((p) => p.id === page.boardingPoint);
  const dropping = booking?.dropping ?? page.points.dropping.find((p) => p.id === page.droppingPoint);
  $("#summary-points")
    .text(boarding && dropping ? t("book.pointsSummary", { boarding: pointName(boarding), time: formatTime(boarding.at), dropping: pointName(dropping) }) : "")
    .prop("hidden", !(boarding && dropping));
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
  $("#hold-countdown, #hold-countdown-bar").text(formatCountdown(left)).toggleClass("text-error", left <= 60000);
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
  showFormError(null);
  if (!page.form.validateAll()) {
    const count = page.form.errorIds().length;
    showFormError({ key: "book.fixErrors", params: { count } });
    announce(t("book.fixErrors", { count }));
    page.form.focusFirstError();
    return;
  }
  const { passengers, contact } = page.form.read();
  setSubmitting(true);
  try {
    // The page's language is the passenger's: confirmations and reminders are written in it.
    const booking = await createBooking({
      ...bookingBody(page.hold.holdId, { passengers, contact }, {
        boardingPoint: page.boardingPoint,
        droppingPoint: page.droppingPoint,
        crossBorder: needsPassports(page.trip, page.hold.from, page.hold.to),
      }),
      language: lang(),
      paymentMethod: page.method,
    });
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
    const loose = page.form.showServerErrors(fieldErrors);
    showFormError({ text: loose.length ? loose.join(" ") : problemText(error) });
    page.form.focusFirstError();
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

// ---------- result ----------

function renderResult() {
  const booking = page.booking;
  const view = resultView(booking, page.slow, formatTaka);
  const ticketHref = `/ticket.html?pnr=${encodeURIComponent(booking.pnr)}`;
  const link = (action) =>
    action.kind === "ticket"
      ? `<a id="view-ticket" class="btn ${action.style}" href="${escapeHtml(ticketHref)}">${icon("ticket", "size-5")}${escapeHtml(t(action.key))}</a>`
      : `<a class="seat-map-link btn btn-outline" href="${escapeHtml(seatMapHref())}">${icon("arrowLeft", "size-4")}${escapeHtml(t("book.tryAgain"))}</a>`;
  const text = t(view.text.key, view.text.params);
  const tones = RESULT_TONES[view.tone];
  $("#result-step").attr("class", `card border-2 bg-base-100 shadow-sm ${tones[0]}`).attr("data-outcome", booking.status);
  $("#result-icon").attr("class", `grid size-10 shrink-0 place-items-center rounded-full ${tones[1]}`).html(icon(view.iconName, "size-6"));
  $("#result-title").text(t(view.title));
  $("#result-text").text(text);
  $("#result-reason").text(view.reason ? t("book.reason", { reason: view.reason }) : "").prop("hidden", !view.reason);
  $("#result-actions").html(view.actions.map(link).join(""));
  announce(`${t(view.title)}. ${text}`);
}
