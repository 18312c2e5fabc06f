// Ops network page (/ops/network.html): stops, routes, coaches and schedules, each a table with add/edit in a
// dialog and delete where the API allows (stops, schedules). Every save goes to the admin API and the page then
// reloads the network, so the tables always show what the server stored. The tables are drawn by
// ops-network-tables.js, the route editor lives in ops-network-route.js, a stop's boarding/dropping points in
// ops-network-points.js, and the forms are read into API bodies by network-model.js.
import { deleteSchedule, deleteStop, getNetwork, putCoach, putSchedule, putStop } from "./admin-api.js";
import { addDays, onLangChange, stopName, t, todayInDhaka } from "./i18n.js";
import { icon } from "./icons.js";
import { nextCoachId, parseCoachForm, parseScheduleForm, parseStopForm, scheduleIdSuggestion } from "./network-model.js";
import { formValues, hasErrors, save, showErrors, suggestId, watchIdInput } from "./ops-network-forms.js";
import { fillStopPoints, renderStopPoints, wireStopPoints } from "./ops-network-points.js";
import { fillRouteForm, renderRouteEditor, wireRouteForm } from "./ops-network-route.js";
import { layoutCaption, layoutsByCode, renderTables, routeLabel, TABS } from "./ops-network-tables.js";
import { slugify, toHourMinute } from "./ops-model.js";
import { busy, clearErrors, confirmAction, focusInvalid, openDialog, pageProblemText, startOpsPage, toast } from "./ops.js";
import { escapeHtml } from "./page.js";
import { coachClassBadge } from "./ui.js";

const $ = window.jQuery;

const state = {
  network: null,
  tab: "stops",
  /** The record being edited (null when adding). */
  editing: null,
  /** Route editor: stops and per-class leg fares being edited. */
  route: null,
  /** Stop editor: the boarding/dropping point rows as typed. */
  points: [],
  /** Ids the user typed by hand are not overwritten by the suggestion. */
  idTouched: false,
};

