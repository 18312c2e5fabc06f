// The service worker's routing (offline-routes.js): what may come from a cache and what never does, which caches an
// update removes, whose tickets a phone keeps, and that the precached shell holds every module its pages import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  OFFLINE_PAGE,
  PRECACHE,
  SHELL_ENTRY_MODULES,
  SHELL_MODULES,
  TICKETS_CACHE,
  obsoleteCaches,
  routeFor,
  shellCacheName,
  ticketCachePolicy,
  ticketsToSave,
} from "../../src/WebFrontend/wwwroot/js/offline-routes.js";

const wwwroot = join(import.meta.dirname, "../../src/WebFrontend/wwwroot");
const ORIGIN = "http://127.0.0.1:5000";
const get = (path, mode = "cors") => routeFor({ url: ORIGIN + path, method: "GET", mode }, ORIGIN);

test("the shell pages, their scripts, styles, fonts, strings and icons are cache-first", () => {
  for (const path of ["/bookings.html", "/ticket.html", "/js/ticket-page.js", "/js/i18n.js", "/dist/app.css",
    "/dist/lib/jquery.min.js", "/dist/fonts/noto-sans-bengali-400.woff2", "/i18n/bn.json", "/manifest.webmanifest", "/icons/icon-192.png"]) {
    assert.equal(get(path), "shell", path);
  }
  assert.equal(get("/ticket.html?pnr=DP-7K3M9Q", "navigate"), "shell", "the PNR in the query does not matter");
});

test("the saved ticket reads are network-first with the saved copy as fallback", () => {
  assert.equal(get("/api/bookings/mine"), "ticket");
  assert.equal(get("/api/bookings/DP-7K3M9Q"), "ticket");
  assert.equal(get("/api/bookings/DP-7K3M9Q/ticket/qr.png?token=abc"), "ticket");
});

test("live data and every other API call are network-only", () => {
  for (const path of ["/api/trips/T1/seats", "/api/trips?from=dhaka&to=khulna&date=2026-12-10", "/api/holds", "/api/stops",
    "/api/bookings/DP-7K3M9Q/cancellation", "/api/bookings/DP-7K3M9Q/ticket", "/api/bookings/not-a-pnr", "/api/auth/refresh",
    "/hubs/trips/negotiate", "/sw.js", "/api/bookings/mine/extra"]) {
    assert.equal(get(path), "network", path);
  }
});

test("writes are never answered by the worker, even on a cached path", () => {
  assert.equal(routeFor({ url: `${ORIGIN}/api/bookings/DP-7K3M9Q/resend`, method: "POST" }, ORIGIN), "network");
  assert.equal(routeFor({ url: `${ORIGIN}/api/bookings/DP-7K3M9Q`, method: "POST" }, ORIGIN), "network");
  assert.equal(routeFor({ url: `${ORIGIN}/bookings.html`, method: "POST" }, ORIGIN), "network");
});

test("other origins are not touched", () => {
  assert.equal(routeFor({ url: "https://js.stripe.com/v3/", method: "GET" }, ORIGIN), "network");
  assert.equal(routeFor({ url: "https://example.com/bookings.html", method: "GET", mode: "navigate" }, ORIGIN), "network");
});

test("pages outside the shell (seat map, search, booking) are network-only with the offline page as fallback", () => {
  assert.equal(get("/trip.html?trip=T1", "navigate"), "page");
  assert.equal(get("/book.html", "navigate"), "page");
  assert.equal(get("/", "navigate"), "page");
  assert.equal(get("/js/trip-page.js"), "network", "a seat map script is not kept");
  assert.ok(PRECACHE.includes(OFFLINE_PAGE));
  assert.ok(!PRECACHE.some((path) => /trip|book\.html|search/.test(path)), "nothing of the live pages is precached");
});

