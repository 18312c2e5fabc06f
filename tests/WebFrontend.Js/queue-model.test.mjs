// Tests for the waiting page's pure logic (src/WebFrontend/wwwroot/js/queue-model.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { newerStatus, progressOf, queueView, returnUrl } from "../../src/WebFrontend/wwwroot/js/queue-model.js";

const now = new Date("2026-12-20T04:05:00Z");
const status = (over = {}) => ({
  windowId: "sw-0123456789", state: "open", admitted: 10, inLine: 90, seatsLeft: 120,
  opensAt: "2026-12-20T04:00:00Z", version: 5, admissionPerMinute: 20, ...over,
});
const me = (over = {}) => ({
  windowId: "sw-0123456789", state: "waiting", place: 50, position: 40, seatsLeft: 130,
  opensAt: "2026-12-20T04:00:00Z", admittedUntil: null, inLottery: 0, ...over,
});

test("the position is the place minus the places admitted, from the live status", () => {
  const view = queueView(me(), status({ admitted: 30 }), now);
  assert.equal(view.state, "waiting");
  assert.equal(view.position, 20);
  assert.equal(view.waitMinutes, 1);
  assert.equal(view.progress, 60);
  assert.equal(view.seatsLeft, 120);
  assert.equal(view.refresh, false);
});

test("reaching the front asks for the place again (to pick up the admission)", () => {
  const view = queueView(me(), status({ admitted: 50 }), now);
  assert.equal(view.position, null);
  assert.equal(view.refresh, true);
});

test("before the opening the passenger is in the lottery, and the drawing makes the page ask for its place", () => {
  const before = queueView(me({ place: null, position: null, inLottery: 321 }), status({ state: "announced", admitted: 0 }), now);
  assert.equal(before.state, "lottery");
  assert.equal(before.inLottery, 321);
  assert.equal(before.refresh, false);
  assert.equal(before.nextKey, "queue.next.lottery");

  const drawn = queueView(me({ place: null, position: null }), status({ state: "open" }), now);
  assert.equal(drawn.refresh, true);
});

test("sold out and closed win over waiting; an admission shows until it runs out", () => {
  assert.equal(queueView(me(), status({ state: "soldout", seatsLeft: 0 }), now).state, "soldout");
  assert.equal(queueView(me(), status({ state: "closed" }), now).state, "closed");
  const admitted = me({ state: "admitted", admittedUntil: "2026-12-20T04:10:00Z", place: 3 });
  assert.equal(queueView(admitted, status(), now).state, "admitted");
  assert.equal(queueView(admitted, status(), new Date("2026-12-20T04:10:01Z")).state, "expired");
  assert.equal(queueView(admitted, status(), now).progress, 100);
});

test("an older or repeated status never replaces a newer one", () => {
  const current = status({ version: 7 });
  assert.equal(newerStatus(current, status({ version: 6 })), current);
  assert.equal(newerStatus(current, status({ version: 8 })).version, 8);
  assert.equal(newerStatus(null, current), current);
});

test("progress stays within 0–100", () => {
  assert.equal(progressOf("waiting", null, 5), 0);
  assert.equal(progressOf("waiting", 10, 20), 100);
  assert.equal(progressOf("waiting", 10, 0), 0);
});

test("the way back goes only to a page of this site", () => {
  const origin = "https://diu.example";
  assert.equal(returnUrl("https://diu.example/trip.html?trip=X&from=a", origin), "/trip.html?trip=X&from=a");
  assert.equal(returnUrl("https://evil.example/trip.html", origin), "/");
  assert.equal(returnUrl(null, origin), "/");
});
