// Ops network page (/ops/network.html): stops, routes, coaches and schedules, each a table with add/edit in a
// dialog and delete where the API allows (stops, schedules). Every save goes to the admin API and the page then
// reloads the network, so the tables always show what the server stored.
import { deleteSchedule, deleteStop, getNetwork, putCoach, putRoute, putSchedule, putStop } from "./admin-api.js";
import { formatDate, formatTaka, lang, onLangChange, stopName, t, toLocalDigits, todayInDhaka, addDays } from "./i18n.js";
import { icon } from "./icons.js";
import {
  COACH_CLASSES,
  faresAfterInsert,
  faresAfterMove,
  faresAfterRemove,
  isSlug,
  moveItem,
  parseInteger,
  resizeLegFares,
  routeProblems,
  slugify,
  toHourMinute,
} from "./ops-model.js";
import {
  busy,
  clearErrors,
  confirmAction,
  focusInvalid,
  openDialog,
  pageProblemText,
  showFieldError,
  showSaveError,
  startOpsPage,
  toast,
} from "./ops.js";
import { escapeHtml } from "./page.js";
import { coachClassBadge } from "./ui.js";

const $ = window.jQuery;
const TABS = ["stops", "routes", "coaches", "schedules"];

const state = {
  network: null,
  tab: "stops",
  /** The record being edited (null when adding). */
  editing: null,
  /** Route editor: stops and per-class leg fares being edited. */
  route: null,
  /** Ids the user typed by hand are not overwritten by the suggestion. */
  idTouched: false,
};

await startOpsPage();
onLangChange(() => {
  if (state.network) renderTables();
  if (state.route) renderRouteEditor();
  if (document.getElementById("schedule-dialog").open) renderCoachInfo();
});
wireTabs();
wireTables();
wireStopForm();
wireCoachForm();
wireRouteForm();
wireScheduleForm();
for (const button of document.querySelectorAll("dialog [data-close]")) {
  button.addEventListener("click", () => button.closest("dialog").close());
}
await reload();

// ---------- loading ----------

