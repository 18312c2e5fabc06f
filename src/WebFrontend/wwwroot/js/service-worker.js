// The service worker, served as /sw.js (scope "/") by OfflineEndpoints, which puts `const BUILD_VERSION = "…";`
// (a hash of the site's static files) in front of this file: a new build is a new worker, whose shell cache replaces
// the old one on activate. Routing rules live in offline-routes.js; this file only carries them out.
/* global BUILD_VERSION */
import { OFFLINE_PAGE, PRECACHE, TICKETS_CACHE, obsoleteCaches, routeFor, shellCacheName } from "/js/offline-routes.js";

const SHELL = shellCacheName(BUILD_VERSION);

self.addEventListener("install", (event) => {
  // "reload" skips the HTTP cache, so the shell of this build is what the server has now, not an older copy.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all(obsoleteCaches(await caches.keys(), BUILD_VERSION).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const route = routeFor(event.request, self.location.origin);
  if (route === "shell") event.respondWith(shellFirst(event.request));
  else if (route === "ticket") event.respondWith(networkThenSaved(event));
  else if (route === "page") event.respondWith(networkOrOfflinePage(event.request));
  // "network": not answered here, so live data can only come from the server.
});

async function shellFirst(request) {
  const cache = await caches.open(SHELL);
  // Pages carry their PNR in the query (/ticket.html?pnr=…); the shell page is the same for every one.
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(new URL(request.url).pathname, response.clone());
  return response;
}

async function networkThenSaved(event) {
  try {
    return await fetch(event.request);
  } catch (error) {
    const saved = await (await caches.open(TICKETS_CACHE)).match(event.request, { ignoreVary: true });
    if (!saved) throw error;
    // The page shows "offline — saved copy from …" with the time the copy was saved (offline.js stores it).
    const client = event.clientId ? await self.clients.get(event.clientId) : null;
    client?.postMessage({ type: "offline-copy", url: event.request.url, savedAt: saved.headers.get("X-Saved-At") });
    return saved;
  }
}

async function networkOrOfflinePage(request) {
  try {
    // Never the HTTP cache either: a page of live seats from yesterday is worse than saying we are offline.
    const response = await fetch(request.url, { cache: "no-store", credentials: "same-origin" });
    // A navigation may not be answered with a followed redirect; hand the browser the redirect instead.
    return response.redirected ? Response.redirect(response.url, 302) : response;
  } catch {
    return (await (await caches.open(SHELL)).match(OFFLINE_PAGE)) ?? Response.error();
  }
}