test("activate removes the shell caches of other builds and keeps the saved tickets", () => {
  const names = [shellCacheName("old1"), shellCacheName("new2"), TICKETS_CACHE, "someone-else"];
  assert.deepEqual(obsoleteCaches(names, "new2"), [shellCacheName("old1")]);
});

test("only a signed-in passenger saves tickets, and only their own stay", () => {
  const rahim = { id: "u1", role: "passenger" };
  assert.deepEqual(ticketCachePolicy(rahim, null), { clear: false, save: true });
  assert.deepEqual(ticketCachePolicy(rahim, "u1"), { clear: false, save: true });
  assert.deepEqual(ticketCachePolicy(null, "u1"), { clear: true, save: false }, "signed out: removed");
  assert.deepEqual(ticketCachePolicy({ id: "u2", role: "passenger" }, "u1"), { clear: true, save: true }, "another passenger on the phone");
  assert.deepEqual(ticketCachePolicy({ id: "c1", role: "clerk" }, null), { clear: false, save: false }, "staff never save");
  assert.deepEqual(ticketCachePolicy({ id: "c1", role: "clerk" }, "u1"), { clear: true, save: false });
});

test("only confirmed bookings are saved, latest departure first, bounded", () => {
  const bookings = [
    { pnr: "DP-AAAAAA", status: "Confirmed", departure: "2026-12-10T06:00:00+06:00" },
    { pnr: "DP-BBBBBB", status: "PendingPayment", departure: "2026-12-11T06:00:00+06:00" },
    { pnr: "DP-CCCCCC", status: "Cancelled", departure: "2026-12-12T06:00:00+06:00" },
    { pnr: "DP-DDDDDD", status: "Confirmed", departure: "2026-12-13T06:00:00+06:00" },
    { pnr: "../evil", status: "Confirmed", departure: "2026-12-14T06:00:00+06:00" },
  ];
  assert.deepEqual(ticketsToSave(bookings).map((b) => b.pnr), ["DP-DDDDDD", "DP-AAAAAA"]);
  assert.deepEqual(ticketsToSave(bookings, 1).map((b) => b.pnr), ["DP-DDDDDD"]);
  assert.deepEqual(ticketsToSave(null), []);
});

test("the precached modules are exactly what the shell pages import", () => {
  const seen = new Set();
  const walk = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const source = readFileSync(join(wwwroot, path), "utf8");
    for (const [, name] of source.matchAll(/(?:import|export)\s[^;]*?from\s+"\.\/([\w-]+\.js)"/g)) walk(`/js/${name}`);
  };
  for (const entry of SHELL_ENTRY_MODULES) walk(entry);
  assert.deepEqual([...SHELL_MODULES].sort(), [...seen].sort());
});

test("every precached file except built ones exists, and the shell pages load their entry module", () => {
  const built = (path) => path.startsWith("/dist/");
  const missing = PRECACHE.filter((path) => !built(path)).filter((path) => !existsSync(join(wwwroot, path)));
  assert.deepEqual(missing, []);
  assert.match(readFileSync(join(wwwroot, "ticket.html"), "utf8"), /src="\/js\/ticket-page\.js"/);
  assert.match(readFileSync(join(wwwroot, "offline.html"), "utf8"), /src="\/js\/offline-page\.js"/);
});

test("the manifest is installable: name, Bangla short name, standalone, start URL in scope, 192 and 512 PNG icons", () => {
  const manifest = JSON.parse(readFileSync(join(wwwroot, "manifest.webmanifest"), "utf8"));
  assert.ok(manifest.name);
  assert.match(manifest.short_name, /[\u0980-\u09FF]/);
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.start_url, "/bookings.html");
  assert.equal(manifest.scope, "/");
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === "image/png");
    assert.ok(icon, size);
    const png = readFileSync(join(wwwroot, icon.src));
    const [width, height] = size.split("x").map(Number);
    assert.equal(png.readUInt32BE(16), width);
    assert.equal(png.readUInt32BE(20), height);
  }
});