async function reload() {
  try {
    state.network = await getNetwork();
    $("#page-error").prop("hidden", true);
    $("#network-view").prop("hidden", false);
    renderTables();
  } catch (error) {
    console.error(error);
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
}

function stopsById() {
  return new Map(state.network.stops.map((s) => [s.id, s]));
}

function layoutsByCode() {
  return new Map(state.network.layouts.map((l) => [l.code, l]));
}

// ---------- tabs ----------

function wireTabs() {
  const fromHash = window.location.hash.slice(1);
  activateTab(TABS.includes(fromHash) ? fromHash : "stops", { focus: false });
  $("[role=tab]").on("click", function () {
    activateTab(this.dataset.tab);
  });
  // Arrow keys move between tabs (one Tab stop for the tab list), as the ARIA tabs pattern expects.
  $("[role=tablist]").on("keydown", "[role=tab]", function (event) {
    const index = TABS.indexOf(this.dataset.tab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    activateTab(TABS[(next + TABS.length) % TABS.length]);
  });
}

function activateTab(tab, { focus = true } = {}) {
  state.tab = tab;
  for (const name of TABS) {
    const button = document.getElementById(`tab-${name}`);
    const on = name === tab;
    button.setAttribute("aria-selected", on ? "true" : "false");
    button.tabIndex = on ? 0 : -1;
    document.getElementById(`panel-${name}`).hidden = !on;
    if (on && focus) button.focus();
  }
  if (window.location.hash.slice(1) !== tab) history.replaceState(null, "", `#${tab}`);
}

// ---------- tables ----------

function renderTables() {
  const n = state.network;
  for (const name of TABS) $(`[data-count=${name}]`).text(toLocalDigits(n[name].length));
  renderStops();
  renderRoutes();
  renderCoaches();
  renderSchedules();
}

function actions(kind, id, name, { canDelete = false } = {}) {
  const edit = `<button type="button" class="btn btn-ghost btn-xs" data-edit="${kind}" data-id="${escapeHtml(id)}"
      aria-label="${escapeHtml(t("ops.editItem", { name }))}">${escapeHtml(t("ops.edit"))}</button>`;
  const del = canDelete
    ? `<button type="button" class="btn btn-ghost btn-xs text-error" data-delete="${kind}" data-id="${escapeHtml(id)}"
      aria-label="${escapeHtml(t("ops.deleteItem", { name }))}">${escapeHtml(t("ops.delete"))}</button>`
    : "";
  return `<td class="whitespace-nowrap text-right">${edit}${del}</td>`;
}

function emptyRow(columns, key) {
  return `<tr><td colspan="${columns}" class="py-6 text-center opacity-70">${escapeHtml(t(key))}</td></tr>`;
}

function renderStops() {
  const rows = [...state.network.stops]
    .sort((a, b) => a.city.localeCompare(b.city) || a.nameEn.localeCompare(b.nameEn))
    .map(
      (s) => `<tr data-id="${escapeHtml(s.id)}">
        <td class="font-mono text-xs">${escapeHtml(s.id)}</td>
        <td>${escapeHtml(s.nameEn)}</td>
        <td lang="bn">${escapeHtml(s.nameBn)}</td>
        <td>${escapeHtml(s.city)}</td>
        <td><span class="badge badge-sm ${s.kind === "Counter" ? "badge-primary badge-soft" : "badge-ghost"}">${escapeHtml(t(`ops.stopKind.${s.kind}`))}</span></td>
        ${actions("stop", s.id, stopName(s), { canDelete: true })}
      </tr>`,
    );
  $("#stops-table tbody").html(rows.join("") || emptyRow(6, "ops.stops.empty"));
}

function routeName(route) {
  return (lang() === "bn" ? route.nameBn : route.nameEn) || route.nameEn || route.code;
}

function formatMinutes(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t("duration.hm", { h, m });
  return h ? t("duration.h", { h }) : t("duration.m", { m });
}

function renderRoutes() {
  const stops = stopsById();
  const rows = [...state.network.routes]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => {
      const names = r.stops.map((s) => stopName(stops.get(s.stopId)) || s.stopId);
      const last = r.stops.at(-1)?.offsetMinutes ?? 0;
      return `<tr data-id="${escapeHtml(r.id)}">
        <td class="font-mono text-xs font-semibold">${escapeHtml(r.code)}</td>
        <td>${escapeHtml(routeName(r))}</td>
        <td class="max-w-md text-xs">${names.map(escapeHtml).join(' <span aria-hidden="true">→</span> ')}</td>
        <td class="whitespace-nowrap">${escapeHtml(formatMinutes(last))}</td>
        <td><div class="flex flex-wrap gap-1">${r.fares.map((f) => coachClassBadge(f.class, "badge-xs")).join("")}</div></td>
        ${actions("route", r.id, r.code)}
      </tr>`;
    });
  $("#routes-table tbody").html(rows.join("") || emptyRow(6, "ops.routes.empty"));
}

function layoutCaption(layout) {
  if (!layout) return "";
  return `${layout.name} · ${t("ops.layouts.seatCount", { count: layout.seats.length })}`;
}

function renderCoaches() {
  const layouts = layoutsByCode();
  const rows = [...state.network.coaches]
    .sort((a, b) => a.registration.localeCompare(b.registration))
    .map(
      (c) => `<tr data-id="${escapeHtml(c.id)}">
        <td class="font-semibold">${escapeHtml(c.registration)}</td>
        <td>${coachClassBadge(c.class)}</td>
        <td class="text-sm">${escapeHtml(layoutCaption(layouts.get(c.layoutCode)) || c.layoutCode)}</td>
        <td>${escapeHtml(c.make)}</td>
        <td class="font-mono text-xs">${escapeHtml(c.id)}</td>
        ${actions("coach", c.id, c.registration)}
      </tr>`,
    );
  $("#coaches-table tbody").html(rows.join("") || emptyRow(6, "ops.coaches.empty"));
}

function renderSchedules() {
  const routes = new Map(state.network.routes.map((r) => [r.id, r]));
  const coaches = new Map(state.network.coaches.map((c) => [c.id, c]));
  const rows = [...state.network.schedules]
    .sort((a, b) => a.routeId.localeCompare(b.routeId) || a.departureLocal.localeCompare(b.departureLocal))
    .map((s) => {
      const route = routes.get(s.routeId);
      const coach = coaches.get(s.coachId);
      return `<tr data-id="${escapeHtml(s.id)}">
        <td><span class="font-mono text-xs font-semibold">${escapeHtml(route?.code ?? s.routeId)}</span>
          <span class="block text-xs opacity-75">${escapeHtml(route ? routeName(route) : "")}</span></td>
        <td class="text-base font-semibold tabular-nums">${escapeHtml(toLocalDigits(toHourMinute(s.departureLocal)))}</td>
        <td><span class="block">${escapeHtml(coach?.registration ?? s.coachId)}</span>${coach ? coachClassBadge(coach.class, "badge-xs") : ""}</td>
        <td class="whitespace-nowrap text-sm">${escapeHtml(t("ops.schedules.dateRange", { from: formatDate(s.fromDate), to: formatDate(s.toDate) }))}</td>
        <td class="font-mono text-xs">${escapeHtml(s.id)}</td>
        ${actions("schedule", s.id, `${route?.code ?? s.routeId} ${toHourMinute(s.departureLocal)}`, { canDelete: true })}
      </tr>`;
    });
  $("#schedules-table tbody").html(rows.join("") || emptyRow(6, "ops.schedules.empty"));
}

function wireTables() {
  $("#network-view")
    .on("click", "[data-add]", function () {
      openEditor(this.dataset.add, null);
    })
    .on("click", "[data-edit]", function () {
      openEditor(this.dataset.edit, this.dataset.id);
    })
    .on("click", "[data-delete]", function () {
      remove(this.dataset.delete, this.dataset.id, this);
    });
}

function openEditor(kind, id) {
  const list = { stop: "stops", route: "routes", coach: "coaches", schedule: "schedules" }[kind];
  const record = id === null ? null : state.network[list].find((x) => x.id === id) ?? null;
  state.editing = record;
  state.idTouched = false;
  const form = document.getElementById(`${kind}-form`);
  clearErrors(form);
  form.reset();
  const idInput = form.elements.namedItem("id");
  idInput.readOnly = record !== null;
  idInput.classList.toggle("input-ghost", record !== null);
  document.getElementById(`${kind}-dialog-title`).textContent = t(`ops.${list}.${record ? "editTitle" : "addTitle"}`, {
    name: record ? (record.code ?? record.registration ?? record.nameEn ?? record.id) : "",
  });
  ({ stop: fillStopForm, route: fillRouteForm, coach: fillCoachForm, schedule: fillScheduleForm })[kind](form, record);
  openDialog(document.getElementById(`${kind}-dialog`));
  form.querySelector("input:not([readonly]):not([type=hidden]), select")?.focus();
}

async function remove(kind, id, button) {
  const question = t(kind === "stop" ? "ops.stops.confirmDelete" : "ops.schedules.confirmDelete", { name: id });
  if (!(await confirmAction(question, t("ops.delete")))) return;
  try {
    await busy(button, () => (kind === "stop" ? deleteStop(id) : deleteSchedule(id)));
    toast(t("ops.deleted", { name: id }));
    await reload();
  } catch (error) {
    toast(pageProblemText(error), "error");
  }
}

/** Suggests an id from another field while adding, until the user types an id of their own. */
function suggestId(form, value) {
  if (state.editing || state.idTouched) return;
  form.elements.namedItem("id").value = value;
}

function watchIdInput(form) {
  form.elements.namedItem("id").addEventListener("input", () => {
    state.idTouched = true;
  });
}

/**
 * Client-side id check shared by every form. PUT creates or replaces, so a new record must not take an existing id:
 * that would silently overwrite another stop, route, coach or schedule.
 */
function checkId(form, list) {
  const id = form.elements.namedItem("id").value.trim();
  if (!isSlug(id)) showFieldError(form, "id", t("ops.form.idInvalid"));
  else if (!state.editing && state.network[list].some((x) => x.id === id)) showFieldError(form, "id", t("ops.form.idTaken", { id }));
  return id;
}

function required(form, name, key = "ops.form.required") {
  const value = String(form.elements.namedItem(name).value ?? "").trim();
  if (!value) showFieldError(form, name, t(key));
  return value;
}

async function submit(form, aliases, work) {
  const button = form.querySelector("[type=submit]");
  try {
    const result = await busy(button, work);
    form.closest("dialog").close();
    await reload();
    return result;
  } catch (error) {
    showSaveError(form, error, aliases);
    return undefined;
  }
}

function hasErrors(form) {
  return form.querySelector(".field-error:not([hidden]), .form-error:not([hidden])") !== null;
}

// ---------- stop ----------

function fillStopForm(form, stop) {
  form.elements.namedItem("id").value = stop?.id ?? "";
  form.elements.namedItem("nameEn").value = stop?.nameEn ?? "";
  form.elements.namedItem("nameBn").value = stop?.nameBn ?? "";
  form.elements.namedItem("city").value = stop?.city ?? "";
  form.elements.namedItem("kind").value = stop?.kind ?? "Counter";
}

function wireStopForm() {
  const form = document.getElementById("stop-form");
  watchIdInput(form);
  form.elements.namedItem("nameEn").addEventListener("input", (event) => suggestId(form, slugify(event.target.value)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      nameEn: required(form, "nameEn"),
      nameBn: required(form, "nameBn"),
      city: required(form, "city"),
      kind: form.elements.namedItem("kind").value,
    };
    const id = checkId(form, "stops");
    if (hasErrors(form)) return focusInvalid(form);
    if ((await submit(form, { name: "nameEn" }, () => putStop(id, body))) !== undefined) toast(t("ops.saved", { name: body.nameEn }));
  });
}

