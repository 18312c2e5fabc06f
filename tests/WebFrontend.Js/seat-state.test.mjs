// Tests for the browser seat model (src/WebFrontend/wwwroot/js/seat-state.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { STATE_RANK, stateOnLeg, SeatModel } from "../../src/WebFrontend/wwwroot/js/seat-state.js";

// Route: Dhaka(0) -> Jashore(1) -> Benapole(2) -> Kolkata(3)
const STOPS = ["dhaka", "jashore", "benapole", "kolkata"];
const stopIndex = new Map(STOPS.map((id, i) => [id, i]));

function model(from = "dhaka", to = "kolkata", tripId = "trip-1") {
  return new SeatModel({ tripId, stopIds: STOPS, from, to });
}

function loaded(from, to, version = 5) {
  const m = model(from, to);
  m.applySnapshot({
    version,
    seats: [
      { seat: "A1", state: "sold" },
      { seat: "A2", state: "held", mine: true },
      { seat: "B1", state: "free" },
    ],
  });
  return m;
}

test("snapshot load sets seats, version and readiness", () => {
  const m = model();
  assert.equal(m.ready, false);
  const changed = m.applySnapshot({
    version: 7,
    seats: [
      { seat: "A1", state: "sold" },
      { seat: "A2", state: "held", mine: true },
      { seat: "B1" },
    ],
  });
  assert.equal(m.ready, true);
  assert.equal(m.version, 7);
  assert.equal(m.stateOf("A1"), "sold");
  assert.equal(m.stateOf("A2"), "held");
  assert.equal(m.isMine("A2"), true);
  assert.equal(m.isMine("A1"), false);
  assert.equal(m.stateOf("B1"), "free");
  assert.deepEqual([...changed].sort(), ["A1", "A2", "B1"]);
});

test("a second snapshot reports only seats that changed or disappeared", () => {
  const m = loaded("dhaka", "kolkata", 5);
  const changed = m.applySnapshot({
    version: 9,
    seats: [
      { seat: "A1", state: "sold" },
      { seat: "B1", state: "blocked" },
    ],
  });
  assert.equal(m.version, 9);
  assert.deepEqual([...changed].sort(), ["A2", "B1"]);
  assert.equal(m.stateOf("A2"), "free");
  assert.equal(m.stateOf("B1"), "blocked");
});

test("a delta with version last+1 is applied", () => {
  const m = loaded("dhaka", "kolkata", 5);
  const { result, changed } = m.offer({
    tripId: "trip-1",
    version: 6,
    changes: [{ seat: "B1", from: "dhaka", to: "kolkata", state: "sold" }],
  });
  assert.equal(result, "applied");
  assert.equal(m.version, 6);
  assert.equal(m.stateOf("B1"), "sold");
  assert.deepEqual([...changed], ["B1"]);
});

test("an old or duplicate version is ignored and changes nothing", () => {
  const m = loaded("dhaka", "kolkata", 5);
  for (const version of [5, 4, 1]) {
    const { result, changed } = m.offer({
      tripId: "trip-1",
      version,
      changes: [{ seat: "B1", from: "dhaka", to: "kolkata", state: "blocked" }],
    });
    assert.equal(result, "ignored", `version ${version}`);
    assert.equal(changed.size, 0);
  }
  assert.equal(m.version, 5);
  assert.equal(m.stateOf("B1"), "free");

  // Applying 6 then re-offering 6 (a duplicate) is ignored too.
  assert.equal(m.offer({ tripId: "trip-1", version: 6, changes: [] }).result, "applied");
  const dup = m.offer({
    tripId: "trip-1",
    version: 6,
    changes: [{ seat: "B1", from: "dhaka", to: "kolkata", state: "blocked" }],
  });
  assert.equal(dup.result, "ignored");
  assert.equal(m.stateOf("B1"), "free");
  assert.equal(m.version, 6);
});

test("a delta before any snapshot, or for another trip, is ignored", () => {
  const fresh = model();
  assert.equal(fresh.offer({ tripId: "trip-1", version: 1, changes: [] }).result, "ignored");
  assert.equal(fresh.ready, false);

  const m = loaded("dhaka", "kolkata", 5);
  const other = m.offer({
    tripId: "trip-2",
    version: 6,
    changes: [{ seat: "B1", from: "dhaka", to: "kolkata", state: "sold" }],
  });
  assert.equal(other.result, "ignored");
  assert.equal(m.version, 5);
  assert.equal(m.stateOf("B1"), "free");
});

