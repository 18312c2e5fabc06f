// Pure logic behind the ops editors: the seat-layout grid and its labels, the route's per-leg fare grid, and the
// checks made before anything is sent. No DOM here, so it is tested with plain Node (tests/WebFrontend.Js/).

/** Limits the server enforces (NetworkValidator); the editors keep inputs inside them. */
export const LAYOUT_LIMITS = { maxRows: 20, maxColumns: 6, maxLabelLength: 6 };

// ---------- seat layout ----------

/** Row letter the Bangladeshi way: 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function rowLetter(row) {
  let n = row;
  let letters = "";
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return letters;
}

/**
 * The automatic label of every seat in one row: row letter, then 1, 2 … counting only positions that have a seat,
 * left to right. Returns one entry per column ("" where there is no seat).
 * @param {number} row
 * @param {boolean[]} seatFlags one per seat column
 */
export function autoLabels(row, seatFlags) {
  let number = 0;
  return seatFlags.map((isSeat) => (isSeat ? `${rowLetter(row)}${++number}` : ""));
}

/**
 * The editor's model of a layout: every grid position, seat or not. A cell's `auto` says its label follows the
 * automatic labelling; a label typed by hand (auto = false) is kept when neighbours change.
 * @typedef {{seat: boolean, label: string, auto: boolean}} Cell
 * @typedef {{code: string, name: string, rows: number, columns: number, aisleAfterColumn: number,
 *            driverSide: "Left"|"Right", doorSide: "Left"|"Right", doorRow: number, cells: Cell[][]}} LayoutGrid
 */

/** A new layout: every position a seat, labelled A1…; aisle in the middle, driver right, door front left. */
export function newGrid({ code = "", name = "", rows = 10, columns = 4 } = {}) {
  const grid = {
    code,
    name,
    rows,
    columns,
    aisleAfterColumn: defaultAisle(columns),
    driverSide: "Right",
    doorSide: "Left",
    doorRow: 0,
    cells: Array.from({ length: rows }, () => Array.from({ length: columns }, () => ({ seat: true, label: "", auto: true }))),
  };
  return relabel(grid);
}

/** A layout as the API sends it -> the editor's grid. Seats outside rows × columns are dropped. */
export function layoutToGrid(layout) {
  const rows = clampInt(layout.rows, 1, LAYOUT_LIMITS.maxRows);
  const columns = clampInt(layout.columns, 1, LAYOUT_LIMITS.maxColumns);
  const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ({ seat: false, label: "", auto: true })));
  for (const seat of layout.seats ?? []) {
    if (seat.row < 0 || seat.row >= rows || seat.column < 0 || seat.column >= columns) continue;
    cells[seat.row][seat.column] = { seat: true, label: String(seat.label ?? ""), auto: false, ladies: Boolean(seat.ladies) };
  }
  // A label equal to what auto-labelling would give stays automatic, so toggling a seat renumbers its row.
  cells.forEach((line, row) => {
    const auto = autoLabels(row, line.map((c) => c.seat));
    line.forEach((cell, column) => {
      if (cell.seat && cell.label === auto[column]) cell.auto = true;
    });
  });
  return {
    code: String(layout.code ?? ""),
    name: String(layout.name ?? ""),
    rows,
    columns,
    aisleAfterColumn: validAisle(layout.aisleAfterColumn, columns),
    driverSide: layout.driverSide === "Left" ? "Left" : "Right",
    doorSide: layout.doorSide === "Right" ? "Right" : "Left",
    doorRow: clampInt(layout.doorRow ?? 0, 0, rows - 1),
    cells,
  };
}

/** The editor's grid -> the body of PUT /api/admin/layouts/{code}. Labels are trimmed; no-seat positions are absent. */
export function gridToLayout(grid) {
  const seats = [];
  grid.cells.forEach((line, row) =>
    line.forEach((cell, column) => {
      if (cell.seat) seats.push(cell.ladies ? { label: cell.label.trim(), row, column, ladies: true } : { label: cell.label.trim(), row, column });
    }),
  );
  return {
    name: grid.name.trim(),
    rows: grid.rows,
    columns: grid.columns,
    aisleAfterColumn: grid.aisleAfterColumn,
    driverSide: grid.driverSide,
    doorSide: grid.doorSide,
    doorRow: grid.doorRow,
    seats,
  };
}

/** Gives every automatic cell its automatic label (row by row) and clears labels of positions without a seat. */
export function relabel(grid) {
  grid.cells.forEach((line, row) => {
    const auto = autoLabels(row, line.map((c) => c.seat));
    line.forEach((cell, column) => {
      if (!cell.seat) {
        cell.label = "";
        cell.auto = true;
      } else if (cell.auto) cell.label = auto[column];
    });
  });
  return grid;
}