// ---------- coach ----------

function fillCoachForm(form, coach) {
  const select = form.elements.namedItem("layoutCode");
  select.innerHTML = state.network.layouts
    .map((l) => `<option value="${escapeHtml(l.code)}">${escapeHtml(layoutCaption(l))}</option>`)
    .join("");
  form.elements.namedItem("id").value = coach?.id ?? nextCoachId();
  form.elements.namedItem("registration").value = coach?.registration ?? "";
  form.elements.namedItem("class").value = coach?.class ?? "AcEconomy";
  form.elements.namedItem("make").value = coach?.make ?? "";
  select.value = coach?.layoutCode ?? state.network.layouts[0]?.code ?? "";
}

function nextCoachId() {
  const ids = new Set(state.network.coaches.map((c) => c.id));
  let n = state.network.coaches.length + 1;
  while (ids.has(`coach-${String(n).padStart(2, "0")}`)) n++;
  return `coach-${String(n).padStart(2, "0")}`;
}

function wireCoachForm() {
  const form = document.getElementById("coach-form");
  watchIdInput(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      registration: required(form, "registration"),
      class: form.elements.namedItem("class").value,
      layoutCode: required(form, "layoutCode", "ops.coaches.pickLayout"),
      make: form.elements.namedItem("make").value.trim(),
    };
    const id = checkId(form, "coaches");
    if (hasErrors(form)) return focusInvalid(form);
    if ((await submit(form, {}, () => putCoach(id, body))) !== undefined) toast(t("ops.saved", { name: body.registration }));
  });
}

