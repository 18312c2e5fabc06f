// The boarding/dropping point rows of the ops network page's stop dialog: English and Bangla names, minutes to
// report before departure, and whether a point serves boarding, dropping or both. The rows live in state.points as
// typed; network-model.js (parseStopPoints) checks them and turns them into the admin API's points on save.
import { t } from "./i18n.js";
import { icon } from "./icons.js";
import { newStopPointRow, REPORT_MINUTES_MAX, stopPointRows } from "./network-model.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;

/** Starts the rows for `stop` (null: a new stop, no points). */
export function fillStopPoints(state, stop) {
  state.points = stopPointRows(stop);
  renderStopPoints(state);
}

export function renderStopPoints(state) {
  const rows = state.points ?? [];
  $("#stop-points-none").prop("hidden", rows.length > 0);
  $("#stop-points").html(rows.map((row, i) => pointRow(row, i)).join(""));
}

function pointRow(row, i) {
  const n = i + 1;
  const field = (name, labelKey, attrs) => `
        <div>
          <label for="stop-point-${i}-${name}" class="mb-1 block text-xs font-medium">${escapeHtml(t(labelKey, { n }))}</label>
          <input id="stop-point-${i}-${name}" name="point-${i}-${name}" class="input input-sm w-full" ${attrs}
                 aria-describedby="stop-point-${i}-${name}-error" />
          <p id="stop-point-${i}-${name}-error" class="field-error mt-1 text-xs text-error" data-field="point-${i}-${name}" hidden></p>
        </div>`;
  const use = (name) => `
            <label class="flex cursor-pointer items-center gap-1 text-sm">
              <input type="checkbox" class="checkbox checkbox-xs" name="point-${i}-${name}" ${row[name] ? "checked" : ""} />
              <span>${escapeHtml(t(`ops.stops.points.${name}`))}</span>
            </label>`;
  return `<li class="rounded-field border border-base-300 p-2" data-point-row="${i}">
      <div class="grid gap-2 sm:grid-cols-2">
        ${field("nameEn", "ops.stops.points.nameEn", `maxlength="100" value="${escapeHtml(row.nameEn)}"`)}
        ${field("nameBn", "ops.stops.points.nameBn", `lang="bn" maxlength="100" value="${escapeHtml(row.nameBn)}"`)}
      </div>
      <div class="mt-2 flex flex-wrap items-start gap-x-4 gap-y-2">
        <div>
          <label for="stop-point-${i}-report" class="mb-1 block text-xs font-medium">${escapeHtml(t("ops.stops.points.report", { n }))}</label>
          <label class="input input-sm w-32">
            <input id="stop-point-${i}-report" name="point-${i}-report" type="number" inputmode="numeric" min="0" max="${REPORT_MINUTES_MAX}" step="5"
                   class="tabular-nums" value="${escapeHtml(row.reportMinutesBefore)}" aria-describedby="stop-point-${i}-report-error" />
            <span class="text-xs opacity-70" aria-hidden="true">${escapeHtml(t("ops.routes.minutesShort"))}</span>
          </label>
          <p id="stop-point-${i}-report-error" class="field-error mt-1 text-xs text-error" data-field="point-${i}-report" hidden></p>
        </div>
        <div role="group" aria-labelledby="stop-point-${i}-use-label" aria-describedby="stop-point-${i}-use-error">
          <span id="stop-point-${i}-use-label" class="mb-1 block text-xs font-medium">${escapeHtml(t("ops.stops.points.use", { n }))}</span>
          <div class="flex gap-3 pt-1">${use("boarding")}${use("dropping")}</div>
          <p id="stop-point-${i}-use-error" class="field-error mt-1 text-xs text-error" data-field="point-${i}-use" hidden></p>
        </div>
        <button type="button" class="btn btn-sm btn-ghost ms-auto self-end text-error" data-remove-point="${i}"
                aria-label="${escapeHtml(t("ops.stops.points.remove", { n }))}">${icon("x", "size-4")}</button>
      </div>
    </li>`;
}

/** Wires the point rows of the stop dialog once: typing updates state.points, add and remove redraw the rows. */
export function wireStopPoints(state) {
  $("#stop-points")
    .on("input change", "input[name^=point-]", function () {
      const [, index, name] = this.name.split("-");
      const row = state.points[Number(index)];
      if (!row) return;
      if (name === "boarding" || name === "dropping") row[name] = this.checked;
      else row[name === "report" ? "reportMinutesBefore" : name] = this.value;
    })
    .on("click", "[data-remove-point]", function () {
      const index = Number(this.dataset.removePoint);
      state.points.splice(index, 1);
      renderStopPoints(state);
      const next = Math.min(index, state.points.length - 1);
      (next >= 0 ? document.getElementById(`stop-point-${next}-nameEn`) : document.getElementById("stop-add-point"))?.focus();
    });
  $("#stop-add-point").on("click", () => {
    state.points.push(newStopPointRow());
    renderStopPoints(state);
    document.getElementById(`stop-point-${state.points.length - 1}-nameEn`)?.focus();
  });
}
