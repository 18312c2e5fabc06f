// The route editor of the ops network page (/ops/network.html): the stops in order with their minutes from the
// first stop, and a fare per leg for each coach class sold on the route. The working copy and its rules are in
// network-model.js; this module draws it and turns clicks and keys into edits.
import { putRoute } from "./admin-api.js";
import { formatTaka, stopName, t, toLocalDigits } from "./i18n.js";
import { icon } from "./icons.js";
import {
  addRouteStop,
  moveRouteStop,
  parseRouteForm,
  removeRouteStop,
  routeEditor,
  routeProblemTarget,
  setLegFare,
  throughFare,
} from "./network-model.js";
import { formValues, hasErrors, save, showErrors, suggestId, watchIdInput } from "./ops-network-forms.js";
import { COACH_CLASSES, parseInteger, slugify } from "./ops-model.js";
import { clearErrors, focusInvalid, showFieldError, toast } from "./ops.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;

/** Fills the route dialog for `route` (null: a new route) and starts its working copy in state.route. */
export function fillRouteForm(state, form, route) {
  form.elements.namedItem("id").value = route?.id ?? "";
  form.elements.namedItem("code").value = route?.code ?? "";
  form.elements.namedItem("nameEn").value = route?.nameEn ?? "";
  form.elements.namedItem("nameBn").value = route?.nameBn ?? "";
  form.elements.namedItem("crossBorder").checked = route?.crossBorder === true;
  state.route = routeEditor(route);
  renderRouteEditor(state);
}

export function renderRouteEditor(state) {
  const { stops } = state.route;
  const all = [...state.network.stops].sort((a, b) => stopName(a).localeCompare(stopName(b)));
  const options = (selected) =>
    `<option value="">${escapeHtml(t("ops.routes.pickStopOption"))}</option>` +
    all
      .map((s) => `<option value="${escapeHtml(s.id)}" ${s.id === selected ? "selected" : ""}>${escapeHtml(stopName(s))}</option>`)
      .join("");
  const last = stops.length - 1;
  $("#route-stops").html(
    stops
      .map((stop, i) => {
        const n = i + 1;
        return `<li class="grid grid-cols-[1.75rem_minmax(0,1fr)_6.5rem] items-start gap-2 sm:grid-cols-[1.75rem_minmax(0,1fr)_6.5rem_auto]" data-stop-row="${i}">
        <span class="badge badge-neutral mt-2 tabular-nums" aria-hidden="true">${escapeHtml(toLocalDigits(n))}</span>
        <div>
          <select name="stop-${i}" class="select select-sm w-full" aria-label="${escapeHtml(t("ops.routes.stopN", { n }))}"
                  aria-describedby="route-stop-${i}-error">${options(stop.stopId)}</select>
          <p id="route-stop-${i}-error" class="field-error mt-1 text-xs text-error" data-field="stop-${i}" hidden></p>
        </div>
        <div>
          <label class="input input-sm w-full">
            <input name="offset-${i}" type="number" inputmode="numeric" min="0" step="5" class="tabular-nums"
                   value="${stop.offsetMinutes ?? ""}" ${i === 0 ? "readonly" : ""}
                   aria-label="${escapeHtml(t("ops.routes.offsetN", { n }))}" aria-describedby="route-offset-${i}-error" />
            <span class="text-xs opacity-70" aria-hidden="true">${escapeHtml(t("ops.routes.minutesShort"))}</span>
          </label>
          <p id="route-offset-${i}-error" class="field-error mt-1 text-xs text-error" data-field="offset-${i}" hidden></p>
        </div>
        <div class="join col-start-2 sm:col-start-auto">
          <button type="button" class="btn btn-sm btn-ghost join-item" data-move-stop="${i}" data-to="${i - 1}" ${i === 0 ? "disabled" : ""}
                  aria-label="${escapeHtml(t("ops.routes.moveUp", { n }))}">↑</button>
          <button type="button" class="btn btn-sm btn-ghost join-item" data-move-stop="${i}" data-to="${i + 1}" ${i === last ? "disabled" : ""}
                  aria-label="${escapeHtml(t("ops.routes.moveDown", { n }))}">↓</button>
          <button type="button" class="btn btn-sm btn-ghost join-item text-error" data-remove-stop="${i}" ${stops.length <= 2 ? "disabled" : ""}
                  aria-label="${escapeHtml(t("ops.routes.removeStop", { n }))}">${icon("x", "size-4")}</button>
        </div>
      </li>`;
      })
      .join(""),
  );
  renderFareGrid(state);
}

