// Tests for the live seat map page's pure logic (src/WebFrontend/wwwroot/js/trip-model.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { SeatModel } from "../../src/WebFrontend/wwwroot/js/seat-state.js";
import {
  displayState,
  heldSeats,
  holdsFull,
  holdsInOrder,
  holdsKey,
  maxSeats,
  mergeHolds,
  pageHold,
  reconcileHolds,
  salesClosed,
  searchHref,
  timetabledDeparture,
  toggleSelection,
  tripLeg,
} from "../../src/WebFrontend/wwwroot/js/trip-model.js";

const TRIP = {
  tripId: "trip-1",
  stops: [
    { stopId: "dhaka", departure: "2026-12-08T08:00:00+06:00" },
    { stopId: "jashore", departure: "2026-12-08T12:00:00+06:00" },
    { stopId: "benapole", departure: "2026-12-08T13:30:00+06:00" },
  ],
  legFares: [700, 150],
};

function seatModel(seats, from = "dhaka", to = "benapole") {
  const model = new SeatModel({ tripId: "trip-1", stopIds: ["dhaka", "jashore", "benapole"], from, to });
  model.applySnapshot({ version: 1, seats });
  return model;
}

const apiHold = (holdId, seats, expiresAt = "2026-12-08T07:10:00Z") => ({
  holdId,
  tripId: "trip-1",
  seats,
  from: "dhaka",
  to: "benapole",
  expiresAt,
  amount: 850 * seats.length,
});

// ---------- leg and fare ----------

test("tripLeg adds up the leg fares between the two stops", () => {
  const whole = tripLeg(TRIP, "dhaka", "benapole");
  assert.equal(whole.farePerSeat, 850);
  assert.equal(whole.fromStop.stopId, "dhaka");
  assert.equal(whole.toStop.stopId, "benapole");
  assert.equal(tripLeg(TRIP, "jashore", "benapole").farePerSeat, 150);
  assert.equal(tripLeg(TRIP, "dhaka", "jashore").farePerSeat, 700);
});

test("tripLeg rejects unknown stops and legs that run backwards or go nowhere", () => {
  assert.equal(tripLeg(TRIP, "dhaka", "kolkata"), null);
  assert.equal(tripLeg(TRIP, "benapole", "dhaka"), null);
  assert.equal(tripLeg(TRIP, "jashore", "jashore"), null);
  assert.equal(tripLeg({}, "dhaka", "jashore"), null);
});

test("salesClosed follows salesCloseAt and keeps a trip without one on sale", () => {
  const trip = { salesCloseAt: "2026-12-08T01:45:00Z" };
  assert.equal(salesClosed(trip, Date.parse("2026-12-08T01:44:59Z")), false);
  assert.equal(salesClosed(trip, Date.parse("2026-12-08T01:45:00Z")), true);
  assert.equal(salesClosed({}, Date.parse("2030-01-01T00:00:00Z")), false);
});

test("hold limits come from the trip, with 4 seats and no hold cap by default", () => {
  assert.equal(maxSeats({}), 4);
  assert.equal(maxSeats({ holdLimits: { maxSeatsPerHold: 6 } }), 6);
  assert.equal(maxSeats({ holdLimits: { maxSeatsPerHold: 0 } }), 1);
  assert.equal(holdsFull({ holdLimits: { maxHoldsPerTrip: 2 } }, 1), false);
  assert.equal(holdsFull({ holdLimits: { maxHoldsPerTrip: 2 } }, 2), true);
  assert.equal(holdsFull({}, 50), false);
});

// ---------- seat display and selection ----------

test("displayState shows my holds as mine, picked seats as selected and the rest as the map says", () => {
  const context = { mine: new Set(["A1", "A2"]), selected: ["B1"], holdingSeats: [] };
  assert.equal(displayState("held", "A1", context), "mine");
  assert.equal(displayState("free", "A2", context), "mine", "a hold granted before its delta arrived");
  assert.equal(displayState("free", "B1", context), "selected");
  assert.equal(displayState("free", "B2", context), "free");
  assert.equal(displayState("held", "C1", context), "held");
  assert.equal(displayState("held", "C1", { ...context, modelMine: true }), "mine");
  assert.equal(displayState("sold", "B1", context), "sold");
});

test("displayState keeps a seat selected while its own hold request is in flight", () => {
  const inFlight = { mine: new Set(), selected: ["B1"], holdingSeats: ["B1"] };
  assert.equal(displayState("held", "B1", inFlight), "selected");
  assert.equal(displayState("held", "B1", { ...inFlight, selected: [] }), "held");
});

test("toggleSelection adds free seats in order, removes selected ones and stops at the limit", () => {
  assert.deepEqual(toggleSelection(["A1"], "A2", "free", 4), { selected: ["A1", "A2"], outcome: "added" });
  assert.deepEqual(toggleSelection(["A1", "A2"], "A1", "selected", 4), { selected: ["A2"], outcome: "removed" });
  assert.deepEqual(toggleSelection(["A1", "A2"], "A3", "free", 2), { selected: ["A1", "A2"], outcome: "max" });
  for (const state of ["held", "sold", "blocked", "mine"]) {
    assert.deepEqual(toggleSelection(["A1"], "B1", state, 4), { selected: ["A1"], outcome: "unavailable" }, state);
  }
});

// ---------- holds ----------

