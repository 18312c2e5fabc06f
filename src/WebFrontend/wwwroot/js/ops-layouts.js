// Seat layout editor (/ops/layouts.html?code=…): rows × seat columns, aisle, driver and door; click a position to
// make it a seat or not; labels A1… per row, editable; a live preview drawn exactly like the passenger seat map.
// Duplicate labels are marked before saving; the server checks everything again (PUT /api/admin/layouts/{code}).
import { getNetwork, putLayout } from "./admin-api.js";
import { renderCoach, titleCoach } from "./coach-view.js";
import { onLangChange, t, toLocalDigits } from "./i18n.js";
import { icon } from "./icons.js";
import {
  duplicateLabels,
  gridToLayout,
  LAYOUT_LIMITS,
  layoutProblems,
  layoutToGrid,
  newGrid,
  resetLabels,
  resizeGrid,
  rowLetter,
  seatCount,
  setLabel,
  toggleCell,
  toggleLadies,
} from "./ops-model.js";
import { busy, clearErrors, confirmAction, focusInvalid, pageProblemText, showFieldError, showSaveError, startOpsPage, toast } from "./ops.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;
const form = document.getElementById("layout-form");
const field = (name) => form.elements.namedItem(name);

const state = {
  layouts: [],
  /** @type {import("./ops-model.js").LayoutGrid | null} */
  grid: null,
  /** Code of the stored layout being edited; null for a new one. */
  storedCode: null,
  /** JSON of the layout as loaded, to tell whether there are unsaved changes. */
  saved: "",
};

await startOpsPage();
onLangChange(() => state.grid && renderAll());
wire();
await load(new URLSearchParams(window.location.search).get("code"));

// ---------- loading ----------

