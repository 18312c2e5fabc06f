// Tests for the ops editors' pure logic (src/WebFrontend/wwwroot/js/ops-model.js).
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  autoLabels,
  duplicateLabels,
  faresAfterInsert,
  faresAfterMove,
  faresAfterRemove,
  gridToLayout,
  layoutProblems,
  layoutToGrid,
  newGrid,
  resizeGrid,
  resizeLegFares,
  routeProblems,
  rowLetter,
  seatCount,
  setLabel,
  slugify,
  toggleCell,
  toHourMinute,
} from "../../src/WebFrontend/wwwroot/js/ops-model.js";

// The demo AC Business coach: 10 rows, 2 + 1 seats, aisle after column 1, driver right, door front left.
function acBusiness() {
  const seats = [];
  for (let row = 0; row < 10; row++) for (let column = 0; column < 3; column++) seats.push({ label: `${"ABCDEFGHIJ"[row]}${column + 1}`, row, column });
  return { code: "AC-B-2+1-30", name: "AC Business 2+1 (30 seats)", rows: 10, columns: 3, aisleAfterColumn: 1, driverSide: "Right", doorSide: "Left", doorRow: 0, seats };
}

test("row letters run A to Z, then AA", () => {
  assert.deepEqual([0, 1, 25, 26, 27].map(rowLetter), ["A", "B", "Z", "AA", "AB"]);
});

test("auto labels count only positions with a seat", () => {
  assert.deepEqual(autoLabels(2, [true, false, true, true]), ["C1", "", "C2", "C3"]);
});

test("layout round-trips through the editor grid unchanged", () => {
  const layout = acBusiness();
  const grid = layoutToGrid(layout);
  const { code, ...body } = layout;
  assert.equal(grid.code, code);
  assert.deepEqual(gridToLayout(grid), body);
});

test("absent seats become empty positions and stay absent on the way back", () => {
  const layout = acBusiness();
  layout.seats = layout.seats.filter((s) => !(s.row === 9 && s.column === 2));
  const grid = layoutToGrid(layout);
  assert.equal(grid.cells[9][2].seat, false);
  assert.equal(seatCount(grid), 29);
  assert.equal(gridToLayout(grid).seats.some((s) => s.row === 9 && s.column === 2), false);
});

test("seats outside the grid are dropped and the aisle is kept between two columns", () => {
  const grid = layoutToGrid({ code: "X", name: "X", rows: 2, columns: 2, aisleAfterColumn: 5, seats: [{ label: "Z9", row: 4, column: 0 }, { label: "A1", row: 0, column: 0 }] });
  assert.equal(seatCount(grid), 1);
  assert.equal(grid.aisleAfterColumn, 0);
});

test("removing a seat renumbers the automatic labels of its row only", () => {
  const grid = layoutToGrid(acBusiness());
  toggleCell(grid, 1, 0);
  assert.deepEqual(grid.cells[1].map((c) => c.label), ["", "B1", "B2"]);
  assert.deepEqual(grid.cells[0].map((c) => c.label), ["A1", "A2", "A3"]);
  toggleCell(grid, 1, 0);
  assert.deepEqual(grid.cells[1].map((c) => c.label), ["B1", "B2", "B3"]);
});

test("a label typed by hand survives renumbering; clearing it returns to automatic", () => {
  const grid = newGrid({ rows: 1, columns: 4 });
  setLabel(grid, 0, 3, " vip ");
  toggleCell(grid, 0, 0);
  assert.deepEqual(grid.cells[0].map((c) => c.label), ["", "A1", "A2", "VIP"]);
  setLabel(grid, 0, 3, "");
  assert.deepEqual(grid.cells[0].map((c) => c.label), ["", "A1", "A2", "A3"]);
});

test("non-automatic labels from the server that match the automatic ones renumber like automatic ones", () => {
  const grid = layoutToGrid(acBusiness());
  toggleCell(grid, 0, 1);
  assert.deepEqual(grid.cells[0].map((c) => c.label), ["A1", "", "A2"]);
});

