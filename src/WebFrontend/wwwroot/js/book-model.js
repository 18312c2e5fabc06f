// Pure logic of the passenger details and payment page (book.html): the trip summary from a hold or a booking,
// which error each form field shows, where server field errors go, and what the final step says. No DOM here, so
// Node tests can import it (tests/WebFrontend.Js/book-model.test.mjs). Rules shared with the ticket pages
// (phone numbers, validation, status badges, polling) are in booking-model.js.
import { closingReason, validateContact, validatePassenger } from "./booking-model.js";

/** The summary card's data from a hold (before the booking exists) and the trip it is on (may be null). */
export function summaryFromHold(hold, trip) {
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

/** The summary card's data from a booking (after it was created, or on /book.html?pnr=…). */
export function summaryFromBooking(booking, trip) {
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

/** The seat map for the summary's trip and leg, to pick seats again; the search page when that is unknown. */
export function seatMapHref(summary) {
  if (!summary?.tripId || !summary.from || !summary.to) return "/";
  return `/trip.html?${new URLSearchParams({ trip: summary.tripId, from: String(summary.from), to: String(summary.to) })}`;
}

/**
 * Every client-side form error as i18n keys by input id ("p0-name" -> "book.fieldErrors.name.required",
 * "contact-email" -> "book.fieldErrors.email.invalid"), in form order. An empty map means the form may be sent.
 * @param {{passengers: {name, phone, gender}[], contact: {phone, email}}} form raw form values
 */
export function formErrors({ passengers, contact }) {
  const errors = new Map();
  passengers.forEach((p, index) => {
    for (const [field, key] of Object.entries(validatePassenger(p))) errors.set(`p${index}-${field}`, `book.fieldErrors.${field}.${key}`);
  });
  for (const [field, key] of Object.entries(validateContact(contact))) errors.set(`contact-${field}`, `book.fieldErrors.${field}.${key}`);
  return errors;
}

/**
 * The error of one field (an input id, or a radio group id like "p0-gender"): its i18n key, null when the field
 * is fine, or undefined when the id names no field of the form.
 */
export function fieldError(id, { passengers, contact }) {
  const passenger = /^p(\d+)-(name|phone|gender)$/.exec(id);
  if (passenger) {
    const values = passengers[Number(passenger[1])];
    if (!values) return undefined;
    const key = validatePassenger(values)[passenger[2]];
    return key ? `book.fieldErrors.${passenger[2]}.${key}` : null;
  }
  if (id !== "contact-phone" && id !== "contact-email") return undefined;
  const field = id.slice("contact-".length);
  const key = validateContact(contact)[field];
  return key ? `book.fieldErrors.${field}.${key}` : null;
}

/**
 * Sorts a ValidationProblem's `errors` ({key: message or messages}) into text by input id, for keys that point at
 * an input the page has (fieldIdFor(key) -> id or null; hasInput(id)), and loose sentences for the rest, which
 * the page shows above the form.
 */
export function serverFieldErrors(errors, fieldIdFor, hasInput) {
  const byId = new Map();
  const loose = [];
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const text = (Array.isArray(messages) ? messages : [messages]).join(" ");
    const id = fieldIdFor(key);
    if (id && hasInput(id)) byId.set(id, text);
    else loose.push(text);
  }
  return { byId, loose };
}

/** Border and icon colours of the result card per tone. */
export const RESULT_TONES = {
  success: ["border-success", "bg-success text-success-content"],
  error: ["border-error", "bg-error text-error-content"],
  warning: ["border-warning", "bg-warning text-warning-content"],
  info: ["border-info", "bg-info text-info-content"],
};

/**
 * What the last step says about a booking: {tone, iconName, title, text: {key, params}, actions, reason}.
 * actions lists the links to show: {kind: "ticket", key, style} or {kind: "seats"}. slow means the payment
 * outcome did not arrive in time; reason is why a booking ended (empty for a confirmed or still open one).
 * formatAmount writes the refunded sum (formatTaka on the page).
 */
export function resultView(booking, slow, formatAmount = String) {
  const ticket = (key, style = "btn-primary") => ({ kind: "ticket", key, style });
  const seats = { kind: "seats" };
  const reason = booking.status === "Confirmed" || slow ? "" : closingReason(booking);
  let view;
  if (slow || booking.status === "PendingPayment") {
    view = { tone: "warning", iconName: "clock", title: "book.slowTitle", text: { key: "book.slow" }, actions: [ticket("book.openBooking")] };
  } else if (booking.status === "Confirmed") {
    view = { tone: "success", iconName: "check", title: "book.successTitle", text: { key: "book.success" }, actions: [ticket("book.viewTicket")] };
  } else if (booking.status === "Refunded") {
    const amount = formatAmount(booking.refund?.amount ?? booking.fare?.total ?? 0);
    view = {
      tone: "info",
      iconName: "info",
      title: "book.refundedTitle",
      text: { key: "book.refunded", params: { amount } },
      actions: [ticket("book.openBooking", "btn-outline"), seats],
    };
  } else if (booking.status === "Expired") {
    view = { tone: "warning", iconName: "clock", title: "book.expiredBookingTitle", text: { key: "book.expiredBooking" }, actions: [seats] };
  } else if (booking.status === "PaymentFailed") {
    view = { tone: "error", iconName: "x", title: "book.failedTitle", text: { key: "book.failed" }, actions: [seats] };
  } else {
    view = {
      tone: "info",
      iconName: "info",
      title: `booking.status.${booking.status}`,
      text: { key: `booking.statusText.${booking.status}` },
      actions: [ticket("book.openBooking")],
    };
  }
  return { ...view, reason };
}

/**
 * The payment methods to offer from GET /api/payments/methods, in the order to show them (bKash first: it is what
 * most passengers here pay with, then other wallets, then card), and the one selected at first.
 * @param {{method: string, provider?: string, simulated?: boolean}[]} methods
 */
export function paymentMethodChoices(methods) {
  const rank = (m) => (m.method === "bkash" ? 0 : m.method === "card" ? 2 : 1);
  const list = (Array.isArray(methods) ? methods : []).filter((m) => m && typeof m.method === "string");
  const sorted = [...list].sort((a, b) => rank(a) - rank(b));
  return { methods: sorted, selected: sorted[0]?.method ?? "card" };
}

/** The i18n key of a payment method's name ("bkash" → "book.methodBkash"). */
export function methodLabelKey(method) {
  return method === "bkash" ? "book.methodBkash" : "book.methodCard";
}

/**
 * Where a wallet sends the payer: only an http(s) address or a path on this site is followed, so nothing the page
 * is given can run script. Returns null for anything else.
 */
export function walletHref(url) {
  if (typeof url !== "string" || !url) return null;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}
