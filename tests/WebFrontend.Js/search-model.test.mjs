import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyReason } from "../../src/WebFrontend/wwwroot/js/search-model.js";

test("emptyReason says a past date has gone", () => {
  assert.deepEqual(emptyReason("2026-12-06", "2026-12-07", 14), { reason: "past" });
});

test("emptyReason says when sales open for a date beyond the window", () => {
  assert.deepEqual(emptyReason("2026-12-25", "2026-12-07", 14), { reason: "notYetOnSale", opensOn: "2026-12-11" });
});

test("emptyReason inside the window is plain no trips", () => {
  assert.deepEqual(emptyReason("2026-12-07", "2026-12-07", 14), { reason: "none" });
  assert.deepEqual(emptyReason("2026-12-21", "2026-12-07", 14), { reason: "none" });
});
