// Pure logic of the passenger details and payment page (book.html): the trip summary from a hold or a booking,
// which error each form field shows, where server field errors go, and what the final step says. No DOM here, so
// Node tests can import it (tests/WebFrontend.Js/book-model.test.mjs). Rules shared with the ticket pages
// (phone numbers, validation, status badges, polling) are in booking-model.js.
import { bookingRequest, closingReason, normalizeBdPhone, validateContact, validatePassenger } from "./booking-model.js";

/**
 * The contact phone the form starts with: the signed-in passenger's verified mobile number (their login since the SMS
 * sign-in), written the way people type it (01XXXXXXXXX). "" for guests, staff, and numbers never proven by a code:
 * the booking's SMS must not go to a number nobody checked. The passenger may still change it.
 */
export function contactPhoneDefault(user) {
  if (!user || user.role !== "passenger" || user.phoneVerified !== true) return "";
  const phone = normalizeBdPhone(String(user.login ?? ""));
  return phone ? phone.slice(3) : "";
}

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

/**
 * The fare of a hold before the booking exists, in the booking API's shape ({legs, seats, fees, discount, total}):
 * the legs between the held stops from the trip's legFares. If they do not add up to what the hold costs (fares
 * changed), the hold's amount as one leg. Charges follow the payment method and come with the booking.
 */
export function holdFare(hold, trip) {
  const stops = trip?.stops ?? [];
  const seats = (hold.seats ?? []).length;
  const total = Number(hold.amount ?? 0);
  const from = stops.findIndex((s) => String(s.stopId) === String(hold.from));
  const to = stops.findIndex((s) => String(s.stopId) === String(hold.to));
  const fares = trip?.legFares ?? [];
  let legs = [];
  for (let i = from; from >= 0 && i < to; i++) {
    legs.push({ from: stops[i].stopId, to: stops[i + 1].stopId, fromName: stops[i].nameEn, toName: stops[i + 1].nameEn, perSeat: Number(fares[i] ?? 0) });
  }
  if (!seats || legs.reduce((sum, l) => sum + l.perSeat, 0) * seats !== total) {
    legs = [{ from: hold.from, to: hold.to, fromName: String(hold.from), toName: String(hold.to), perSeat: seats ? total / seats : total }];
  }
  return {
    perSeat: seats ? total / seats : 0,
    seats,
    base: total,
    legs: legs.map((l) => ({ ...l, amount: l.perSeat * seats })),
    fees: [],
    discount: 0,
    total,
    paid: total,
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
    // What was paid in all: after a trip change the fee is paid on top of the new fare.
    total: Math.max(Number(booking.fare?.total ?? 0), Number(booking.fare?.paid ?? 0)),
    perSeat: Number(booking.fare?.perSeat ?? 0),
    fare: booking.fare ?? null,
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

/** A passport must stay valid this many months after the day of travel (cross-border routes). */
export const PASSPORT_MONTHS = 6;

/** The first acceptable passport expiry ("yyyy-mm-dd") for a trip on travelDay ("yyyy-mm-dd"): six months later. */
export function earliestPassportExpiry(travelDay) {
  const [y, m, d] = String(travelDay).split("-").map(Number);
  const month = m - 1 + PASSPORT_MONTHS;
  const year = y + Math.floor(month / 12);
  const monthIndex = month % 12;
  // 31 August + 6 months is the last day of February, as the server's DateOnly.AddMonths has it.
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const pad = (n) => String(n).padStart(2, "0");
  return `${year}-${pad(monthIndex + 1)}-${pad(Math.min(d, lastDay))}`;
}

/**
 * Field errors of a passport as keys: {passportNumber?: "required"|"invalid", passportNationality?: "invalid",
 * passportExpiry?: "required"|"tooSoon"}. The rules are the server's: 6–9 letters and digits, a three-letter
 * country code, expiry at least six months after travelDay.
 */
export function validatePassport({ passportNumber, passportNationality, passportExpiry }, travelDay) {
  const errors = {};
  const number = String(passportNumber ?? "").replace(/\s+/g, "");
  if (!number) errors.passportNumber = "required";
  else if (!/^[A-Za-z0-9]{6,9}$/.test(number)) errors.passportNumber = "invalid";
  if (!/^[A-Za-z]{3}$/.test(String(passportNationality ?? "").trim())) errors.passportNationality = "invalid";
  const expiry = String(passportExpiry ?? "").trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry)) errors.passportExpiry = "required";
  else if (travelDay && expiry < earliestPassportExpiry(travelDay)) errors.passportExpiry = "tooSoon";
  return errors;
}

/**
 * One passenger's field errors: as validatePassenger, except that the phone is optional (only the contact needs
 * one; one number may repeat), plus the passport on a cross-border trip (options.travelDay set).
 */
export function passengerErrors(p, { crossBorder = false, travelDay = null } = {}) {
  const errors = validatePassenger(p);
  if (errors.phone === "required") delete errors.phone;
  return crossBorder ? { ...errors, ...validatePassport(p, travelDay) } : errors;
}