await startOpsPage();
onLangChange(() => {
  if (state.network) renderTables(state.network);
  if (state.route) renderRouteEditor(state);
  if (document.getElementById("stop-dialog").open) renderStopPoints(state);
  if (document.getElementById("schedule-dialog").open) renderCoachInfo();
});
wireTabs();
wireTables();
wireStopForm();
wireCoachForm();
wireRouteForm(state, reload);
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
    renderTables(state.network);
  } catch (error) {
    console.error(error);
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
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

// ---------- tables and dialogs ----------

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
  if (kind === "route") fillRouteForm(state, form, record);
  else ({ stop: fillStopForm, coach: fillCoachForm, schedule: fillScheduleForm })[kind](form, record);
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

/** What the parse functions need to check a new record's id: the records on file and the one being edited. */
function idContext(list) {
  return { records: state.network[list], editing: state.editing };
}

/** Shows the parse errors; true when the form may be sent (else the first problem has focus). */
function ready(form, errors) {
  showErrors(form, errors);
  if (!hasErrors(form)) return true;
  focusInvalid(form);
  return false;
}

// ---------- stop ----------

function fillStopForm(form, stop) {
  form.elements.namedItem("id").value = stop?.id ?? "";
  form.elements.namedItem("nameEn").value = stop?.nameEn ?? "";
  form.elements.namedItem("nameBn").value = stop?.nameBn ?? "";
  // Stops belong to the network's cities (city search finds every stop of a city); ops pick one, by name.
  const city = form.elements.namedItem("city");
  city.innerHTML = `<option value="">${escapeHtml(t("ops.stops.pickCity"))}</option>`
    + [...(state.network.cities ?? [])]
      .sort((a, b) => stopName(a).localeCompare(stopName(b)))
      .map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(stopName(c))}</option>`)
      .join("");
  city.value = stop?.city ?? "";
  form.elements.namedItem("kind").value = stop?.kind ?? "Counter";
  form.elements.namedItem("country").value = stop?.country ?? "";
  fillStopPoints(state, stop);
}

function wireStopForm() {
  const form = document.getElementById("stop-form");
  watchIdInput(state, form);
  wireStopPoints(state);
  form.elements.namedItem("nameEn").addEventListener("input", (event) => suggestId(state, form, slugify(event.target.value)));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = formValues(form, ["id", "nameEn", "nameBn", "city", "kind", "country"]);
    const { id, body, errors } = parseStopForm(values, idContext("stops"), state.points);
    if (!ready(form, errors)) return;
    if ((await save(form, { name: "nameEn" }, () => putStop(id, body), reload)) !== undefined) toast(t("ops.saved", { name: body.nameEn }));
  });
}

// ---------- coach ----------

function fillCoachForm(form, coach) {
  const select = form.elements.namedItem("layoutCode");
  select.innerHTML = state.network.layouts
    .map((l) => `<option value="${escapeHtml(l.code)}">${escapeHtml(layoutCaption(l))}</option>`)
    .join("");
  form.elements.namedItem("id").value = coach?.id ?? nextCoachId(state.network.coaches);
  form.elements.namedItem("registration").value = coach?.registration ?? "";
  form.elements.namedItem("class").value = coach?.class ?? "AcEconomy";
  form.elements.namedItem("make").value = coach?.make ?? "";
  select.value = coach?.layoutCode ?? state.network.layouts[0]?.code ?? "";
}

function wireCoachForm() {
  const form = document.getElementById("coach-form");
  watchIdInput(state, form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = formValues(form, ["id", "registration", "class", "layoutCode", "make"]);
    const { id, body, errors } = parseCoachForm(values, idContext("coaches"));
    if (!ready(form, errors)) return;
    if ((await save(form, {}, () => putCoach(id, body), reload)) !== undefined) toast(t("ops.saved", { name: body.registration }));
  });
}

// ---------- schedule ----------

function fillScheduleForm(form, schedule) {
  const routes = [...state.network.routes].sort((a, b) => a.code.localeCompare(b.code));
  form.elements.namedItem("routeId").innerHTML =
    `<option value="">${escapeHtml(t("ops.schedules.pickRoute"))}</option>` +
    routes.map((r) => `<option value="${escapeHtml(r.id)}">${escapeHtml(`${r.code} · ${routeLabel(r)}`)}</option>`).join("");
  const layouts = layoutsByCode(state.network);
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
  const layout = layoutsByCode(state.network).get(coach.layoutCode);
  const noFares = route && !route.fares.some((f) => f.class === coach.class);
  info.html(
    `${coachClassBadge(coach.class)} <span>${escapeHtml(layoutCaption(layout) || coach.layoutCode)}</span>` +
      (noFares ? `<span class="mt-1 flex items-center gap-1 text-warning">${icon("alert", "size-4")}${escapeHtml(t("ops.schedules.noFaresForClass", { route: route.code, class: t(`coachClass.${coach.class}`) }))}</span>` : ""),
  );
}

function suggestScheduleId(form) {
  const id = scheduleIdSuggestion(form.elements.namedItem("routeId").value, form.elements.namedItem("departure").value);
  if (id) suggestId(state, form, id);
}

function wireScheduleForm() {
  const form = document.getElementById("schedule-form");
  watchIdInput(state, form);
  for (const name of ["routeId", "coachId"]) form.elements.namedItem(name).addEventListener("change", renderCoachInfo);
  for (const name of ["routeId", "departure"]) form.elements.namedItem(name).addEventListener("change", () => suggestScheduleId(form));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = formValues(form, ["id", "routeId", "coachId", "departure", "fromDate", "toDate"]);
    const { id, body, errors } = parseScheduleForm(values, idContext("schedules"));
    if (!ready(form, errors)) return;
    const result = await save(form, { departureLocal: "departure" }, () => putSchedule(id, body), reload);
    if (result === undefined) return;
    const message = t("ops.schedules.tripsCreated", { count: Number(result?.tripsCreated ?? 0), id });
    $("#schedule-result").text(message).prop("hidden", false);
    toast(message);
  });
}
