// Pure booking logic shared by the booking, ticket and my-bookings pages: phone and form validation, mapping
// server field errors to inputs, booking status rules, the guest token store and bounded payment polling.
// No DOM here, so Node tests can import it (tests/WebFrontend.Js/booking-model.test.mjs).

const BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯";

/** Bangla (and other) digits typed on a Bangla keyboard become ASCII digits. */
export function toAsciiDigits(text) {
  return String(text ?? "").replace(/[০-৯]/g, (d) => String(BANGLA_DIGITS.indexOf(d)));
}

/**
 * A Bangladeshi mobile number in the form the API stores (+8801XXXXXXXXX), or null when the input is not one.
 * Accepts 01XXXXXXXXX, +8801XXXXXXXXX, 8801XXXXXXXXX and 008801XXXXXXXXX, with spaces, dashes, dots or
 * brackets between digits and with Bangla digits. The operator digit after 01 is 3–9. (+880 is the country
 * code and the national number drops its 0, so "+88" followed by the 11-digit local number is the same thing.)
 */
export function normalizeBdPhone(input) {
  const compact = toAsciiDigits(input).trim().replace(/[\s\-.()]/g, "");
  const match = /^(?:\+?88|0088)?(01[3-9]\d{8})$/.exec(compact);
  return match ? `+88${match[1]}` : null;
}

export function isBdMobile(input) {
  return normalizeBdPhone(input) !== null;
}

export const GENDERS = ["male", "female", "other"];
export const NAME_MAX = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Field errors for one passenger as error keys (the page turns them into sentences):
 * {name?: "required"|"tooShort"|"tooLong", phone?: "required"|"invalid", gender?: "required"}.
 */
export function validatePassenger({ name, phone, gender }) {
  const errors = {};
  const trimmed = String(name ?? "").trim();
  if (!trimmed) errors.name = "required";
  else if (trimmed.length < 2) errors.name = "tooShort";
  else if (trimmed.length > NAME_MAX) errors.name = "tooLong";
  if (!String(phone ?? "").trim()) errors.phone = "required";
  else if (!isBdMobile(phone)) errors.phone = "invalid";
  if (!GENDERS.includes(gender)) errors.gender = "required";
  return errors;
}

/** Field errors for the contact block: phone required, email optional but well-formed. */
export function validateContact({ phone, email }) {
  const errors = {};
  if (!String(phone ?? "").trim()) errors.phone = "required";
  else if (!isBdMobile(phone)) errors.phone = "invalid";
  const mail = String(email ?? "").trim();
  if (mail && (mail.length > 254 || !EMAIL.test(mail))) errors.email = "invalid";
  return errors;
}

/** The POST /api/bookings body from raw form values (phones normalised, blanks dropped). */
export function bookingRequest(holdId, passengers, contact) {
  const email = String(contact.email ?? "").trim();
  return {
    holdId,
    passengers: passengers.map((p) => ({
      name: String(p.name ?? "").trim().replace(/\s+/g, " "),
      phone: normalizeBdPhone(p.phone),
      gender: p.gender,
    })),
    contact: email ? { phone: normalizeBdPhone(contact.phone), email } : { phone: normalizeBdPhone(contact.phone) },
  };
}

/**
 * Which input a ValidationProblem `errors` key points at: "passengers[1].phone" -> "p1-phone",
 * "contact.email" -> "contact-email". Tolerates PascalCase, a leading "$." and "passengers.1.phone".
 * Returns null for keys that name no single input (they are shown above the form).
 */
export function fieldIdForProblemKey(key) {
  const k = String(key ?? "").replace(/^\$\.?/, "").toLowerCase();
  const passenger = /^passengers(?:\[(\d+)\]|\.(\d+))\.(name|phone|gender)$/.exec(k);
  if (passenger) return `p${passenger[1] ?? passenger[2]}-${passenger[3]}`;
  const contact = /^contact\.(phone|email)$/.exec(k);
  return contact ? `contact-${contact[1]}` : null;
}

/** daisyUI badge colour per booking status. */
export function statusBadgeClass(status) {
  return (
    {
      PendingPayment: "badge-warning",
      Confirmed: "badge-success",
      Cancelled: "badge-neutral",
      Refunded: "badge-info",
      Expired: "badge-ghost",
      PaymentFailed: "badge-error",
    }[status] ?? "badge-ghost"
  );
}