/** Seat <-> no seat at one position; the row's automatic labels follow. */
export function toggleCell(grid, row, column) {
  const cell = grid.cells[row]?.[column];
  if (!cell) return grid;
  cell.seat = !cell.seat;
  cell.auto = true;
  // A position that is no seat is no ladies seat either.
  if (!cell.seat) cell.ladies = false;
  return relabel(grid);
}

/** Marks a seat as a ladies seat (sold only to women until shortly before departure), or unmarks it. */
export function toggleLadies(grid, row, column) {
  const cell = grid.cells[row]?.[column];
  if (cell?.seat) cell.ladies = !cell.ladies;
  return grid;
}

/** Sets a label by hand (upper-cased, as printed on the seat); an empty label goes back to automatic. */
export function setLabel(grid, row, column, text) {
  const cell = grid.cells[row]?.[column];
  if (!cell || !cell.seat) return grid;
  const label = String(text ?? "").trim().toUpperCase();
  cell.auto = label === "";
  cell.label = label;
  return relabel(grid);
}

/** Every seat back to automatic labels. */
export function resetLabels(grid) {
  for (const line of grid.cells) for (const cell of line) cell.auto = true;
  return relabel(grid);
}

/**
 * Changes the grid size, keeping every position that still fits. New positions are seats with automatic labels;
 * the aisle and the door row move inside the new bounds.
 */
export function resizeGrid(grid, rows, columns) {
  rows = clampInt(rows, 1, LAYOUT_LIMITS.maxRows);
  columns = clampInt(columns, 1, LAYOUT_LIMITS.maxColumns);
  const cells = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => grid.cells[row]?.[column] ?? { seat: true, label: "", auto: true }),
  );
  const aisle = columns === grid.columns ? grid.aisleAfterColumn : defaultAisle(columns);
  return relabel({
    ...grid,
    rows,
    columns,
    cells,
    aisleAfterColumn: validAisle(aisle, columns),
    doorRow: Math.min(grid.doorRow, rows - 1),
  });
}

/** Number of seats in the grid. */
export function seatCount(grid) {
  return grid.cells.reduce((sum, line) => sum + line.filter((c) => c.seat).length, 0);
}

/**
 * Labels used by more than one seat (after trimming), which the server refuses (`invalid-layout`).
 * @param {{label: string}[]} seats
 * @returns {Set<string>}
 */
export function duplicateLabels(seats) {
  const seen = new Set();
  const duplicates = new Set();
  for (const seat of seats) {
    const label = String(seat.label ?? "").trim();
    if (!label) continue;
    if (seen.has(label)) duplicates.add(label);
    else seen.add(label);
  }
  return duplicates;
}

/**
 * What is wrong with a layout before it is sent, as {field, key, params} (key under ops.layouts.errors).
 * Field names are the API's, so server and client errors land in the same place.
 */
export function layoutProblems(grid) {
  const problems = [];
  if (!grid.code.trim()) problems.push({ field: "code", key: "codeRequired" });
  if (!grid.name.trim()) problems.push({ field: "name", key: "nameRequired" });
  const { seats } = gridToLayout(grid);
  if (seats.length === 0) problems.push({ field: "seats", key: "noSeats" });
  const empty = seats.filter((s) => !s.label);
  if (empty.length) problems.push({ field: "seats", key: "emptyLabels", params: { count: empty.length } });
  const long = seats.filter((s) => s.label.length > LAYOUT_LIMITS.maxLabelLength);
  if (long.length) problems.push({ field: "seats", key: "longLabels", params: { seats: long.map((s) => s.label).join(", "), max: LAYOUT_LIMITS.maxLabelLength } });
  const duplicates = duplicateLabels(seats);
  if (duplicates.size) problems.push({ field: "seats", key: "duplicates", params: { seats: [...duplicates].join(", ") } });
  return problems;
}

function defaultAisle(columns) {
  return columns > 1 ? Math.ceil(columns / 2) - 1 : 0;
}

/** The server wants the aisle between two seat columns: 0 ≤ aisle < columns − 1 (any value ≥ 0 for one column). */
function validAisle(value, columns) {
  if (columns <= 1) return 0;
  const aisle = Number.isInteger(value) ? value : defaultAisle(columns);
  return clampInt(aisle, 0, columns - 2);
}

function clampInt(value, min, max) {
  const n = Math.trunc(Number(value));
  if (!Number.isFinite(n)) return min;
  return Math.min(Math.max(n, min), max);
}

// ---------- route stops and fares ----------

export const COACH_CLASSES = ["AcBusiness", "AcEconomy", "NonAc"];

/**
 * Leg fares after inserting a stop at position `index` of a route that had legFares.length + 1 stops.
 * A new first or last stop adds an empty leg at that end; a stop between two others splits that leg into two
 * empty ones (the old fare was for the whole stretch, so neither part can be guessed).
 * Empty fares are null.
 */