/**
 * Every client-side form error as i18n keys by input id ("p0-name" -> "book.fieldErrors.name.required",
 * "contact-email" -> "book.fieldErrors.email.invalid"), in form order. An empty map means the form may be sent.
 * @param {{passengers: {name, phone, gender, passportNumber?, passportNationality?, passportExpiry?}[], contact: {phone, email}}} form raw form values
 * @param {{crossBorder?: boolean, travelDay?: string|null}} options passports are checked on a cross-border trip
 */
export function formErrors({ passengers, contact }, options = {}) {
  const errors = new Map();
  passengers.forEach((p, index) => {
    for (const [field, key] of Object.entries(passengerErrors(p, options))) errors.set(`p${index}-${field}`, `book.fieldErrors.${field}.${key}`);
  });
  for (const [field, key] of Object.entries(validateContact(contact))) errors.set(`contact-${field}`, `book.fieldErrors.${field}.${key}`);
  return errors;
}

/**
 * The error of one field (an input id, or a radio group id like "p0-gender"): its i18n key, null when the field
 * is fine, or undefined when the id names no field of the form.
 */
export function fieldError(id, { passengers, contact }, options = {}) {
  const passenger = /^p(\d+)-(name|phone|gender|passportNumber|passportNationality|passportExpiry)$/.exec(id);
  if (passenger) {
    const values = passengers[Number(passenger[1])];
    if (!values) return undefined;
    const key = passengerErrors(values, options)[passenger[2]];
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

/**
 * The POST /api/bookings body: bookingRequest's, plus the chosen points and, on a cross-border trip, each
 * passenger's passport (number without spaces, upper case; nationality upper case).
 */
export function bookingBody(holdId, { passengers, contact }, { boardingPoint = "", droppingPoint = "", crossBorder = false } = {}) {
  const body = bookingRequest(holdId, passengers, contact);
  if (crossBorder) {
    body.passengers = body.passengers.map((p, i) => ({
      ...p,
      passport: {
        number: String(passengers[i].passportNumber ?? "").replace(/\s+/g, "").toUpperCase(),
        nationality: String(passengers[i].passportNationality ?? "").trim().toUpperCase(),
        expiry: String(passengers[i].passportExpiry ?? "").trim(),
      },
    }));
  }
  if (boardingPoint) body.boardingPoint = boardingPoint;
  if (droppingPoint) body.droppingPoint = droppingPoint;
  return body;
}

/**
 * The boarding points at the journey's first stop and the dropping points at its last, from the trip's
 * boardingPoints/droppingPoints; the first of each is the default.
 */
export function pointChoices(trip, from, to) {
  const at = (list, stop) => (Array.isArray(list) ? list : []).filter((p) => String(p.stopId) === String(stop));
  return { boarding: at(trip?.boardingPoints, from), dropping: at(trip?.droppingPoints, to) };
}

/**
 * Whether passengers from `from` to `to` cross the border on this trip (cross-border route, one end in the trip's
 * abroadStops and the other at home): then each needs a passport.
 */
export function needsPassports(trip, from, to) {
  if (!trip?.crossBorder) return false;
  const abroad = new Set((trip.abroadStops ?? []).map(String));
  return abroad.has(String(from)) !== abroad.has(String(to));
}

/** The local day ("yyyy-mm-dd", Asia/Dhaka, UTC+6) of an ISO instant: the day of travel passports are checked against. */
export function dhakaDay(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return new Date(at.getTime() + 6 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * The lines of the fare card: {key, params?, amount, kind} where kind is "leg", "fee", "discount" or "total".
 * From a booking's fare ({legs, fees, discount, total, paid}) when there is one; otherwise from the summary's
 * legs before the booking exists (charges follow the payment method and are shown once the booking is made).
 * The total line is what was paid in all (fare plus change fees) when that is more than the fare.
 */
export function fareLines(fare, fallback = { perSeat: 0, seats: 0, total: 0 }) {
  if (!fare || !Array.isArray(fare.legs)) {
    return [
      { kind: "leg", key: "book.fareLine", params: { count: fallback.seats }, perSeat: fallback.perSeat, amount: fallback.total },
      { kind: "total", key: "book.total", amount: fallback.total },
    ];
  }
  const lines = fare.legs.map((l) => ({
    kind: "leg",
    key: "book.fareLeg",
    from: l.from,
    to: l.to,
    fromName: l.fromName,
    toName: l.toName,
    fromNameBn: l.fromNameBn ?? l.fromName,
    toNameBn: l.toNameBn ?? l.toName,
    params: { count: fare.seats },
    perSeat: l.perSeat,
    amount: l.amount,
  }));
  for (const f of fare.fees ?? []) lines.push({ kind: "fee", key: `book.fees.${f.code}`, amount: f.amount });
  if (fare.discount > 0) lines.push({ kind: "discount", key: "book.discount", amount: -fare.discount });
  lines.push({ kind: "total", key: fare.paid > fare.total ? "book.totalPaid" : "book.total", amount: Math.max(fare.paid ?? 0, fare.total ?? 0) });
  return lines;
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