/** Only a confirmed booking whose coach has not left can be cancelled by the passenger. */
export function canCancel(booking, now = Date.now()) {
  return booking?.status === "Confirmed" && Date.parse(booking.departure) > now;
}

/** Statuses that end the booking without a valid ticket; the page explains why. */
export function isClosed(status) {
  return status === "Cancelled" || status === "Refunded" || status === "Expired" || status === "PaymentFailed";
}

/** Why a booking ended: the refund reason, else the newest history entry's detail. */
export function closingReason(booking) {
  if (booking?.refund?.reason) return String(booking.refund.reason);
  const history = Array.isArray(booking?.history) ? booking.history : [];
  const last = [...history].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
  return last?.detail ? String(last.detail) : "";
}

/** The booking's latest history entry (of `kind` when given, e.g. "booking.trip-delayed"), or null. */
export function latestEvent(booking, kind = null) {
  const history = Array.isArray(booking?.history) ? booking.history : [];
  const matching = history.filter((entry) => !kind || entry.kind === kind);
  return matching.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1) ?? null;
}

/** Milliseconds until an ISO instant, never negative. */
export function remainingMs(expiresAt, now) {
  const end = Date.parse(expiresAt);
  return Number.isFinite(end) ? Math.max(0, end - now) : 0;
}

/**
 * A payment attempt failed but the hold still runs: the seats stay held and the passenger may pay again (the
 * same method or another) until the hold ends, when the booking fails.
 */
export const paymentRetryable = (booking) => booking?.status === "PendingPayment" && booking.payment?.status === "Failed";

/** The method name a booking request uses for a payment provider: wallets by name, card providers as "card". */
export const paymentMethodOf = (provider) => (provider === "stripe" || provider === "simulated" ? "card" : provider);

/** The default end of polling: the payment outcome is known. */
export const paymentSettled = (booking) => booking.status !== "PendingPayment";

/**
 * Reloads a booking until until(booking) holds (by default: its status left PendingPayment) or the time budget
 * runs out. Resolves {booking, settled}; settled is false when the budget ran out (the last booking read is
 * returned). A failed read (network blip, 5xx) is retried within the same budget; a 4xx answer is thrown.
 */
export async function pollBooking(
  load,
  { until = paymentSettled, intervalMs = 2000, timeoutMs = 90000, sleep = defaultSleep, now = Date.now } = {},
) {
  const deadline = now() + timeoutMs;
  let last = null;
  for (;;) {
    try {
      last = await load();
      if (last && until(last)) return { booking: last, settled: true };
    } catch (error) {
      if (error?.status && error.status >= 400 && error.status < 500) throw error;
    }
    if (now() + intervalMs > deadline) return { booking: last, settled: false };
    await sleep(intervalMs);
  }
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const TOKEN_KEY = "dp.bookingTokens";

/**
 * Guest access secrets by PNR, kept in localStorage so a guest can reopen a ticket on this device.
 * storage is a Storage-like object (getItem/setItem); failures (private mode) degrade to "no token".
 */
export function tokenStore(storage) {
  const read = () => {
    try {
      const value = JSON.parse(storage?.getItem(TOKEN_KEY) ?? "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch {
      return {};
    }
  };
  const write = (map) => {
    try {
      storage?.setItem(TOKEN_KEY, JSON.stringify(map));
    } catch {
      // Storage full or disabled: the ticket stays reachable through lookup by PNR and phone.
    }
  };
  return {
    get: (pnr) => read()[normalizePnr(pnr)] ?? null,
    set(pnr, token) {
      if (!pnr || !token) return;
      write({ ...read(), [normalizePnr(pnr)]: String(token) });
    },
    remove(pnr) {
      const map = read();
      delete map[normalizePnr(pnr)];
      write(map);
    },
    pnrs: () => Object.keys(read()),
  };
}

/**
 * PNRs are upper-case codes (e.g. DP-7K3M9Q); people type them in lower case, with spaces, without the hyphen or
 * with Bangla digits. Spaces and dashes are dropped and a PNR of our shape (DP + six characters) gets its one
 * hyphen back; anything else is only cleaned, so the server can still answer "not found".
 */
export function normalizePnr(value) {
  const compact = toAsciiDigits(value).toUpperCase().replace(/[\s\-‐-―]+/g, "");
  const ours = /^DP([A-Z0-9]{6})$/.exec(compact);
  return ours ? `DP-${ours[1]}` : compact;
}
