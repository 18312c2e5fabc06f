// City and stop autocomplete: an ARIA 1.2 combobox (text input + listbox) over GET /api/stops.
// Cities first ("Dhaka" = every Dhaka counter), then counters; English and Bangla names and old spellings
// ("Jessore", "Chittagong") match, by the rules in search-model.js. Keyboard: ↓/↑ move, Enter or Tab picks, Esc
// closes. Typing a full name or old spelling (or a unique prefix) and submitting also works without picking.
import { escapeHtml } from "./page.js";
import { lang, stopName, t } from "./i18n.js";
import { buildPlaces, matchPlaces, placeById, resolvePlace } from "./search-model.js";

const MAX_OPTIONS = 8;

export class StopPicker {
  /**
   * @param {HTMLInputElement} input the visible combobox input (#from / #to)
   * @param {HTMLUListElement} listbox the popup list
   * @param {HTMLElement} status a polite live region for "N stops found"
   */
  constructor(input, listbox, status) {
    this.input = input;
    this.listbox = listbox;
    this.status = status;
    this.stops = [];
    this.options = [];
    this.active = -1;
    this.selected = null;
    this.onPick = () => {};

    input.addEventListener("input", () => {
      this.selected = null;
      this.open();
    });
    input.addEventListener("focus", () => input.select());
    input.addEventListener("click", () => this.open());
    input.addEventListener("keydown", (event) => this.onKeyDown(event));
    input.addEventListener("blur", () => {
      // Let a pointer pick on an option land before closing.
      window.setTimeout(() => {
        if (!this.selected) {
          const guess = this.resolve(this.input.value);
          if (guess) this.pick(guess, { silent: true });
        }
        this.close();
      }, 150);
    });
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) this.pick(this.options[Number(option.dataset.index)]);
    });
  }

  setStops(stops) {
    this.stops = buildPlaces(stops);
    if (this.pendingId !== undefined) this.setStopId(this.pendingId);
  }

  /** The city or stop with this id (a city first), or null. */
  place(id) {
    return placeById(this.stops, id);
  }

  /** Selects a city or stop by id (from the URL) and shows its name. */
  setStopId(id) {
    if (!this.stops.length) {
      this.pendingId = id;
      return;
    }
    this.pendingId = undefined;
    this.selected = placeById(this.stops, id);
    this.input.value = this.selected ? stopName(this.selected) : "";
  }

  /** Selects a place already chosen in another picker (swap). */
  setPlace(place) {
    this.selected = place ?? null;
    this.input.value = place ? stopName(place) : "";
  }

  /** The chosen stop, resolving typed text if nothing was picked from the list. */
  value() {
    if (!this.selected && this.input.value.trim()) {
      const guess = this.resolve(this.input.value);
      if (guess) this.pick(guess, { silent: true });
    }
    return this.selected;
  }

  /** Re-shows the chosen stop's name after a language switch. */
  refresh() {
    if (this.selected) this.input.value = stopName(this.selected);
    if (this.listbox.hidden === false) this.render();
  }

  open() {
    this.options = this.match(this.input.value);
    this.active = this.options.length ? 0 : -1;
    this.render();
    this.listbox.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.status.textContent = this.input.value.trim()
      ? this.options.length
        ? t("search.options", { count: this.options.length })
        : t("search.noStopMatch", { query: this.input.value.trim() })
      : "";
  }

  close() {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  pick(stop, { silent = false } = {}) {
    this.selected = stop;
    this.input.value = stopName(stop);
    this.close();
    if (!silent) this.onPick(stop);
  }

  onKeyDown(event) {
    const isOpen = !this.listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!isOpen) {
          this.open();
          return;
        }
        if (!this.options.length) return;
        const step = event.key === "ArrowDown" ? 1 : -1;
        this.active = (this.active + step + this.options.length) % this.options.length;
        this.highlight();
        return;
      }
      case "Enter":
        if (isOpen && this.active >= 0) {
          event.preventDefault();
          this.pick(this.options[this.active]);
        }
        return;
      case "Tab":
        if (isOpen && this.active >= 0 && this.input.value.trim()) this.pick(this.options[this.active], { silent: true });
        return;
      case "Escape":
        if (isOpen) {
          event.preventDefault();
          this.close();
        }
        return;
      default:
    }
  }

  render() {
    const id = this.listbox.id;
    if (!this.options.length) {
      this.listbox.innerHTML = this.input.value.trim()
        ? `<li class="px-3 py-2 text-sm opacity-70" role="presentation">${escapeHtml(t("search.noStopMatch", { query: this.input.value.trim() }))}</li>`
        : "";
      this.listbox.hidden = !this.input.value.trim();
      return;
    }
    const other = lang() === "bn" ? "nameEn" : "nameBn";
    this.listbox.innerHTML = this.options
      .map((place, index) => {
        const isCity = place.type === "city";
        const detail = isCity ? t("search.allCounters", { count: place.stopIds.length }) : place[other] ?? "";
        return `
        <li id="${id}-${index}" role="option" data-index="${index}" data-stop-id="${escapeHtml(place.id)}" data-place-type="${place.type}"
            aria-selected="false"
            class="flex cursor-pointer flex-col rounded-field px-3 py-2 aria-selected:bg-primary aria-selected:text-primary-content">
          <span class="flex items-center gap-2 font-medium">${escapeHtml(stopName(place))}${isCity ? `<span class="badge badge-sm badge-outline">${escapeHtml(t("search.city"))}</span>` : ""}</span>
          <span class="text-xs opacity-75" ${isCity ? "" : `lang="${lang() === "bn" ? "en" : "bn"}"`}>${escapeHtml(detail)}</span>
        </li>`;
      })
      .join("");
    this.highlight();
  }

  highlight() {
    for (const option of this.listbox.querySelectorAll("[role=option]")) {
      const on = Number(option.dataset.index) === this.active;
      option.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        this.input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    }
  }

  match(query) {
    return matchPlaces(this.stops, query, { max: MAX_OPTIONS, label: stopName });
  }

  /** A city or stop for free text: a whole name, old spelling or id, else the only match (see resolvePlace). */
  resolve(text) {
    return resolvePlace(this.stops, text);
  }
}
