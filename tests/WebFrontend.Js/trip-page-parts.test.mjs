// The parts split out of the live seat map page: keyboard focus (seat-focus.js), what a failed hold means
// (hold-errors.js) and the once-a-second hold countdown (holdTicks in trip-model.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError } from "../../src/WebFrontend/wwwroot/js/api.js";
import { holdFailure, keepsRequestId } from "../../src/WebFrontend/wwwroot/js/hold-errors.js";
import { RovingFocus } from "../../src/WebFrontend/wwwroot/js/seat-focus.js";
import { holdTicks } from "../../src/WebFrontend/wwwroot/js/trip-model.js";

function button(label, row, column) {
  return {
    label,
    dataset: { row: String(row), column: String(column) },
    attributes: {},
    focused: false,
    setAttribute(name, value) {
      this.attributes[name] = value;
    },
    focus() {
      this.focused = true;
    },
  };
}

function seats() {
  return new Map([["A1", button("A1", 0, 0)], ["A2", button("A2", 0, 1)], ["B1", button("B1", 1, 0)]]);
}

test("RovingFocus starts on the first seat and moves the single Tab stop", () => {
  const buttons = seats();
  const focus = new RovingFocus(buttons);
  assert.equal(focus.label, "A1");

  focus.set("A1");
  assert.equal(buttons.get("A1").attributes.tabindex, "0");
  focus.set("B1");
  assert.equal(buttons.get("A1").attributes.tabindex, "-1");
  assert.equal(buttons.get("B1").attributes.tabindex, "0");
  assert.equal(focus.label, "B1");

  focus.set("Z9");
  assert.equal(focus.label, "B1");
});

test("RovingFocus.move focuses the seat in the key's direction and keeps other keys for the browser", () => {
  const buttons = seats();
  const focus = new RovingFocus(buttons);
  let prevented = 0;
  const key = (k) => ({ key: k, preventDefault: () => prevented++ });

  focus.move(buttons.get("A1"), key("ArrowRight"));
  assert.equal(buttons.get("A2").focused, true);
  focus.move(buttons.get("A1"), key("ArrowDown"));
  assert.equal(buttons.get("B1").focused, true);
  assert.equal(prevented, 2);

  focus.move(buttons.get("A1"), key("Tab"));
  assert.equal(prevented, 2);
});

test("holdFailure: an unverified phone asks for the SMS code", () => {
  const error = new ApiError(401, { code: "phone-verification-required" });
  assert.deepEqual(holdFailure(error, ["A1"]), { kind: "verify-phone" });
});

test("holdFailure: taken seats are the server's conflicts, or every seat asked for when it names none", () => {
  assert.deepEqual(holdFailure(new ApiError(409, { code: "seats-unavailable", conflicts: ["B1"] }), ["A1", "B1"]),
    { kind: "conflict", conflicts: ["B1"] });
  assert.deepEqual(holdFailure(new ApiError(409, { code: "seats-unavailable" }), ["A1", "B1"]),
    { kind: "conflict", conflicts: ["A1", "B1"] });
});

test("holdFailure: other conflicts refresh the map, other errors do not", () => {
  assert.deepEqual(holdFailure(new ApiError(409, { code: "hold-limit-reached" }), ["A1"]), { kind: "other", refresh: true });
  assert.deepEqual(holdFailure(new ApiError(400, { code: "too-many-seats" }), ["A1"]), { kind: "other", refresh: false });
  assert.deepEqual(holdFailure(new Error("boom"), ["A1"]), { kind: "other", refresh: false });
});

test("keepsRequestId only for a request lost in the network", () => {
  assert.equal(keepsRequestId(new ApiError(0, {})), true);
  assert.equal(keepsRequestId(new ApiError(409, { code: "seats-unavailable" })), false);
  assert.equal(keepsRequestId(new Error("boom")), false);
});

test("holdTicks: expired holds are listed, and a hold entering its last minute is warned once", () => {
  const holds = new Map([
    ["h1", { holdId: "h1", expiresAt: 1000, warned: false }],
    ["h2", { holdId: "h2", expiresAt: 50_000, warned: false }],
    ["h3", { holdId: "h3", expiresAt: 500_000, warned: false }],
  ]);

  const first = holdTicks(holds, 1000);
  assert.deepEqual(first.expired.map((h) => h.holdId), ["h1"]);
  assert.deepEqual(first.warn.map((h) => h.holdId), ["h2"]);

  const second = holdTicks(holds, 2000);
  assert.deepEqual(second.warn, []);
});
