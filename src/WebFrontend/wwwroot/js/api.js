// The one way pages talk to the HTTP API. Same-origin requests carry the hold-owner cookie; when sign-in
// lands, setAccessTokenProvider() adds the bearer token to every call (and to the SignalR hub, see live.js).
// Non-2xx answers become ApiError carrying the RFC 7807 ProblemDetails fields. Booking calls add the guest
// access token remembered for that PNR (X-Booking-Token), so a guest can reopen a ticket on this device.
import { normalizePnr, tokenStore } from "./booking-model.js";
import { seenVersions } from "./seen-versions.js";

let accessTokenProvider = null;
let unauthorizedHandler = null;
let serverClockOffsetMs = 0;

/** fn() -> token string or null (may be async). */
export function setAccessTokenProvider(fn) {
  accessTokenProvider = fn;
}

/** fn() -> a fresh token or null; called once when a request that carried a token gets 401, then the request is retried. */
export function setUnauthorizedHandler(fn) {
  unauthorizedHandler = fn;
}

export async function accessToken() {
  return accessTokenProvider ? await accessTokenProvider() : null;
}

/**
 * Milliseconds to add to Date.now() to get the server's clock, from the Date header of recent responses.
 * Hold countdowns use it so a phone with a wrong clock still counts down to the server's expiry.
 */
export function serverNow() {
  return Date.now() + serverClockOffsetMs;
}

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 when the server could not be reached.
   * @param {object} problem ProblemDetails body (title, detail, status, code, conflicts, errors …).
   */
  constructor(status, problem = {}, retryAfterSeconds = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.code = problem.code ?? null;
    this.title = problem.title ?? null;
    this.detail = problem.detail ?? null;
    this.conflicts = Array.isArray(problem.conflicts) ? problem.conflicts : [];
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get isNetworkError() {
    return this.status === 0;
  }
}

/**
 * fetch() for JSON APIs. Returns the parsed body, or null for 204/empty answers.
 * @param {string} path e.g. "/api/stops"
 * @param {{method?: string, body?: unknown, query?: Record<string, string|number|null|undefined>, headers?: Record<string, string>, signal?: AbortSignal, auth?: boolean, tripId?: unknown}} options
 *   auth: false sends no bearer token (the auth endpoints themselves).
 *   tripId: the answer's Trip-Version header (writes answer with it, refusals too) is remembered for that trip.
 */
export async function api(path, { method = "GET", body, query, headers: extraHeaders, signal, auth = true, tripId } = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
  }
  const headers = { Accept: "application/json, application/problem+json", ...extraHeaders };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const token = auth ? await accessToken() : null;
  let response = await send(url, method, headers, body, signal, token);
  // An access token can expire between the check and the server; refresh once, silently, and retry. A 401 that is
  // about something else (e.g. phone-verification-required: the token is fine, the account lacks a verified phone)
  // is not a reason to refresh.
  if (response.status === 401 && token && unauthorizedHandler && (await problemCode(response)) === "unauthenticated") {
    const fresh = await unauthorizedHandler();
    if (fresh) response = await send(url, method, headers, body, signal, fresh);
  }
  noteServerClock(response);
  if (tripId !== undefined) seenVersions.saw(tripId, response.headers.get("Trip-Version"));

  const text = response.status === 204 ? "" : await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === "object" ? data : { title: response.statusText, status: response.status };
    const retryAfter = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
    throw new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
  }
  return data;
}

async function problemCode(response) {
  try {
    return (await response.clone().json())?.code ?? null;
  } catch {
    return null;
  }
}