function renderFareGrid(state) {
  const { stops, fares, enabled } = state.route;
  const names = new Map(state.network.stops.map((s) => [s.id, s]));
  const short = (id) => (id ? stopName(names.get(id)) || id : "?");
  const legs = stops.slice(0, -1).map((s, i) => `${short(s.stopId)} → ${short(stops[i + 1].stopId)}`);
  const head = `<thead><tr><th scope="col">${escapeHtml(t("ops.routes.classColumn"))}</th>${legs
    .map((leg) => `<th scope="col" class="min-w-28 font-normal">${escapeHtml(leg)}</th>`)
    .join("")}<th scope="col" class="text-right">${escapeHtml(t("ops.routes.throughFare"))}</th></tr></thead>`;
  const body = COACH_CLASSES.map((coachClass) => {
    const on = enabled.has(coachClass);
    const legFares = fares.get(coachClass);
    const through = throughFare(legFares);
    const total = through === null ? "–" : formatTaka(through);
    return `<tr data-class="${coachClass}">
      <th scope="row" class="whitespace-nowrap">
        <label class="flex items-center gap-2 font-normal">
          <input type="checkbox" class="checkbox checkbox-sm" data-fare-class="${coachClass}" ${on ? "checked" : ""} />
          <span>${escapeHtml(t(`coachClass.${coachClass}`))}</span>
        </label>
      </th>
      ${legFares
        .map(
          (fare, leg) => `<td><label class="input input-sm w-28">
          <span class="text-xs opacity-70" aria-hidden="true">৳</span>
          <input name="fare-${coachClass}-${leg}" type="number" inputmode="numeric" min="1" step="10" class="tabular-nums"
                 value="${fare ?? ""}" ${on ? "" : "disabled"}
                 aria-label="${escapeHtml(t("ops.routes.fareCell", { class: t(`coachClass.${coachClass}`), leg: legs[leg] }))}" /></label></td>`,
        )
        .join("")}
      <td class="text-right font-semibold whitespace-nowrap" data-total="${coachClass}">${escapeHtml(on ? total : "")}</td>
    </tr>`;
  }).join("");
  $("#route-fares").html(head + `<tbody>${body}</tbody>`);
}

/** Wires the route dialog once; reload() fetches the network again after a save. */
export function wireRouteForm(state, reload) {
  const form = document.getElementById("route-form");
  watchIdInput(state, form);
  form.elements.namedItem("code").addEventListener("input", (event) => suggestId(state, form, slugify(event.target.value)));

  $("#route-stops")
    .on("change", "select[name^=stop-]", function () {
      state.route.stops[Number(this.name.slice(5))].stopId = this.value;
      renderFareGrid(state);
    })
    .on("input", "input[name^=offset-]", function () {
      state.route.stops[Number(this.name.slice(7))].offsetMinutes = parseInteger(this.value);
    })
    .on("click", "[data-move-stop]", function () {
      const from = Number(this.dataset.moveStop);
      const to = Number(this.dataset.to);
      if (moveRouteStop(state.route, from, to)) renderRouteEditor(state);
      // Keep the keyboard on the moved stop's button.
      document.querySelector(`[data-move-stop="${to}"][data-to="${to + (to > from ? 1 : -1)}"]:not([disabled])`)?.focus()
        ?? document.querySelector(`select[name="stop-${to}"]`)?.focus();
    })
    .on("click", "[data-remove-stop]", function () {
      const index = Number(this.dataset.removeStop);
      if (!removeRouteStop(state.route, index)) return;
      renderRouteEditor(state);
      document.querySelector(`select[name="stop-${Math.min(index, state.route.stops.length - 1)}"]`)?.focus();
    });

  $("#route-add-stop").on("click", () => {
    addRouteStop(state.route);
    renderRouteEditor(state);
    document.querySelector(`select[name="stop-${state.route.stops.length - 1}"]`)?.focus();
  });

  $("#route-fares")
    .on("change", "[data-fare-class]", function () {
      const coachClass = this.dataset.fareClass;
      if (this.checked) state.route.enabled.add(coachClass);
      else state.route.enabled.delete(coachClass);
      renderFareGrid(state);
      document.querySelector(`[data-fare-class="${coachClass}"]`)?.focus();
    })
    .on("input", "input[name^=fare-]", function () {
      const [, coachClass, leg] = this.name.split("-");
      const through = setLegFare(state.route, coachClass, Number(leg), this.value);
      $(`[data-total=${coachClass}]`).text(through === null ? "–" : formatTaka(through));
    });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.route) return;
    clearErrors(form);
    const values = { ...formValues(form, ["id", "code", "nameEn", "nameBn"]), crossBorder: form.elements.namedItem("crossBorder").checked };
    const { id, body, errors, problems } = parseRouteForm(values, state.route, {
      records: state.network.routes,
      editing: state.editing,
      stops: state.network.stops,
    });
    showErrors(form, errors);
    showRouteProblems(form, problems);
    if (hasErrors(form)) return focusInvalid(form);
    if ((await save(form, { name: "nameEn" }, () => putRoute(id, body), reload)) !== undefined) {
      state.route = null;
      toast(t("ops.saved", { name: body.code }));
    }
  });
}

function showRouteProblems(form, problems) {
  const faresShown = new Set();
  for (const problem of problems) {
    const message = t(`ops.routes.errors.${problem.key}`, {
      n: (problem.index ?? 0) + 1,
      ...problem.params,
      class: problem.params?.class ? t(`coachClass.${problem.params.class}`) : "",
    });
    const target = routeProblemTarget(problem);
    if (!target.fareInput) {
      showFieldError(form, target.field, message);
      continue;
    }
    const input = form.elements.namedItem(target.fareInput);
    input?.setAttribute("aria-invalid", "true");
    input?.closest(".input")?.classList.add("input-error");
    if (!faresShown.has(target.fareClass)) showFieldError(form, target.field, message);
    faresShown.add(target.fareClass);
  }
}
