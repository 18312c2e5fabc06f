import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyReason } from "../../src/WebFrontend/wwwroot/js/search-model.js";

test("emptyReason says a past date has gone", () => {
  assert.deepEqual(emptyReason("2026-12-06", "2026-12-07", 14), { reason: "past" });
});

test("emptyReason says when sales open for a date beyond the window", () => {
  // 14 days on sale, today included: the 25th opens on the 12th, when it becomes the 14th day.
  assert.deepEqual(emptyReason("2026-12-25", "2026-12-07", 14), { reason: "notYetOnSale", opensOn: "2026-12-12" });
  assert.deepEqual(emptyReason("2026-12-21", "2026-12-07", 14), { reason: "notYetOnSale", opensOn: "2026-12-08" });
});

test("emptyReason inside the window is plain no trips", () => {
  assert.deepEqual(emptyReason("2026-12-07", "2026-12-07", 14), { reason: "none" });
  assert.deepEqual(emptyReason("2026-12-20", "2026-12-07", 14), { reason: "none" });
});

test("emptyReason follows the server's window, and without one claims no opening day", () => {
  assert.deepEqual(emptyReason("2026-12-25", "2026-12-07", 30), { reason: "none" });
  assert.deepEqual(emptyReason("2027-01-10", "2026-12-07", 30), { reason: "notYetOnSale", opensOn: "2026-12-12" });
  assert.deepEqual(emptyReason("2027-01-10", "2026-12-07", undefined), { reason: "none" });
  assert.deepEqual(emptyReason("2026-12-01", "2026-12-07", undefined), { reason: "past" });
});
