// Stop autocomplete: an ARIA 1.2 combobox (text input + listbox) over GET /api/stops.
// Matches English and Bangla names and the city, at word starts first. Keyboard: ↓/↑ move, Enter or Tab
// picks, Esc closes. Typing a full name (or a unique prefix) and submitting also works without picking.
import { escapeHtml } from "./page.js";
import { lang, stopName, t } from "./i18n.js";

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
    this.stops = stops.map((stop) => ({
      stop,
      keys: [stop.nameEn, stop.nameBn, stop.city, String(stop.id)].filter(Boolean).map(normalize),
    }));
    if (this.pendingId !== undefined) this.setStopId(this.pendingId);
  }

  /** Selects a stop by id (from the URL) and shows its name. */
  setStopId(id) {
    if (!this.stops.length) {
      this.pendingId = id;
      return;
    }
    this.pendingId = undefined;
    const match = this.stops.find((entry) => String(entry.stop.id) === String(id));
    this.selected = match?.stop ?? null;
    this.input.value = this.selected ? stopName(this.selected) : "";
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
      .map(
        (stop, index) => `
        <li id="${id}-${index}" role="option" data-index="${index}" data-stop-id="${escapeHtml(stop.id)}"
            aria-selected="false"
            class="flex cursor-pointer flex-col rounded-field px-3 py-2 aria-selected:bg-primary aria-selected:text-primary-content">
          <span class="font-medium">${escapeHtml(stopName(stop))}</span>
          <span class="text-xs opacity-75" lang="${lang() === "bn" ? "en" : "bn"}">${escapeHtml(stop[other] ?? "")}${stop.city && stop.city !== stop.nameEn ? ` · ${escapeHtml(stop.city)}` : ""}</span>
        </li>`,
      )
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
    const q = normalize(query);
    if (!q) return this.stops.slice(0, MAX_OPTIONS).map((entry) => entry.stop);
    const scored = [];
    for (const entry of this.stops) {
      let score = Infinity;
      for (const key of entry.keys) {
        if (key === q) score = Math.min(score, 0);
        else if (key.startsWith(q)) score = Math.min(score, 1);
        else if (key.split(/[\s,()-]+/).some((word) => word.startsWith(q))) score = Math.min(score, 2);
        else if (key.includes(q)) score = Math.min(score, 3);
      }
      if (score !== Infinity) scored.push([score, entry.stop]);
    }
    scored.sort((a, b) => a[0] - b[0] || stopName(a[1]).localeCompare(stopName(b[1])));
    return scored.slice(0, MAX_OPTIONS).map(([, stop]) => stop);
  }

  /** A stop for free text: an exact name/id, else the only match. */
  resolve(text) {
    const q = normalize(text);
    if (!q) return null;
    const exact = this.stops.find((entry) => entry.keys.slice(0, 2).includes(q) || normalize(String(entry.stop.id)) === q);
    if (exact) return exact.stop;
    const matches = this.match(text);
    return matches.length === 1 ? matches[0] : null;
  }
}

function normalize(text) {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