test("growing the grid adds labelled seats; shrinking keeps what fits and moves door and aisle inside", () => {
  let grid = layoutToGrid(acBusiness());
  grid.doorRow = 9;
  grid = resizeGrid(grid, 11, 4);
  assert.equal(seatCount(grid), 44);
  assert.deepEqual(grid.cells[10].map((c) => c.label), ["K1", "K2", "K3", "K4"]);
  assert.equal(grid.aisleAfterColumn, 1);
  grid = resizeGrid(grid, 3, 1);
  assert.equal(seatCount(grid), 3);
  assert.equal(grid.doorRow, 2);
  assert.equal(grid.aisleAfterColumn, 0);
  assert.deepEqual(grid.cells.map((line) => line[0].label), ["A1", "B1", "C1"]);
});

test("sizes are clamped to the server's limits", () => {
  const grid = resizeGrid(newGrid({ rows: 2, columns: 2 }), 50, 9);
  assert.equal(grid.rows, 20);
  assert.equal(grid.columns, 6);
});

test("duplicate labels are found after trimming; empty labels are not duplicates", () => {
  const duplicates = duplicateLabels([{ label: "A1" }, { label: "A1 " }, { label: "B1" }, { label: "" }, { label: "" }]);
  assert.deepEqual([...duplicates], ["A1"]);
});

test("a layout with duplicate labels is refused before saving, naming the labels", () => {
  const grid = newGrid({ code: "T", name: "Test", rows: 2, columns: 2 });
  setLabel(grid, 1, 1, "A1");
  const problems = layoutProblems(grid);
  assert.deepEqual(problems, [{ field: "seats", key: "duplicates", params: { seats: "A1" } }]);
  setLabel(grid, 1, 1, "");
  assert.deepEqual(layoutProblems(grid), []);
});

test("a layout with no seats, no name or an over-long label is refused", () => {
  const grid = newGrid({ code: "T", name: " ", rows: 1, columns: 2 });
  setLabel(grid, 0, 0, "TOOLONG1");
  assert.deepEqual(layoutProblems(grid).map((p) => p.key), ["nameRequired", "longLabels"]);
  toggleCell(grid, 0, 0);
  toggleCell(grid, 0, 1);
  assert.ok(layoutProblems(grid).some((p) => p.key === "noSeats"));
});

test("inserting a stop adds an empty leg at an end, or splits the leg it lands in", () => {
  assert.deepEqual(faresAfterInsert([1400, 350, 1450], 4), [1400, 350, 1450, null]);
  assert.deepEqual(faresAfterInsert([1400, 350, 1450], 0), [null, 1400, 350, 1450]);
  assert.deepEqual(faresAfterInsert([1400, 350, 1450], 2), [1400, null, null, 1450]);
  assert.deepEqual(faresAfterInsert([], 1), [null]);
});

test("removing a stop drops an end leg, or joins the two legs around it into their sum", () => {
  assert.deepEqual(faresAfterRemove([1400, 350, 1450], 0), [350, 1450]);
  assert.deepEqual(faresAfterRemove([1400, 350, 1450], 3), [1400, 350]);
  assert.deepEqual(faresAfterRemove([1400, 350, 1450], 2), [1400, 1800]);
  assert.deepEqual(faresAfterRemove([1400, null, 1450], 1), [null, 1450]);
  assert.deepEqual(faresAfterRemove([900], 1), []);
});

test("moving a stop keeps one fare per leg", () => {
  // Kolkata moved to second place: the Benapole–Kolkata leg goes, the Dhaka–Jashore leg splits around it.
  assert.deepEqual(faresAfterMove([1400, 350, 1450], 3, 1), [null, null, 350]);
  assert.deepEqual(faresAfterMove([1, 2], 1, 1), [1, 2]);
});

test("leg fares resize to the number of legs", () => {
  assert.deepEqual(resizeLegFares([100, 200], 3), [100, 200, null]);
  assert.deepEqual(resizeLegFares([100, 200, 300], 1), [100]);
  assert.deepEqual(resizeLegFares(undefined, 0), []);
});

function route(overrides = {}) {
  return {
    code: "DHK-KOL",
    nameEn: "Dhaka – Kolkata",
    nameBn: "ঢাকা – কলকাতা",
    stops: [
      { stopId: "dhaka-kalyanpur", offsetMinutes: 0 },
      { stopId: "jashore", offsetMinutes: 270 },
      { stopId: "kolkata-marquis-street", offsetMinutes: 600 },
    ],
    fares: [{ class: "AcBusiness", legFares: [1400, 1800] }],
    ...overrides,
  };
}