export function faresAfterInsert(legFares, index) {
  const legs = [...legFares];
  const stops = legs.length + 1;
  if (stops < 2) return Array.from({ length: Math.max(0, stops) }, () => null);
  if (index <= 0) return [null, ...legs];
  if (index >= stops) return [...legs, null];
  legs.splice(index - 1, 1, null, null);
  return legs;
}

/**
 * Leg fares after removing the stop at `index`. Removing the first or last stop drops its leg; removing a stop in
 * between joins its two legs into one whose fare is their sum (or empty if either was empty).
 */
export function faresAfterRemove(legFares, index) {
  const legs = [...legFares];
  if (legs.length === 0) return legs;
  if (index <= 0) return legs.slice(1);
  if (index >= legs.length) return legs.slice(0, -1);
  const a = legs[index - 1];
  const b = legs[index];
  legs.splice(index - 1, 2, isFare(a) && isFare(b) ? a + b : null);
  return legs;
}

/** Leg fares after moving a stop from one position to another: remove, then insert. */
export function faresAfterMove(legFares, from, to) {
  if (from === to) return [...legFares];
  return faresAfterInsert(faresAfterRemove(legFares, from), to);
}

/** Pads with empty fares or truncates so there is one fare per leg. */
export function resizeLegFares(legFares, legCount) {
  const legs = (legFares ?? []).slice(0, Math.max(0, legCount));
  while (legs.length < legCount) legs.push(null);
  return legs;
}

/** Moves an item of a list (returns a new list). */
export function moveItem(list, from, to) {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/**
 * What is wrong with a route before it is sent: {field, key, index?, params?}. Field names are the API's
 * ("code", "name", "stops", "fares"); index points at the stop row or the leg.
 * @param {{code: string, nameEn: string, nameBn: string, stops: {stopId: string, offsetMinutes: number|null}[],
 *          fares: {class: string, legFares: (number|null)[]}[]}} route
 */
export function routeProblems(route) {
  const problems = [];
  if (!/^[A-Z]{3}(-[A-Z0-9]{2,5}){1,3}$/.test(route.code ?? "")) problems.push({ field: "code", key: "code" });
  if (!String(route.nameEn ?? "").trim()) problems.push({ field: "nameEn", key: "nameRequired" });
  if (!String(route.nameBn ?? "").trim()) problems.push({ field: "nameBn", key: "nameRequired" });
  const stops = route.stops ?? [];
  if (stops.length < 2) problems.push({ field: "stops", key: "twoStops" });
  const seen = new Set();
  stops.forEach((stop, index) => {
    if (!stop.stopId) problems.push({ field: "stops", key: "pickStop", index });
    else if (seen.has(stop.stopId)) problems.push({ field: "stops", key: "stopTwice", index });
    seen.add(stop.stopId);
    const offset = stop.offsetMinutes;
    if (index === 0) {
      if (offset !== 0) problems.push({ field: "stops", key: "firstOffset", index });
    } else if (!Number.isInteger(offset) || offset <= stops[index - 1].offsetMinutes) {
      problems.push({ field: "stops", key: "offsetOrder", index });
    }
  });
  if (!(route.fares ?? []).length) problems.push({ field: "fares", key: "noClass" });
  for (const fares of route.fares ?? []) {
    fares.legFares.forEach((fare, leg) => {
      if (!isFare(fare)) problems.push({ field: "fares", key: "fare", index: leg, params: { class: fares.class } });
    });
    if (fares.legFares.length !== Math.max(0, stops.length - 1)) problems.push({ field: "fares", key: "fareCount", params: { class: fares.class } });
  }
  return problems;
}

function isFare(value) {
  return Number.isInteger(value) && value > 0;
}

// ---------- ids and small parsers ----------

/** A lower-case id from a name ("Dhaka (Gabtoli)" -> "dhaka-gabtoli"); the API wants [a-z0-9]+(-[a-z0-9]+)*. */
export function slugify(text, maxLength = 60) {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

export function isSlug(id) {
  return typeof id === "string" && id.length >= 2 && id.length <= 60 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id);
}

/** "22:30:00" (API) -> "22:30" (the time input and PUT body). */
export function toHourMinute(value) {
  const match = /^(\d{1,2}):(\d{2})/.exec(String(value ?? ""));
  return match ? `${match[1].padStart(2, "0")}:${match[2]}` : "";
}

/** Parses an integer input; "" and non-integers give null. */
export function parseInteger(text) {
  const trimmed = String(text ?? "").trim();
  if (!/^-?\d+$/.test(trimmed)) return null;
  return Number.parseInt(trimmed, 10);
}

/** Whether a report cell is an instant (ISO 8601 date and time with a zone), to be shown in local time. */
export function isIsoInstant(value) {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
}
