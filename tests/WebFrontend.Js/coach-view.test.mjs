// Keyboard movement on the coach seat map (src/WebFrontend/wwwroot/js/coach-view.js), shared by the passenger and
// ops maps. Seats only need data-row / data-column, so plain objects stand in for the buttons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { seatInDirection } from "../../src/WebFrontend/wwwroot/js/coach-view.js";

// Two rows of a 2 + 1 coach; B1 is missing (stairs).
const seat = (label, row, column) => ({ label, dataset: { row: String(row), column: String(column) } });
const seats = [seat("A1", 0, 0), seat("A2", 0, 1), seat("A3", 0, 2), seat("B2", 1, 1), seat("B3", 1, 2), seat("C1", 2, 0)];
const at = (label) => seats.find((s) => s.label === label);
const move = (from, key) => seatInDirection(seats, at(from), key)?.label ?? null;

test("left and right stay in the row and stop at its ends", () => {
  assert.equal(move("A1", "ArrowRight"), "A2");
  assert.equal(move("A2", "ArrowLeft"), "A1");
  assert.equal(move("A3", "ArrowRight"), null);
});

test("up and down go to the nearest seat in the next row that has one, skipping missing seats", () => {
  assert.equal(move("A1", "ArrowDown"), "B2");
  assert.equal(move("B2", "ArrowDown"), "C1");
  assert.equal(move("C1", "ArrowUp"), "B2");
  assert.equal(move("A2", "ArrowUp"), null);
});

test("Home and End go to the row's first and last seat; other keys are not handled", () => {
  assert.equal(move("A2", "Home"), "A1");
  assert.equal(move("A1", "End"), "A3");
  assert.equal(move("A1", "Enter"), null);
});
