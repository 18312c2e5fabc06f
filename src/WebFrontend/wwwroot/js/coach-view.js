// Draws a coach-shaped seat map from a layout: front with the driver, the door, seats on a CSS grid with the aisle.
// Used by the passenger seat map, the ops seat map and the layout editor's preview, so a coach looks the same
// everywhere. Only geometry and markup here; each page adds its own states and behaviour.
import { icon } from "./icons.js";
import { escapeHtml } from "./page.js";

/**
 * Fills `map` (an element with class "coach") with the layout's coach and returns its seats.
 * Seats are <button class="seat" data-seat data-row data-column tabindex="-1"> unless `interactive` is false,
 * which draws inert <span>s (a preview). Ladies seats carry data-ladies="true" (a rose bar on top of the seat).
 * The front, driver and door carry data-role="front" | "driver" | "door" for the page to title.
 * @param {HTMLElement} map
 * @param {{rows: number, columns: number, aisleAfterColumn: number, driverSide: string, doorSide: string,
 *          doorRow: number, seats: {label: string, row: number, column: number, ladies?: boolean}[]}} layout
 * @param {{interactive?: boolean}} options
 * @returns {Map<string, HTMLElement>} seat label -> element, in layout order
 */
export function renderCoach(map, layout, { interactive = true } = {}) {
  const seats = layout.seats ?? [];
  const maxRow = Math.max(...seats.map((s) => s.row), 0);
  const maxColumn = Math.max(...seats.map((s) => s.column), 0);
  // Positions are 0-based by contract; tolerate 1-based data rather than draw a broken coach.
  const rowBase = maxRow >= layout.rows ? 1 : 0;
  const columnBase = maxColumn >= layout.columns ? 1 : 0;
  const columns = layout.columns;
  const aisleAfter = Number.isInteger(layout.aisleAfterColumn) && layout.aisleAfterColumn < columns - 1 ? layout.aisleAfterColumn : null;
  const left = aisleAfter === null ? columns : aisleAfter + 1;
  const right = columns - left;

  // Grid columns: wall | seats left of the aisle | aisle | seats right of it | wall.
  const template = ["var(--wall)", `repeat(${left}, var(--seat))`];
  if (aisleAfter !== null) template.push("var(--aisle)", `repeat(${right}, var(--seat))`);
  template.push("var(--wall)");
  const lastLine = aisleAfter === null ? columns + 2 : columns + 3;
  const gridColumnOf = (column) => 2 + column + (aisleAfter !== null && column > aisleAfter ? 1 : 0);

  map.style.gridTemplateColumns = template.join(" ");
  map.style.gridTemplateRows = `auto repeat(${layout.rows}, var(--seat))`;
  map.innerHTML = "";

  const driverRight = String(layout.driverSide).toLowerCase() === "right";
  const front = document.createElement("div");
  front.className = "coach-front";
  front.style.gridRow = "1";
  front.style.gridColumn = `1 / ${lastLine}`;
  front.innerHTML = `
    <span class="front-label flex items-center gap-1 ${driverRight ? "order-1" : "order-3"}" data-role="front"></span>
    <span class="coach-driver ${driverRight ? "order-3" : "order-1"}" data-role="driver">${icon("steering", "size-6")}</span>`;
  map.append(front);

  const doorRow = Number(layout.doorRow ?? 0) - rowBase;
  const doorRight = String(layout.doorSide).toLowerCase() === "right";
  const door = document.createElement("div");
  door.className = "coach-door";
  door.dataset.role = "door";
  door.style.gridRow = String(Math.min(Math.max(doorRow, 0), layout.rows - 1) + 2);
  door.style.gridColumn = doorRight ? String(lastLine - 1) : "1";
  door.innerHTML = icon("door", "size-4");
  map.append(door);

  const elements = new Map();
  for (const seat of seats) {
    const label = String(seat.label);
    const row = seat.row - rowBase;
    const column = seat.column - columnBase;
    const element = document.createElement(interactive ? "button" : "span");
    if (interactive) {
      element.type = "button";
      element.tabIndex = -1;
    }
    element.className = "seat";
    element.dataset.seat = label;
    element.dataset.row = String(row);
    element.dataset.column = String(column);
    if (seat.ladies) element.dataset.ladies = "true";
    element.style.gridRow = String(row + 2);
    element.style.gridColumn = String(gridColumnOf(column));
    element.innerHTML = `<span class="seat-label">${escapeHtml(label)}</span><span class="seat-icon" aria-hidden="true"></span>`;
    map.append(element);
    elements.set(label, element);
  }
  return elements;
}

/**
 * The seat an arrow key (or Home/End) moves to from `from`, by grid position; null for other keys or at an edge.
 * Lets a whole seat map be one Tab stop.
 * @param {Iterable<HTMLElement>} seats elements with data-row / data-column
 */
export function seatInDirection(seats, from, key) {
  const row = Number(from.dataset.row);
  const column = Number(from.dataset.column);
  const all = [...seats].map((b) => ({ b, row: Number(b.dataset.row), column: Number(b.dataset.column) }));
  const nearest = (candidates, distance) => candidates.sort((a, b) => distance(a) - distance(b))[0]?.b ?? null;
  switch (key) {
    case "ArrowRight":
      return nearest(all.filter((s) => s.row === row && s.column > column), (s) => s.column);
    case "ArrowLeft":
      return nearest(all.filter((s) => s.row === row && s.column < column), (s) => -s.column);
    case "ArrowDown":
      return nearest(all.filter((s) => s.row > row), (s) => (s.row - row) * 100 + Math.abs(s.column - column));
    case "ArrowUp":
      return nearest(all.filter((s) => s.row < row), (s) => (row - s.row) * 100 + Math.abs(s.column - column));
    case "Home":
      return nearest(all.filter((s) => s.row === row), (s) => s.column);
    case "End":
      return nearest(all.filter((s) => s.row === row), (s) => -s.column);
    default:
      return null;
  }
}

/** Keys seatInDirection understands. */
export const SEAT_KEYS = new Set(["ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "Home", "End"]);

/** Fills the front, driver and door captions (after renderCoach and on every language change). */
export function titleCoach(map, { front, driver, door }) {
  const frontEl = map.querySelector("[data-role=front]");
  if (frontEl) frontEl.innerHTML = `${icon("arrowLeft", "size-3.5 rotate-90")}<span>${escapeHtml(front)}</span>`;
  const driverEl = map.querySelector("[data-role=driver]");
  if (driverEl) driverEl.title = driver;
  const doorEl = map.querySelector("[data-role=door]");
  if (doorEl) doorEl.title = door;
}
