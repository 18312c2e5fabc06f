// Keyboard focus on a seat map: the whole map is one Tab stop (the "roving" seat has tabindex 0, every other -1),
// and arrow keys, Home and End move between seats by grid position.
import { SEAT_KEYS, seatInDirection } from "./coach-view.js";

export class RovingFocus {
  /** @param {Map<string, HTMLElement>} buttons seat label -> button, in layout order; the first one starts as the Tab stop */
  constructor(buttons) {
    this.buttons = buttons;
    this.label = [...buttons.keys()][0] ?? null;
  }

  /** Makes `label`'s seat the map's Tab stop (unknown labels are ignored). */
  set(label) {
    if (!label || !this.buttons.has(label)) return;
    if (this.label && this.label !== label) this.buttons.get(this.label)?.setAttribute("tabindex", "-1");
    this.label = label;
    this.buttons.get(label).setAttribute("tabindex", "0");
  }

  /** Moves focus from `button` for an arrow/Home/End key; other keys are left to the browser. */
  move(button, event) {
    if (!SEAT_KEYS.has(event.key)) return;
    event.preventDefault();
    seatInDirection(this.buttons.values(), button, event.key)?.focus();
  }
}
