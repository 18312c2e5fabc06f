// Which requests the service worker (/sw.js) may answer from its caches, kept pure so Node tests can pin it down.
// The rule: the passenger app shell (My tickets, the ticket page, their scripts, styles, fonts and strings) and the
// tickets a signed-in passenger saved are served offline; everything live (seat maps, holds, payments, the hub,
// every other /api call) is never touched by the worker, so it can only come from the network.

/** Shell caches are named per build; activate deletes every other one. */
export const SHELL_CACHE_PREFIX = "dp-shell-";

/**
 * Saved tickets: the /api/bookings/mine list, each paid booking and its QR image, written by the pages (offline.js)
 * for a signed-in passenger and deleted on sign-out. Not per build, so an app update never takes a ticket away
 * from someone who is about to lose network.
 */
export const TICKETS_CACHE = "dp-tickets-v1";

/** Shown instead of any other page when it cannot be loaded: a clear offline state, never a stale live page. */
export const OFFLINE_PAGE = "/offline.html";

/** The pages that open offline. */
export const SHELL_PAGES = ["/bookings.html", "/ticket.html", OFFLINE_PAGE];

/** The entry modules of the shell pages; their imports are precached with them (a Node test checks the list). */
export const SHELL_ENTRY_MODULES = ["/js/bookings-page.js", "/js/ticket-page.js", "/js/offline-page.js"];

/** Every module the shell pages import, directly or not. */
export const SHELL_MODULES = [
  "/js/api.js",
  "/js/auth.js",
  "/js/book-model.js",
  "/js/booking-model.js",
  "/js/bookings-page.js",
  "/js/coach-view.js",
  "/js/fare-view.js",
  "/js/i18n.js",
  "/js/icons.js",
  "/js/live.js",
  "/js/offline-page.js",
  "/js/offline-routes.js",
  "/js/offline.js",
  "/js/page.js",
  "/js/seat-state.js",
  "/js/seen-versions.js",
  "/js/ticket-changes.js",
  "/js/ticket-page.js",
  "/js/ticket-resend.js",
  "/js/ui.js",
];

/** Styles, libraries, fonts, strings and images the shell pages load. */
export const SHELL_ASSETS = [
  "/dist/app.css",
  "/dist/lib/jquery.min.js",
  "/dist/lib/signalr.min.js",
  "/dist/fonts/noto-sans-bengali-400.woff2",
  "/dist/fonts/noto-sans-bengali-700.woff2",
  "/i18n/en.json",
  "/i18n/bn.json",
  "/img/logo.svg",
  "/favicon.svg",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
];

/** What the worker fetches into the shell cache when it installs. */
export const PRECACHE = [...SHELL_PAGES, ...SHELL_MODULES, ...SHELL_ASSETS];

const SHELL_PATHS = new Set(PRECACHE);

// A PNR is DP- and six characters of the booking alphabet (PnrFormat); anything else is not a ticket read.
const PNR = "DP-[0-9A-Z]{6}";
const TICKET_READS = [
  /^\/api\/bookings\/mine$/,
  new RegExp(`^/api/bookings/${PNR}$`),
  new RegExp(`^/api/bookings/${PNR}/ticket/qr\\.png$`),
];

/**
 * How the worker answers a request:
 *  - "shell":   cache first (the cache is per build), then network;
 *  - "ticket":  network first; only when the network fails, the saved copy (and the page is told it is one);
 *  - "page":    a page outside the shell: network only, the offline page when the network fails;
 *  - "network": not answered by the worker at all (live data, writes, other origins).
 * @param {{url: string, method?: string, mode?: string}} request
 * @param {string} origin the worker's own origin
 */
export function routeFor(request, origin) {
  const url = new URL(request.url, origin);
  if ((request.method ?? "GET").toUpperCase() !== "GET" || url.origin !== origin) return "network";
  const path = url.pathname;
  if (path.startsWith("/api/")) return TICKET_READS.some((pattern) => pattern.test(path)) ? "ticket" : "network";
  if (path.startsWith("/hubs/") || path === "/sw.js") return "network";
  if (SHELL_PATHS.has(path)) return "shell";
  return request.mode === "navigate" ? "page" : "network";
}

/** The shell cache of a build. */
export function shellCacheName(version) {
  return `${SHELL_CACHE_PREFIX}${version}`;
}

/** The caches activate deletes: shell caches of other builds. Saved tickets and foreign caches stay. */
export function obsoleteCaches(names, version) {
  const current = shellCacheName(version);
  return names.filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== current);
}

/**
 * Whether this device may keep saved tickets for `user` ({id, role} from auth.js, or null): only signed-in
 * passengers, and only their own (`savedFor` is whose tickets are in the cache now, or null).
 * Returns "keep", "clear" (signed out, staff, or another passenger on a shared phone), and whether saving is allowed.
 */
export function ticketCachePolicy(user, savedFor) {
  const passenger = Boolean(user && user.role === "passenger" && user.id);
  const clear = savedFor != null && (!passenger || String(user.id) !== String(savedFor));
  return { clear, save: passenger };
}

/** Only confirmed (paid) bookings are saved for offline use, newest departure first, at most `max`. */
export function ticketsToSave(bookings, max = 10) {
  return (bookings ?? [])
    .filter((b) => b && b.status === "Confirmed" && typeof b.pnr === "string" && new RegExp(`^${PNR}$`).test(b.pnr))
    .sort((a, b) => Date.parse(b.departure) - Date.parse(a.departure))
    .slice(0, max);
}