test("a valid route has no problems", () => {
  assert.deepEqual(routeProblems(route()), []);
});

test("route checks: code, two stops, times from zero and increasing, each stop once", () => {
  assert.deepEqual(routeProblems(route({ code: "dhk-kol" })).map((p) => p.key), ["code"]);
  const stops = route().stops;
  assert.ok(routeProblems(route({ stops: stops.slice(0, 1), fares: [{ class: "NonAc", legFares: [] }] })).some((p) => p.key === "twoStops"));
  const late = routeProblems(route({ stops: [{ ...stops[0], offsetMinutes: 5 }, stops[1], stops[2]] }));
  assert.deepEqual(late.map((p) => [p.key, p.index]), [["firstOffset", 0]]);
  const backwards = routeProblems(route({ stops: [stops[0], { ...stops[1], offsetMinutes: 700 }, stops[2]] }));
  assert.deepEqual(backwards.map((p) => [p.key, p.index]), [["offsetOrder", 2]]);
  const twice = routeProblems(route({ stops: [stops[0], stops[1], { ...stops[1], offsetMinutes: 600 }] }));
  assert.deepEqual(twice.map((p) => [p.key, p.index]), [["stopTwice", 2]]);
});

test("route checks: a fare for every leg, positive whole taka, at least one class", () => {
  const problems = routeProblems(route({ fares: [{ class: "NonAc", legFares: [500, null] }] }));
  assert.deepEqual(problems.map((p) => [p.key, p.index]), [["fare", 1]]);
  assert.deepEqual(routeProblems(route({ fares: [{ class: "NonAc", legFares: [0, 10] }] })).map((p) => p.key), ["fare"]);
  assert.deepEqual(routeProblems(route({ fares: [] })).map((p) => p.key), ["noClass"]);
});

test("ids are slugs made from names", () => {
  assert.equal(slugify("Dhaka (Gabtoli)"), "dhaka-gabtoli");
  assert.equal(slugify("Cox's Bazar"), "cox-s-bazar");
  assert.equal(slugify("  Café  Ürün "), "cafe-urun");
});

test("schedule times show as HH:mm", () => {
  assert.equal(toHourMinute("22:30:00"), "22:30");
  assert.equal(toHourMinute("6:05"), "06:05");
  assert.equal(toHourMinute(""), "");
});

test("isIsoInstant recognises UTC and offset instants, not dates, ids or numbers", async () => {
  const { isIsoInstant } = await import("../../src/WebFrontend/wwwroot/js/ops-model.js");
  assert.equal(isIsoInstant("2026-12-07T16:30:00Z"), true);
  assert.equal(isIsoInstant("2026-12-07T22:30:00+06:00"), true);
  assert.equal(isIsoInstant("2026-12-07T16:30:00.123Z"), true);
  assert.equal(isIsoInstant("2026-12-07"), false);
  assert.equal(isIsoInstant("DHK-KOL-20261207-2230"), false);
  assert.equal(isIsoInstant(3300), false);
});

test("ladies seats: toggled on a seat, kept through the API round trip, dropped with the seat", async () => {
  const { gridToLayout, layoutToGrid, newGrid, toggleCell, toggleLadies } = await import("../../src/WebFrontend/wwwroot/js/ops-model.js");
  const grid = newGrid({ code: "L", name: "Ladies", rows: 2, columns: 2 });
  toggleLadies(grid, 0, 1);
  let layout = gridToLayout(grid);
  assert.deepEqual(layout.seats.filter((s) => s.ladies).map((s) => s.label), ["A2"]);
  assert.equal(layout.seats.find((s) => s.label === "A1").ladies, undefined);

  const again = layoutToGrid({ ...layout, code: "L" });
  assert.equal(again.cells[0][1].ladies, true);
  assert.deepEqual(gridToLayout(again), layout);

  toggleCell(again, 0, 1);
  toggleCell(again, 0, 1);
  layout = gridToLayout(again);
  assert.deepEqual(layout.seats.filter((s) => s.ladies), []);
  // A position without a seat cannot be a ladies seat.
  toggleCell(again, 1, 0);
  toggleLadies(again, 1, 0);
  assert.equal(again.cells[1][0].ladies, false);
});