test("pageHold reads the API hold and keeps what the page learnt about an existing one", () => {
  const fresh = pageHold({ ...apiHold("h1", ["A1", 3]), amount: "1700" }, false);
  assert.deepEqual(fresh.seats, ["A1", "3"]);
  assert.equal(fresh.amount, 1700);
  assert.equal(fresh.expiresAt, Date.parse("2026-12-08T07:10:00Z"));
  assert.equal(fresh.confirmed, false);
  const again = pageHold(apiHold("h1", ["A1"]), false, { confirmed: true, warned: true, busy: true });
  assert.equal(again.confirmed, true);
  assert.equal(again.warned, true);
  assert.equal(again.busy, true);
});

test("mergeHolds adds this trip's holds as confirmed and skips other trips'", () => {
  const holds = new Map();
  mergeHolds(holds, [apiHold("h1", ["A1"]), { ...apiHold("h2", ["B1"]), tripId: "trip-2" }], "trip-1");
  assert.deepEqual([...holds.keys()], ["h1"]);
  assert.equal(holds.get("h1").confirmed, true);
  mergeHolds(holds, null, "trip-1");
  assert.equal(holds.size, 1);
});

test("reconcileHolds confirms a hold once the map shows it and ends it when its seats are no longer held", () => {
  const now = Date.parse("2026-12-08T07:00:00Z");
  const holds = new Map([["h1", pageHold(apiHold("h1", ["A1", "A2"]), false)]]);

  // The map still shows the seats free (older delta): an unconfirmed hold must not end.
  assert.deepEqual(reconcileHolds(holds, seatModel([{ seat: "A1", state: "free" }, { seat: "A2", state: "free" }]), now), []);
  assert.equal(holds.get("h1").confirmed, false);

  reconcileHolds(holds, seatModel([{ seat: "A1", state: "held" }, { seat: "A2", state: "held" }]), now);
  assert.equal(holds.get("h1").confirmed, true);

  const ended = reconcileHolds(holds, seatModel([{ seat: "A1", state: "sold" }, { seat: "A2", state: "held" }]), now);
  assert.equal(ended.length, 1);
  assert.equal(ended[0].hold.holdId, "h1");
  assert.equal(ended[0].expired, false, "ten minutes were left: ended elsewhere, not expired");
  assert.equal(holds.size, 0);
});

test("reconcileHolds calls a hold that ends within five seconds of its expiry expired", () => {
  const holds = new Map([["h1", pageHold(apiHold("h1", ["A1"], "2026-12-08T07:00:03Z"), true)]]);
  const ended = reconcileHolds(holds, seatModel([{ seat: "A1", state: "free" }]), Date.parse("2026-12-08T07:00:00Z"));
  assert.equal(ended[0].expired, true);
});

test("reconcileHolds leaves holds on a leg the page does not show alone", () => {
  const hold = pageHold({ ...apiHold("h1", ["A1"]), from: "jashore", to: "benapole" }, true);
  const holds = new Map([["h1", hold]]);
  const ended = reconcileHolds(holds, seatModel([{ seat: "A1", state: "free" }], "dhaka", "jashore"), 0);
  assert.deepEqual(ended, []);
  assert.equal(holds.size, 1);
});

test("heldSeats lists the seats of holds on the shown leg", () => {
  const holds = new Map([
    ["h1", pageHold(apiHold("h1", ["A1", "A2"]), true)],
    ["h2", pageHold({ ...apiHold("h2", ["C1"]), from: "jashore", to: "benapole" }, true)],
  ]);
  assert.deepEqual([...heldSeats(holds, seatModel([], "dhaka", "jashore"))], ["A1", "A2"]);
  assert.deepEqual([...heldSeats(holds, seatModel([], "dhaka", "benapole"))].sort(), ["A1", "A2", "C1"]);
});

test("holdsInOrder puts the latest expiry first and holdsKey changes only with the holds or their busy flag", () => {
  const early = pageHold(apiHold("h1", ["A1"], "2026-12-08T07:05:00Z"), true);
  const late = pageHold(apiHold("h2", ["B1"], "2026-12-08T07:09:00Z"), true);
  const ordered = holdsInOrder(new Map([["h1", early], ["h2", late]]));
  assert.deepEqual(ordered.map((h) => h.holdId), ["h2", "h1"]);
  const key = holdsKey(ordered);
  assert.equal(key, "h2:false|h1:false");
  early.warned = true;
  assert.equal(holdsKey(ordered), key, "countdown bookkeeping does not rebuild the panel");
  early.busy = true;
  assert.notEqual(holdsKey(ordered), key);
});

// ---------- header ----------

test("timetabledDeparture moves the boarding time back by the delay, and is null on time", () => {
  assert.equal(timetabledDeparture(TRIP, TRIP.stops[1]), null);
  const delayed = { ...TRIP, scheduledDeparture: "2026-12-08T07:30:00+06:00" };
  assert.equal(timetabledDeparture(delayed, TRIP.stops[1]).toISOString(), "2026-12-08T05:30:00.000Z");
});

test("searchHref goes back to the search for the same leg and date", () => {
  assert.equal(searchHref({ stopId: "dhaka" }, { stopId: 7 }, "2026-12-08"), "/?from=dhaka&to=7&date=2026-12-08");
  assert.equal(searchHref({ stopId: "dhaka" }, { stopId: "jashore" }, ""), "/?from=dhaka&to=jashore");
});
