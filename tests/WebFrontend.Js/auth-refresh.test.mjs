// auth.js keeps a signed-in session through a busy server: a refresh answered 429 (or 5xx, or no answer) waits as
// Retry-After says and tries again, and only a 401 from the refresh endpoint signs the user out.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { MemoryStorage } from "./memory-storage.mjs";


globalThis.localStorage = new MemoryStorage();
globalThis.sessionStorage = new MemoryStorage();
globalThis.window = { location: { origin: "http://localhost" }, localStorage: globalThis.localStorage, addEventListener() {} };

let answers = [];
const calls = [];
globalThis.fetch = async (url, init) => {
  calls.push({ url: String(url), body: init.body ? JSON.parse(init.body) : null });
  const next = answers.shift();
  if (next === "network") throw new TypeError("fetch failed");
  return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
    status: next.status,
    headers: { "Content-Type": "application/json", ...(next.headers ?? {}) },
  });
};

const auth = await import("../../src/WebFrontend/wwwroot/js/auth.js");
const waits = [];
auth.setRefreshWait(async (ms) => {
  waits.push(ms);
});

const session = (n) => ({
  accessToken: `access-${n}`,
  accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
  refreshToken: `refresh-${n}`,
  user: { id: "u1", name: "Passenger", role: "passenger", login: "+8801712345678", phoneVerified: true },
});

beforeEach(() => {
  answers = [];
  calls.length = 0;
  waits.length = 0;
  localStorage.setItem("dp.refresh", "refresh-0");
  localStorage.setItem("dp.user", JSON.stringify(session(0).user));
});

test("a refresh answered 429 waits Retry-After, tries again and keeps the user signed in", async () => {
  answers = [{ status: 429, headers: { "Retry-After": "7" }, body: { code: "rate-limited" } }, { status: 200, body: session(1) }];

  const token = await auth.refreshSession();

  assert.equal(token, "access-1");
  assert.deepEqual(waits, [7000]);
  assert.equal(calls.length, 2);
  assert.equal(localStorage.getItem("dp.refresh"), "refresh-1");
  assert.equal(auth.currentUser()?.id, "u1");
});

test("server errors and lost connections are retried too, never signing the user out", async () => {
  answers = [{ status: 503, body: {} }, "network", { status: 200, body: session(2) }];

  assert.equal(await auth.refreshSession(), "access-2");
  assert.equal(waits.length, 2);
  assert.equal(auth.currentUser()?.id, "u1");
});

test("when the server stays busy the refresh gives up for now but the session is kept", async () => {
  answers = Array.from({ length: 4 }, () => ({ status: 429, headers: { "Retry-After": "1" }, body: {} }));

  assert.equal(await auth.refreshSession(), null);
  assert.equal(calls.length, 4);
  assert.equal(localStorage.getItem("dp.refresh"), "refresh-0");
  assert.equal(auth.currentUser()?.id, "u1");
});

test("a 401 from the refresh endpoint ends the session", async () => {
  answers = [{ status: 401, body: { code: "invalid-refresh-token" } }];

  assert.equal(await auth.refreshSession(), null);
  assert.equal(auth.currentUser(), null);
  assert.equal(localStorage.getItem("dp.refresh"), null);
});

test("Retry-After is capped, and a missing one means a short pause", () => {
  assert.equal(auth.retryWaitMs({ retryAfterSeconds: 3600 }), 30_000);
  assert.equal(auth.retryWaitMs({ retryAfterSeconds: null }), 2_000);
  assert.equal(auth.retryWaitMs({ retryAfterSeconds: 0 }), 0);
});
