// The offline ticket, page side: registers the service worker (/sw.js), keeps a signed-in passenger's paid tickets
// (booking JSON and QR image) in the saved-tickets cache, removes them on sign-out or when someone else signs in on
// the same phone, and shows "offline — saved copy from …" when the worker answered from that cache.
import { bookingTokens, bookingUrl, rememberBooking } from "./api.js";
import { currentUser, onAuthChange } from "./auth.js";
import { formatDate, formatTime, onLangChange, t } from "./i18n.js";
import { TICKETS_CACHE, ticketCachePolicy, ticketsToSave } from "./offline-routes.js";

const SAVED_FOR_KEY = "dp.offline.owner";
// PNRs whose booking token was kept so the QR image (loaded by <img>, which sends no bearer token) has one URL online
// and offline; removed again with the saved tickets.
const SAVED_PNRS_KEY = "dp.offline.pnrs";
const MINE_URL = "/api/bookings/mine";

// The oldest saved copy this page shows (ISO time), or null while everything came from the network.
let offlineSince = null;

/** Called once per page by startPage(). */
export function initOffline() {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !window.isSecureContext || !("caches" in window)) return;
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "offline-copy") noteOfflineCopy(event.data.savedAt);
  });
  navigator.serviceWorker.startMessages();
  onLangChange(renderBanner);
  applyPolicy(currentUser());
  onAuthChange(applyPolicy);
  // A module worker: Chromium-based browsers (Android Chrome included) and Safari run it; elsewhere there is no offline
  // copy, and every page works as before.
  navigator.serviceWorker.register("/sw.js", { type: "module", scope: "/" }).catch(() => {});
}

/** Saves the confirmed bookings of "My bookings" (freshly fetched, not from the offline copy) for offline use. */
export async function saveTickets(bookings) {
  if (!maySave()) return;
  const paid = ticketsToSave(bookings);
  // Synchronously, before the caller renders: the page's QR URL then carries the token the saved copy is filed under.
  paid.forEach(keepToken);
  const cache = await caches.open(TICKETS_CACHE);
  await put(cache, MINE_URL, jsonResponse(paid));
  await Promise.all(paid.map((booking) => saveOne(cache, booking)));
}

/** Saves one booking the ticket page fetched, if it is a confirmed (paid) one. */
export async function saveTicket(booking) {
  if (!ticketsToSave([booking]).length || !maySave()) return;
  keepToken(booking);
  await saveOne(await caches.open(TICKETS_CACHE), booking);
}

async function saveOne(cache, booking) {
  const url = `/api/bookings/${encodeURIComponent(booking.pnr)}`;
  const qrUrl = bookingUrl(booking.pnr, "/ticket/qr.png");
  const previous = await cache.match(url);
  const json = JSON.stringify(booking);
  // A changed ticket (seats, trip) has a new QR; an unchanged one keeps the saved image and saves a download.
  const unchanged = previous && (await previous.text()) === json && (await cache.match(qrUrl));
  await put(cache, url, jsonResponse(booking));
  if (unchanged) return;
  try {
    const qr = await fetch(qrUrl, { credentials: "same-origin" });
    if (qr.ok) await put(cache, qrUrl, new Response(await qr.blob(), { headers: { "Content-Type": "image/png" } }));
  } catch {
    // No network right now: the booking is saved, its QR on the next visit.
  }
}

async function put(cache, url, response) {
  const headers = new Headers(response.headers);
  headers.set("X-Saved-At", new Date().toISOString());
  await cache.put(url, new Response(await response.blob(), { status: 200, headers }));
}

function jsonResponse(value) {
  return new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } });
}

function keepToken(booking) {
  if (!booking.bookingToken) return;
  rememberBooking(booking);
  const pnrs = new Set(readList(SAVED_PNRS_KEY));
  pnrs.add(booking.pnr);
  localStorage.setItem(SAVED_PNRS_KEY, JSON.stringify([...pnrs]));
}

function readList(key) {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function maySave() {
  if (!("caches" in globalThis) || offlineSince || navigator.onLine === false) return false;
  const user = currentUser();
  if (!ticketCachePolicy(user, localStorage.getItem(SAVED_FOR_KEY)).save) return false;
  localStorage.setItem(SAVED_FOR_KEY, String(user.id));
  return true;
}

function applyPolicy(user) {
  const policy = ticketCachePolicy(user, localStorage.getItem(SAVED_FOR_KEY));
  if (!policy.clear) return;
  // Signed out, or another account on this phone: the saved tickets were someone else's to see.
  localStorage.removeItem(SAVED_FOR_KEY);
  for (const pnr of readList(SAVED_PNRS_KEY)) bookingTokens.remove(pnr);
  localStorage.removeItem(SAVED_PNRS_KEY);
  caches.delete(TICKETS_CACHE).catch(() => {});
}

function noteOfflineCopy(savedAt) {
  const at = Date.parse(savedAt ?? "");
  if (!Number.isFinite(at)) return;
  if (!offlineSince || at < Date.parse(offlineSince)) offlineSince = new Date(at).toISOString();
  renderBanner();
}

function renderBanner() {
  if (!offlineSince) return;
  const main = document.getElementById("main");
  if (!main) return;
  let banner = document.getElementById("offline-banner");
  if (!banner) {
    banner = document.createElement("div");
    banner.id = "offline-banner";
    banner.setAttribute("role", "status");
    banner.className = "alert alert-warning alert-soft mb-4 print:hidden";
    main.prepend(banner);
  }
  banner.dataset.savedAt = offlineSince;
  const time = `${formatTime(offlineSince)}, ${formatDate(offlineSince)}`;
  banner.textContent = t("offline.banner", { time });
}