test("a version gap (> last+1) is reported as 'gap' and nothing is applied", () => {
  const m = loaded("dhaka", "kolkata", 5);
  const { result, changed } = m.offer({
    tripId: "trip-1",
    version: 7,
    changes: [{ seat: "B1", from: "dhaka", to: "kolkata", state: "sold" }],
  });
  assert.equal(result, "gap");
  assert.equal(changed.size, 0);
  assert.equal(m.version, 5, "version must not advance past a gap");
  assert.equal(m.stateOf("B1"), "free");

  // After a resync snapshot, the next consecutive delta applies again.
  m.applySnapshot({ version: 7, seats: [{ seat: "B1", state: "sold" }] });
  assert.equal(m.offer({ tripId: "trip-1", version: 8, changes: [] }).result, "applied");
  assert.equal(m.version, 8);
});

test("leg overlap: sold Dhaka->Jashore is free on Jashore->Kolkata, sold on Dhaka->Benapole", () => {
  const timeline = [
    { from: "dhaka", to: "jashore", state: "sold" },
    { from: "jashore", to: "kolkata", state: "free" },
  ];
  assert.equal(stateOnLeg(timeline, stopIndex, "jashore", "kolkata"), "free");
  assert.equal(stateOnLeg(timeline, stopIndex, "dhaka", "benapole"), "sold");
  assert.equal(stateOnLeg(timeline, stopIndex, "dhaka", "jashore"), "sold");
  assert.equal(stateOnLeg(timeline, stopIndex, "benapole", "kolkata"), "free");
});

test("a change listing the seat's whole timeline recomputes it for the viewed leg", () => {
  const change = (version) => ({
    tripId: "trip-1",
    version,
    changes: [
      { seat: "B1", from: "dhaka", to: "jashore", state: "sold" },
      { seat: "B1", from: "jashore", to: "kolkata", state: "free" },
    ],
  });

  const later = loaded("jashore", "kolkata", 5);
  later.setLocal("B1", "held");
  assert.equal(later.offer(change(6)).result, "applied");
  assert.equal(later.stateOf("B1"), "free");

  const earlier = loaded("dhaka", "benapole", 5);
  const { result, changed } = earlier.offer(change(6));
  assert.equal(result, "applied");
  assert.equal(earlier.stateOf("B1"), "sold");
  assert.deepEqual([...changed], ["B1"]);

  // The whole timeline is the new truth: a seat sold on the viewed leg becomes free when released.
  const release = earlier.offer({
    tripId: "trip-1",
    version: 7,
    changes: [{ seat: "A1", from: "dhaka", to: "kolkata", state: "free" }],
  });
  assert.equal(release.result, "applied");
  assert.equal(earlier.stateOf("A1"), "free");
});

test("a held seat that stops being held stops being mine", () => {
  const m = loaded("dhaka", "kolkata", 5);
  assert.equal(m.isMine("A2"), true);
  m.offer({
    tripId: "trip-1",
    version: 6,
    changes: [{ seat: "A2", from: "dhaka", to: "kolkata", state: "sold" }],
  });
  assert.equal(m.stateOf("A2"), "sold");
  assert.equal(m.isMine("A2"), false);
});

test("strongest state wins: blocked > sold > held > free", () => {
  assert.ok(STATE_RANK.blocked > STATE_RANK.sold);
  assert.ok(STATE_RANK.sold > STATE_RANK.held);
  assert.ok(STATE_RANK.held > STATE_RANK.free);

  const view = (timeline) => stateOnLeg(timeline, stopIndex, "dhaka", "kolkata");
  const seg = (from, to, state) => ({ from, to, state });
  assert.equal(view([seg("dhaka", "jashore", "held"), seg("jashore", "kolkata", "free")]), "held");
  assert.equal(view([seg("dhaka", "jashore", "held"), seg("jashore", "kolkata", "sold")]), "sold");
  assert.equal(view([seg("dhaka", "jashore", "sold"), seg("jashore", "kolkata", "held")]), "sold");
  assert.equal(
    view([seg("dhaka", "jashore", "sold"), seg("jashore", "benapole", "blocked"), seg("benapole", "kolkata", "held")]),
    "blocked",
  );
  assert.equal(view([seg("dhaka", "kolkata", "free")]), "free");

  // Through the model as well.
  const m = loaded("dhaka", "kolkata", 5);
  m.offer({
    tripId: "trip-1",
    version: 6,
    changes: [
      { seat: "B1", from: "dhaka", to: "jashore", state: "blocked" },
      { seat: "B1", from: "jashore", to: "kolkata", state: "sold" },
    ],
  });
  assert.equal(m.stateOf("B1"), "blocked");
});
