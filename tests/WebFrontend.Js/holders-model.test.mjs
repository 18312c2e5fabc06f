// Tests for the hoarding console's pure logic (src/WebFrontend/wwwroot/js/holders-model.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { blockProblems, dhakaLocalInput, dhakaUntil, holderState } from "../../src/WebFrontend/wwwroot/js/holders-model.js";

const now = new Date("2026-12-07T12:00:00Z");

test("a block wins over a cool-off, which wins over live holds", () => {
  assert.equal(holderState({ blocked: true, coolOffUntil: "2026-12-07T12:30:00Z", heldSeats: 4 }, now), "blocked");
  assert.equal(holderState({ blocked: false, coolOffUntil: "2026-12-07T12:30:00Z", heldSeats: 4 }, now), "cooling");
  assert.equal(holderState({ blocked: false, coolOffUntil: "2026-12-07T11:30:00Z", heldSeats: 4 }, now), "holding");
  assert.equal(holderState({ blocked: false, coolOffUntil: null, heldSeats: 0 }, now), "quiet");
});

test("the block form's until is read as Dhaka time", () => {
  assert.equal(dhakaUntil("2026-12-24T18:30"), "2026-12-24T18:30:00+06:00");
  assert.equal(dhakaUntil("2026-12-24T18:30:15"), "2026-12-24T18:30:00+06:00");
  assert.equal(dhakaUntil("2026-12-24"), null);
  assert.equal(dhakaUntil(""), null);
});

test("the default until is a day ahead in Dhaka time", () => {
  // 12:00 UTC is 18:00 in Dhaka.
  assert.equal(dhakaLocalInput(now, 24), "2026-12-08T18:00");
  assert.equal(new Date(dhakaUntil(dhakaLocalInput(now, 24))).getTime(), now.getTime() + 24 * 3_600_000);
});

test("a block needs a reason and a future until", () => {
  assert.deepEqual(blockProblems({ reason: "scripted holds", until: "2026-12-08T18:00" }, now), {});
  assert.deepEqual(blockProblems({ reason: "  ", until: "2026-12-08T18:00" }, now), { reason: "ops.form.required" });
  assert.deepEqual(blockProblems({ reason: "x", until: "" }, now), { until: "ops.form.required" });
  assert.deepEqual(blockProblems({ reason: "x", until: "2026-12-07T17:59" }, now), { until: "holders.block.untilPast" });
});