async function load(code) {
  try {
    const network = await getNetwork();
    state.layouts = [...network.layouts].sort((a, b) => a.code.localeCompare(b.code));
    $("#page-error").prop("hidden", true);
    $("#layouts-view").prop("hidden", false);
    const layout = state.layouts.find((l) => l.code === code) ?? (code === "" ? null : state.layouts[0] ?? null);
    edit(layout);
  } catch (error) {
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
}

/** Starts editing a stored layout, or a new one when `layout` is null. */
function edit(layout) {
  state.storedCode = layout?.code ?? null;
  state.grid = layout ? layoutToGrid(layout) : newGrid({ rows: 10, columns: 4 });
  state.saved = snapshot();
  clearErrors(form);
  const url = new URL(window.location.href);
  url.searchParams.set("code", state.storedCode ?? "");
  history.replaceState(null, "", url);
  renderAll();
}

function snapshot() {
  return JSON.stringify({ code: state.grid.code, ...gridToLayout(state.grid) });
}

function dirty() {
  return snapshot() !== state.saved;
}

// ---------- rendering ----------

function renderAll() {
  renderList();
  renderFields();
  renderGrid();
  renderPreview();
  renderStatus();
}

function renderList() {
  $("#layout-list").html(
    state.layouts
      .map((l) => {
        const current = l.code === state.storedCode;
        return `<li><a href="?code=${encodeURIComponent(l.code)}" data-code="${escapeHtml(l.code)}" class="flex flex-col items-start gap-0 ${current ? "menu-active" : ""}"
          ${current ? 'aria-current="true"' : ""}>
          <span class="font-mono text-xs">${escapeHtml(l.code)}</span>
          <span class="text-xs opacity-80">${escapeHtml(l.name)} · ${escapeHtml(t("ops.layouts.seatCount", { count: l.seats.length }))}</span></a></li>`;
      })
      .join(""),
  );
}

function renderFields() {
  const g = state.grid;
  $("#layout-form-title").text(state.storedCode ? t("ops.layouts.editTitle", { name: state.storedCode }) : t("ops.layouts.newTitle"));
  field("code").value = g.code;
  field("code").readOnly = state.storedCode !== null;
  field("name").value = g.name;
  field("rows").value = String(g.rows);
  field("columns").value = String(g.columns);
  field("driverSide").value = g.driverSide;
  field("doorSide").value = g.doorSide;
  const aisle = field("aisleAfterColumn");
  aisle.innerHTML =
    g.columns > 1
      ? Array.from({ length: g.columns - 1 }, (_, c) => `<option value="${c}">${escapeHtml(t("ops.layouts.aisleAfter", { n: c + 1 }))}</option>`).join("")
      : `<option value="0">${escapeHtml(t("ops.layouts.noAisle"))}</option>`;
  aisle.value = String(g.aisleAfterColumn);
  aisle.disabled = g.columns <= 1;
  const door = field("doorRow");
  door.innerHTML = Array.from({ length: g.rows }, (_, r) => `<option value="${r}">${escapeHtml(t("ops.layouts.rowName", { row: rowLetter(r) }))}</option>`).join("");
  door.value = String(g.doorRow);
}

/** The editing grid: a header row of column numbers, then per row its letter and one toggle + label per position. */
function renderGrid() {
  const g = state.grid;
  const seats = gridToLayout(g).seats;
  const duplicates = duplicateLabels(seats);
  const container = document.getElementById("layout-grid");
  // Columns: row letter | seat columns with the aisle as a narrow gap after aisleAfterColumn.
  const template = ["2rem"];
  for (let c = 0; c < g.columns; c++) {
    template.push("4.25rem");
    if (g.columns > 1 && c === g.aisleAfterColumn) template.push("1.5rem");
  }
  container.style.gridTemplateColumns = template.join(" ");
  const gridColumn = (c) => 2 + c + (g.columns > 1 && c > g.aisleAfterColumn ? 1 : 0);

  const parts = [];
  for (let c = 0; c < g.columns; c++) {
    parts.push(`<span class="text-center text-xs opacity-70" style="grid-column:${gridColumn(c)};grid-row:1" aria-hidden="true">${escapeHtml(toLocalDigits(c + 1))}</span>`);
  }
  if (g.columns > 1) {
    parts.push(`<span class="layout-aisle" style="grid-column:${g.aisleAfterColumn + 3};grid-row:1 / ${g.rows + 2}" aria-hidden="true"></span>`);
  }
  g.cells.forEach((line, r) => {
    const row = rowLetter(r);
    parts.push(`<span class="self-center text-center text-sm font-semibold" style="grid-column:1;grid-row:${r + 2}" aria-hidden="true">${escapeHtml(row)}${r === g.doorRow ? icon("door", "mx-auto size-3.5 text-accent") : ""}</span>`);
    line.forEach((cell, c) => {
      const position = t("ops.layouts.position", { row, column: c + 1 });
      const duplicate = cell.seat && duplicates.has(cell.label.trim());
      const toggleLabel = cell.seat ? t("ops.layouts.cellSeat", { position, label: cell.label || "?" }) : t("ops.layouts.cellEmpty", { position });
      parts.push(`<div class="flex flex-col items-center gap-1" style="grid-column:${gridColumn(c)};grid-row:${r + 2}">
        <button type="button" class="layout-cell" data-cell="${r},${c}" data-seat-cell="${cell.seat}" aria-pressed="${cell.seat}"
                aria-label="${escapeHtml(toggleLabel)}" title="${escapeHtml(toggleLabel)}">${cell.seat ? icon("seat", "size-5") : icon("x", "size-4 opacity-40")}</button>
        <input type="text" class="input input-xs w-16 text-center font-mono uppercase ${duplicate ? "input-error" : ""} ${cell.seat ? "" : "invisible"}"
               data-label="${r},${c}" value="${escapeHtml(cell.label)}" maxlength="${LAYOUT_LIMITS.maxLabelLength + 2}" spellcheck="false"
               ${cell.seat ? "" : 'tabindex="-1" aria-hidden="true" disabled'} ${duplicate ? 'aria-invalid="true" data-duplicate="true"' : ""}
               aria-label="${escapeHtml(t("ops.layouts.labelOf", { position }))}" placeholder="${escapeHtml(cell.auto ? "" : "?")}" />
        ${cell.seat ? `<button type="button" class="btn btn-xs ${cell.ladies ? "btn-secondary" : "btn-ghost opacity-60"}" data-ladies-cell="${r},${c}"
                aria-pressed="${Boolean(cell.ladies)}" aria-label="${escapeHtml(t("ops.layouts.ladiesOf", { position }))}"
                title="${escapeHtml(t("ops.layouts.ladiesOf", { position }))}">♀</button>` : ""}
      </div>`);
    });
  });
  container.style.gridTemplateRows = `auto repeat(${g.rows}, auto)`;
  container.innerHTML = parts.join("");
  renderDuplicates(duplicates);
}

/** Marks duplicate labels as they are typed, without redrawing the grid (which would move the caret). */
function renderDuplicates(duplicates = duplicateLabels(gridToLayout(state.grid).seats)) {
  for (const input of document.querySelectorAll("#layout-grid [data-label]")) {
    const [r, c] = input.dataset.label.split(",").map(Number);
    const cell = state.grid.cells[r][c];
    const duplicate = cell.seat && duplicates.has(cell.label.trim());
    input.classList.toggle("input-error", duplicate);
    if (duplicate) {
      input.setAttribute("aria-invalid", "true");
      input.dataset.duplicate = "true";
    } else {
      input.removeAttribute("aria-invalid");
      delete input.dataset.duplicate;
    }
  }
  const slot = form.querySelector('.field-error[data-field="seats"]');
  if (duplicates.size) {
    slot.textContent = t("ops.layouts.errors.duplicates", { seats: [...duplicates].join(", ") });
    slot.hidden = false;
  } else if (slot.dataset.kind !== "server") {
    slot.textContent = "";
    slot.hidden = true;
  }
  for (const seat of document.querySelectorAll("#layout-preview [data-seat]")) {
    seat.classList.toggle("seat-duplicate", duplicates.has(seat.dataset.seat));
  }
}

function renderPreview() {
  const map = document.getElementById("layout-preview");
  const layout = gridToLayout(state.grid);
  const seats = renderCoach(map, layout, { interactive: false });
  for (const seat of seats.values()) seat.dataset.state = "free";
  titleCoach(map, { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
  renderDuplicates();
}

function renderStatus() {
  $("#layout-seat-count").text(t("ops.layouts.seatCount", { count: seatCount(state.grid) }));
  $("#layout-dirty").text(dirty() ? t("ops.layouts.unsaved") : "");
}

// ---------- editing ----------

function wire() {
  $("#layout-grid")
    .on("click", "[data-cell]", function () {
      const [r, c] = this.dataset.cell.split(",").map(Number);
      toggleCell(state.grid, r, c);
      changed({ grid: true });
      document.querySelector(`[data-cell="${r},${c}"]`)?.focus();
    })
    .on("click", "[data-ladies-cell]", function () {
      const [r, c] = this.dataset.ladiesCell.split(",").map(Number);
      toggleLadies(state.grid, r, c);
      changed({ grid: true });
      document.querySelector(`[data-ladies-cell="${r},${c}"]`)?.focus();
    })
    .on("keydown", "[data-cell]", function (event) {
      // Arrow keys walk the grid by position, like the seat maps.
      const step = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] }[event.key];
      if (!step) return;
      const [r, c] = this.dataset.cell.split(",").map(Number);
      const next = document.querySelector(`[data-cell="${r + step[0]},${c + step[1]}"]`);
      if (!next) return;
      event.preventDefault();
      next.focus();
    })
    .on("input", "[data-label]", function () {
      const [r, c] = this.dataset.label.split(",").map(Number);
      setLabel(state.grid, r, c, this.value);
      // Typing keeps the grid as it is; automatic labels of the row are refreshed when the field is left.
      renderPreview();
      renderStatus();
    })
    .on("change", "[data-label]", function () {
      const [r, c] = this.dataset.label.split(",").map(Number);
      renderGrid();
      renderPreview();
      document.querySelector(`[data-label="${r},${c}"]`)?.focus();
    });

  field("code").addEventListener("input", () => {
    state.grid.code = field("code").value.trim();
    renderStatus();
  });
  field("name").addEventListener("input", () => {
    state.grid.name = field("name").value;
    renderStatus();
  });
  for (const name of ["rows", "columns"]) {
    field(name).addEventListener("change", () => {
      const rows = Number.parseInt(field("rows").value, 10);
      const columns = Number.parseInt(field("columns").value, 10);
      if (!Number.isFinite(rows) || !Number.isFinite(columns)) return;
      state.grid = resizeGrid(state.grid, rows, columns);
      renderFields();
      changed({ grid: true });
    });
  }
  field("aisleAfterColumn").addEventListener("change", () => {
    state.grid.aisleAfterColumn = Number(field("aisleAfterColumn").value);
    changed({ grid: true });
  });
  field("doorRow").addEventListener("change", () => {
    state.grid.doorRow = Number(field("doorRow").value);
    changed({ grid: true });
  });
  for (const name of ["driverSide", "doorSide"]) {
    field(name).addEventListener("change", () => {
      state.grid[name] = field(name).value;
      changed({ grid: false });
    });
  }
  $("#layout-reset-labels").on("click", () => {
    resetLabels(state.grid);
    changed({ grid: true });
  });
  $("#layout-revert").on("click", () => edit(state.layouts.find((l) => l.code === state.storedCode) ?? null));
  $("#layout-new").on("click", async () => {
    if (dirty() && !(await confirmAction(t("ops.layouts.discard"), t("ops.layouts.discardConfirm")))) return;
    edit(null);
    field("code").focus();
  });
  $("#layout-list").on("click", "[data-code]", async function (event) {
    event.preventDefault();
    if (dirty() && !(await confirmAction(t("ops.layouts.discard"), t("ops.layouts.discardConfirm")))) return;
    edit(state.layouts.find((l) => l.code === this.dataset.code) ?? null);
  });
  window.addEventListener("beforeunload", (event) => {
    if (state.grid && dirty()) event.preventDefault();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
}

function changed({ grid }) {
  const slot = form.querySelector('.field-error[data-field="seats"]');
  delete slot.dataset.kind;
  if (grid) renderGrid();
  renderPreview();
  renderStatus();
}

async function save() {
  clearErrors(form);
  const problems = layoutProblems(state.grid);
  for (const problem of problems) showFieldError(form, problem.field, t(`ops.layouts.errors.${problem.key}`, problem.params ?? {}));
  if (problems.length) {
    renderDuplicates();
    return focusInvalid(form, document.querySelector("#layout-grid [data-duplicate]") ?? null);
  }
  const code = state.grid.code.trim();
  try {
    await busy(document.getElementById("layout-save"), () => putLayout(code, gridToLayout(state.grid)));
  } catch (error) {
    showSaveError(form, error);
    const slot = form.querySelector('.field-error[data-field="seats"]');
    if (!slot.hidden) slot.dataset.kind = "server";
    return;
  }
  toast(t("ops.saved", { name: code }));
  const stored = { code, ...gridToLayout(state.grid) };
  state.layouts = [...state.layouts.filter((l) => l.code !== code), stored].sort((a, b) => a.code.localeCompare(b.code));
  edit(stored);
}