// ---------- route ----------

function fillRouteForm(form, route) {
  form.elements.namedItem("id").value = route?.id ?? "";
  form.elements.namedItem("code").value = route?.code ?? "";
  form.elements.namedItem("nameEn").value = route?.nameEn ?? "";
  form.elements.namedItem("nameBn").value = route?.nameBn ?? "";
  const stops = route ? route.stops.map((s) => ({ ...s })) : [{ stopId: "", offsetMinutes: 0 }, { stopId: "", offsetMinutes: null }];
  const legs = stops.length - 1;
  const fares = new Map(COACH_CLASSES.map((c) => [c, resizeLegFares([], legs)]));
  const enabled = new Set();
  for (const f of route?.fares ?? []) {
    fares.set(f.class, resizeLegFares([...f.legFares], legs));
    enabled.add(f.class);
  }
  if (!route) enabled.add("AcEconomy");
  state.route = { stops, fares, enabled };
  renderRouteEditor();
}

function renderRouteEditor() {
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
  renderFareGrid();
}

function renderFareGrid() {
  const { stops, fares, enabled } = state.route;
  const names = stopsById();
  const short = (id) => (id ? stopName(names.get(id)) || id : "?");
  const legs = stops.slice(0, -1).map((s, i) => `${short(s.stopId)} → ${short(stops[i + 1].stopId)}`);
  const head = `<thead><tr><th scope="col">${escapeHtml(t("ops.routes.classColumn"))}</th>${legs
    .map((leg) => `<th scope="col" class="min-w-28 font-normal">${escapeHtml(leg)}</th>`)
    .join("")}<th scope="col" class="text-right">${escapeHtml(t("ops.routes.throughFare"))}</th></tr></thead>`;
  const body = COACH_CLASSES.map((coachClass) => {
    const on = enabled.has(coachClass);
    const legFares = fares.get(coachClass);
    const total = legFares.every((f) => Number.isInteger(f) && f > 0) && legFares.length ? formatTaka(legFares.reduce((a, b) => a + b, 0)) : "–";
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

function wireRouteForm() {
  const form = document.getElementById("route-form");
  watchIdInput(form);
  form.elements.namedItem("code").addEventListener("input", (event) => suggestId(form, slugify(event.target.value)));

  $("#route-stops")
    .on("change", "select[name^=stop-]", function () {
      state.route.stops[Number(this.name.slice(5))].stopId = this.value;
      renderFareGrid();
    })
    .on("input", "input[name^=offset-]", function () {
      state.route.stops[Number(this.name.slice(7))].offsetMinutes = parseInteger(this.value);
    })
    .on("click", "[data-move-stop]", function () {
      const from = Number(this.dataset.moveStop);
      const to = Number(this.dataset.to);
      moveStop(from, to);
      // Keep the keyboard on the moved stop's button.
      document.querySelector(`[data-move-stop="${to}"][data-to="${to + (to > from ? 1 : -1)}"]:not([disabled])`)?.focus()
        ?? document.querySelector(`select[name="stop-${to}"]`)?.focus();
    })
    .on("click", "[data-remove-stop]", function () {
      removeStop(Number(this.dataset.removeStop));
    });

  $("#route-add-stop").on("click", () => {
    const { stops, fares } = state.route;
    for (const [coachClass, legFares] of fares) fares.set(coachClass, faresAfterInsert(legFares, stops.length));
    stops.push({ stopId: "", offsetMinutes: null });
    renderRouteEditor();
    document.querySelector(`select[name="stop-${stops.length - 1}"]`)?.focus();
  });

  $("#route-fares")
    .on("change", "[data-fare-class]", function () {
      const coachClass = this.dataset.fareClass;
      if (this.checked) state.route.enabled.add(coachClass);
      else state.route.enabled.delete(coachClass);
      renderFareGrid();
      document.querySelector(`[data-fare-class="${coachClass}"]`)?.focus();
    })
    .on("input", "input[name^=fare-]", function () {
      const [, coachClass, leg] = this.name.split("-");
      state.route.fares.get(coachClass)[Number(leg)] = parseInteger(this.value);
      const legFares = state.route.fares.get(coachClass);
      const complete = legFares.every((f) => Number.isInteger(f) && f > 0);
      $(`[data-total=${coachClass}]`).text(complete ? formatTaka(legFares.reduce((a, b) => a + b, 0)) : "–");
    });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.route) return;
    clearErrors(form);
    const body = {
      code: form.elements.namedItem("code").value.trim().toUpperCase(),
      nameEn: form.elements.namedItem("nameEn").value.trim(),
      nameBn: form.elements.namedItem("nameBn").value.trim(),
      stops: state.route.stops.map((s) => ({ stopId: s.stopId, offsetMinutes: s.offsetMinutes })),
      fares: COACH_CLASSES.filter((c) => state.route.enabled.has(c)).map((c) => ({ class: c, legFares: [...state.route.fares.get(c)] })),
    };
    const id = checkId(form, "routes");
    showRouteProblems(form, routeProblems(body));
    if (hasErrors(form)) return focusInvalid(form);
    if ((await submit(form, { name: "nameEn" }, () => putRoute(id, body))) !== undefined) {
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
    if (problem.key === "pickStop" || problem.key === "stopTwice") showFieldError(form, `stop-${problem.index}`, message);
    else if (problem.key === "firstOffset" || problem.key === "offsetOrder") showFieldError(form, `offset-${problem.index}`, message);
    else if (problem.key === "fare") {
      const input = form.elements.namedItem(`fare-${problem.params.class}-${problem.index}`);
      input?.setAttribute("aria-invalid", "true");
      input?.closest(".input")?.classList.add("input-error");
      if (!faresShown.has(problem.params.class)) showFieldError(form, "fares", message);
      faresShown.add(problem.params.class);
    } else showFieldError(form, problem.field, message);
  }
}

function moveStop(from, to) {
  const { stops, fares } = state.route;
  if (to < 0 || to >= stops.length) return;
  // Times stay with their position along the route (so they still increase); the stops change places.
  const ids = moveItem(stops.map((s) => s.stopId), from, to);
  ids.forEach((id, i) => (stops[i].stopId = id));
  for (const [coachClass, legFares] of fares) fares.set(coachClass, faresAfterMove(legFares, from, to));
  renderRouteEditor();
}

function removeStop(index) {
  const { stops, fares } = state.route;
  if (stops.length <= 2) return;
  stops.splice(index, 1);
  // A route's times count from its first stop: removing the first stop shifts the rest.
  const base = stops[0].offsetMinutes ?? 0;
  for (const stop of stops) if (stop.offsetMinutes !== null) stop.offsetMinutes -= base;
  for (const [coachClass, legFares] of fares) fares.set(coachClass, faresAfterRemove(legFares, index));
  renderRouteEditor();
  document.querySelector(`select[name="stop-${Math.min(index, stops.length - 1)}"]`)?.focus();
}

// ---------- schedule ----------

function fillScheduleForm(form, schedule) {
  const routes = [...state.network.routes].sort((a, b) => a.code.localeCompare(b.code));
  form.elements.namedItem("routeId").innerHTML =
    `<option value="">${escapeHtml(t("ops.schedules.pickRoute"))}</option>` +
    routes.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(`${r.code} · ${routeName(r)}`)}</option>`).join("");
  const layouts = layoutsByCode();
  const coaches = [...state.network.coaches].sort((a, b) => a.registration.localeCompare(b.registration));
  form.elements.namedItem("coachId").innerHTML =
    `<option value="">${escapeHtml(t("ops.schedules.pickCoach"))}</option>` +
    coaches
      .map((c) => {
        const layout = layouts.get(c.layoutCode);
        return `<option value="${escapeHtml(c.id)}">${escapeHtml(`${c.registration} · ${t(`coachClass.${c.class}`)} · ${layout ? t("ops.layouts.seatCount", { count: layout.seats.length }) : c.layoutCode}`)}</option>`;
      })
      .join("");
  const today = todayInDhaka();
  form.elements.namedItem("id").value = schedule?.id ?? "";
  form.elements.namedItem("routeId").value = schedule?.routeId ?? "";
  form.elements.namedItem("coachId").value = schedule?.coachId ?? "";
  form.elements.namedItem("departure").value = toHourMinute(schedule?.departureLocal ?? "");
  form.elements.namedItem("fromDate").value = schedule?.fromDate ?? today;
  form.elements.namedItem("toDate").value = schedule?.toDate ?? addDays(today, 30);
  renderCoachInfo();
}

/** Under the coach picker: its class and layout, and a warning when the route sells no fares for that class. */
function renderCoachInfo() {
  const form = document.getElementById("schedule-form");
  const coach = state.network.coaches.find((c) => c.id === form.elements.namedItem("coachId").value);
  const route = state.network.routes.find((r) => r.id === form.elements.namedItem("routeId").value);
  const info = $("#schedule-coach-info");
  if (!coach) return info.empty();
  const layout = layoutsByCode().get(coach.layoutCode);
  const noFares = route && !route.fares.some((f) => f.class === coach.class);
  info.html(
    `${coachClassBadge(coach.class)} <span>${escapeHtml(layoutCaption(layout) || coach.layoutCode)}</span>` +
      (noFares ? `<span class="mt-1 flex items-center gap-1 text-warning">${icon("alert", "size-4")}${escapeHtml(t("ops.schedules.noFaresForClass", { route: route.code, class: t(`coachClass.${coach.class}`) }))}</span>` : ""),
  );
}

function suggestScheduleId(form) {
  const route = form.elements.namedItem("routeId").value;
  const time = form.elements.namedItem("departure").value.replace(":", "");
  if (route && time) suggestId(form, `${route}-${time}`);
}

function wireScheduleForm() {
  const form = document.getElementById("schedule-form");
  watchIdInput(form);
  for (const name of ["routeId", "coachId"]) form.elements.namedItem(name).addEventListener("change", renderCoachInfo);
  for (const name of ["routeId", "departure"]) form.elements.namedItem(name).addEventListener("change", () => suggestScheduleId(form));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = {
      routeId: required(form, "routeId", "ops.schedules.pickRoute"),
      coachId: required(form, "coachId", "ops.schedules.pickCoach"),
      departure: required(form, "departure", "ops.schedules.pickTime"),
      fromDate: required(form, "fromDate"),
      toDate: required(form, "toDate"),
    };
    if (body.fromDate && body.toDate && body.toDate < body.fromDate) showFieldError(form, "toDate", t("ops.schedules.datesOrder"));
    const id = checkId(form, "schedules");
    if (hasErrors(form)) return focusInvalid(form);
    const result = await submit(form, { departureLocal: "departure" }, () => putSchedule(id, body));
    if (result === undefined) return;
    const message = t("ops.schedules.tripsCreated", { count: Number(result?.tripsCreated ?? 0), id });
    $("#schedule-result").text(message).prop("hidden", false);
    toast(message);
  });
}