async function send(url, method, headers, body, signal, token) {
  const withToken = token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
  try {
    return await fetch(url, {
      method,
      headers: withToken,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError(0, { title: "network", detail: error?.message });
  }
}

let stopsPromise = null;

/** GET /api/stops, fetched once per page. */
export function getStops() {
  stopsPromise ??= api("/api/stops").catch((error) => {
    stopsPromise = null;
    throw error;
  });
  return stopsPromise;
}

export const searchTrips = (from, to, date, signal) => api("/api/trips", { query: { from, to, date }, signal });

/** The date strip: lowest fare and seats left for the searched day and three days either side. */
export const tripCalendar = (from, to, date, signal) => api("/api/trips/calendar", { query: { from, to, date }, signal });

export const getTrip = (tripId) => api(`/api/trips/${encodeURIComponent(tripId)}`);

/**
 * The seat map of a leg, at least as new as anything this page has seen of the trip: its own holds and releases and
 * seenVersion (the version of the map it shows), so a frontend replica never answers it with an older trip.
 */
export const getSeats = (tripId, from, to, seenVersion = 0) => {
  const minVersion = seenVersions.minimum(tripId, seenVersion);
  return api(`/api/trips/${encodeURIComponent(tripId)}/seats`, {
    query: { from, to, minVersion: minVersion > 0 ? minVersion : undefined },
    tripId,
  });
};

/** POST a hold. requestId makes a retry of the same user action idempotent on the server. */
export const holdSeats = (tripId, { seats, from, to, requestId }) =>
  api(`/api/trips/${encodeURIComponent(tripId)}/holds`, { method: "POST", body: { seats, from, to, requestId }, tripId });

/**
 * holdSeats, sent once more after 1.5 s when the first attempt never reached the server (network error). The
 * same requestId makes the retry safe: the server never holds twice for one request.
 */
export async function holdSeatsRetrying(tripId, request, retryDelayMs = 1500) {
  try {
    return await holdSeats(tripId, request);
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isNetworkError) throw error;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    return holdSeats(tripId, request);
  }
}

/** DELETE a hold; tripId (when given) remembers the release's version for the next seat-map read. */
export const releaseHold = (holdId, tripId) => api(`/api/holds/${encodeURIComponent(holdId)}`, { method: "DELETE", tripId });

export const getHold = (holdId) => api(`/api/holds/${encodeURIComponent(holdId)}`);

// ---------- bookings ----------

/** Guest access tokens by PNR (localStorage). */
export const bookingTokens = tokenStore(safeLocalStorage());

/** Remembers the guest token a booking answer carries (only its creator and a successful lookup get one). */
export function rememberBooking(booking) {
  if (booking?.pnr && booking.bookingToken) bookingTokens.set(booking.pnr, booking.bookingToken);
  return booking;
}

function bookingPath(pnr, rest = "") {
  return `/api/bookings/${encodeURIComponent(normalizePnr(pnr))}${rest}`;
}

function tokenHeader(pnr) {
  const token = bookingTokens.get(pnr);
  return token ? { "X-Booking-Token": token } : undefined;
}

/**
 * A URL for a booking resource the browser loads itself (img src, a new tab), where no header can be sent:
 * the guest token goes in ?token=.
 */
export function bookingUrl(pnr, rest = "") {
  const token = bookingTokens.get(pnr);
  return token ? `${bookingPath(pnr, rest)}?token=${encodeURIComponent(token)}` : bookingPath(pnr, rest);
}

export const createBooking = (request) => api("/api/bookings", { method: "POST", body: request }).then(rememberBooking);

export const getBooking = (pnr) => api(bookingPath(pnr), { headers: tokenHeader(pnr) });

export const getMyBookings = () => api("/api/bookings/mine");

/** Asks for a single-use link by SMS; the answer is the same whether or not PNR and phone match a booking. */
export const lookupBooking = (pnr, phone, language) =>
  api("/api/bookings/lookup", { method: "POST", body: { pnr: normalizePnr(pnr), phone, language } });

/** Spends the secret of a texted link (once) and remembers the booking's guest token; resolves to the PNR. */
export const redeemBookingLink = (secret) =>
  api("/api/bookings/links/redeem", { method: "POST", body: { secret } }).then(rememberBooking).then((b) => b.pnr);

/** The payment methods offered, wallets first: [{method: "bkash" | "card", provider, simulated}]. */
export const getPaymentMethods = () => api("/api/payments/methods");

/** How many days ahead trips are on sale ({daysAhead, lastDay}), from the server's configuration. */
export const getSalesWindow = () => api("/api/sales-window");

/** Simulated bKash wallet page only: the payment it shows, the payer's confirmation and cancel. */
export const getSimulatedWalletPayment = (paymentId) => api(`/api/payments/bkash/simulated/${encodeURIComponent(paymentId)}`);
export const authorizeSimulatedWallet = (paymentId, body) =>
  api(`/api/payments/bkash/simulated/${encodeURIComponent(paymentId)}/authorize`, { method: "POST", body });
export const cancelSimulatedWallet = (paymentId) =>
  api(`/api/payments/bkash/simulated/${encodeURIComponent(paymentId)}/cancel`, { method: "POST", body: {} });

/** Simulated provider only: outcome "succeeded" | "failed". */
export const simulatePayment = (pnr, outcome) =>
  api(bookingPath(pnr, "/payments/simulate"), { method: "POST", body: { outcome }, headers: tokenHeader(pnr) });

/** After a failed payment: pay again with method ("card", "bkash"), or with the booking's own method when null. */
export const retryPayment = (pnr, method) =>
  api(bookingPath(pnr, "/payments/retry"), { method: "POST", body: method ? { paymentMethod: method } : {}, headers: tokenHeader(pnr) });

export const getCancellationQuote = (pnr) => api(bookingPath(pnr, "/cancellation"), { headers: tokenHeader(pnr) });

export const cancelBooking = (pnr) => api(bookingPath(pnr, "/cancel"), { method: "POST", body: {}, headers: tokenHeader(pnr) });

// ---------- ticket changes ----------

export const changeSeats = (pnr, seats) =>
  api(bookingPath(pnr, "/seats"), { method: "POST", body: { seats }, headers: tokenHeader(pnr) });

export const quoteTripChange = (pnr, tripId) =>
  api(bookingPath(pnr, "/trip-change"), { query: { tripId }, headers: tokenHeader(pnr) });

export const beginTripChange = (pnr, { tripId, seats, requestId }) =>
  api(bookingPath(pnr, "/trip-change"), { method: "POST", body: { tripId, seats, requestId }, headers: tokenHeader(pnr) });

export const abandonTripChange = (pnr) => api(bookingPath(pnr, "/trip-change"), { method: "DELETE", headers: tokenHeader(pnr) });

/** Simulated provider only: outcome "succeeded" | "failed" for the pending trip change's payment. */
export const simulateChangePayment = (pnr, outcome) =>
  api(bookingPath(pnr, "/trip-change/payments/simulate"), { method: "POST", body: { outcome }, headers: tokenHeader(pnr) });

export const correctPassenger = (pnr, seat, passenger) =>
  api(bookingPath(pnr, `/passengers/${encodeURIComponent(seat)}`), { method: "PUT", body: passenger, headers: tokenHeader(pnr) });

export const cancelPassenger = (pnr, seat) =>
  api(bookingPath(pnr, `/passengers/${encodeURIComponent(seat)}`), { method: "DELETE", headers: tokenHeader(pnr) });

function safeLocalStorage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A fresh id per user action; crypto.randomUUID needs a secure context, so fall back for plain-HTTP LAN use. */
export function newRequestId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function noteServerClock(response) {
  const header = response.headers.get("Date");
  if (!header) return;
  const server = Date.parse(header);
  if (Number.isNaN(server)) return;
  // The header has one-second resolution; only correct clocks that are clearly off.
  const offset = server - Date.now();
  serverClockOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
}
