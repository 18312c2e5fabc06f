// The four tables of the ops network page (/ops/network.html): stops, routes, coaches and schedules, each sorted
// for reading, with Edit (and Delete where the API allows) buttons that ops-network.js listens to.
import { formatDate, lang, stopName, t, toLocalDigits } from "./i18n.js";
import { toHourMinute } from "./ops-model.js";
import { escapeHtml } from "./page.js";
import { coachClassBadge } from "./ui.js";

const $ = window.jQuery;
export const TABS = ["stops", "routes", "coaches", "schedules"];

export function renderTables(network) {
  for (const name of TABS) $(`[data-count=${name}]`).text(toLocalDigits(network[name].length));
  renderStops(network);
  renderRoutes(network);
  renderCoaches(network);
  renderSchedules(network);
}

/** A route's name in the page's language (English when it has no Bangla name, the code when it has none). */
export function routeLabel(route) {
  return (lang() === "bn" ? route.nameBn : route.nameEn) || route.nameEn || route.code;
}

/** "Name · 40 seats" for a seat layout; empty for none. */
export function layoutCaption(layout) {
  if (!layout) return "";
  return `${layout.name} · ${t("ops.layouts.seatCount", { count: layout.seats.length })}`;
}

export function layoutsByCode(network) {
  return new Map(network.layouts.map((l) => [l.code, l]));
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

function renderStops(network) {
  const cities = new Map((network.cities ?? []).map((c) => [c.id, c]));
  const cityName = (s) => stopName(cities.get(s.city)) || s.city;
  const rows = [...network.stops]
    .sort((a, b) => cityName(a).localeCompare(cityName(b)) || a.nameEn.localeCompare(b.nameEn))
    .map(
      (s) => `<tr data-id="${escapeHtml(s.id)}">
        <td class="font-mono text-xs">${escapeHtml(s.id)}</td>
        <td>${escapeHtml(s.nameEn)}${s.country ? ` <span class="badge badge-xs badge-outline font-mono" title="${escapeHtml(t("ops.stops.country"))}">${escapeHtml(s.country)}</span>` : ""}</td>
        <td lang="bn">${escapeHtml(s.nameBn)}</td>
        <td>${escapeHtml(cityName(s))}</td>
        <td><span class="badge badge-sm ${s.kind === "Counter" ? "badge-primary badge-soft" : "badge-ghost"}">${escapeHtml(t(`ops.stopKind.${s.kind}`))}</span></td>
        ${actions("stop", s.id, stopName(s), { canDelete: true })}
      </tr>`,
    );
  $("#stops-table tbody").html(rows.join("") || emptyRow(6, "ops.stops.empty"));
}

function formatMinutes(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t("duration.hm", { h, m });
  return h ? t("duration.h", { h }) : t("duration.m", { m });
}

function renderRoutes(network) {
  const stops = new Map(network.stops.map((s) => [s.id, s]));
  const rows = [...network.routes]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => {
      const names = r.stops.map((s) => stopName(stops.get(s.stopId)) || s.stopId);
      const last = r.stops.at(-1)?.offsetMinutes ?? 0;
      return `<tr data-id="${escapeHtml(r.id)}">
        <td class="font-mono text-xs font-semibold">${escapeHtml(r.code)}</td>
        <td>${escapeHtml(routeLabel(r))}${r.crossBorder ? ` <span class="badge badge-xs badge-outline">${escapeHtml(t("ops.routes.crossBorderBadge"))}</span>` : ""}</td>
        <td class="max-w-md text-xs">${names.map(escapeHtml).join(' <span aria-hidden="true">→</span> ')}</td>
        <td class="whitespace-nowrap">${escapeHtml(formatMinutes(last))}</td>
        <td><div class="flex flex-wrap gap-1">${r.fares.map((f) => coachClassBadge(f.class, "badge-xs")).join("")}</div></td>
        ${actions("route", r.id, r.code)}
      </tr>`;
    });
  $("#routes-table tbody").html(rows.join("") || emptyRow(6, "ops.routes.empty"));
}

function renderCoaches(network) {
  const layouts = layoutsByCode(network);
  const rows = [...network.coaches]
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

function renderSchedules(network) {
  const routes = new Map(network.routes.map((r) => [r.id, r]));
  const coaches = new Map(network.coaches.map((c) => [c.id, c]));
  const rows = [...network.schedules]
    .sort((a, b) => a.routeId.localeCompare(b.routeId) || a.departureLocal.localeCompare(b.departureLocal))
    .map((s) => {
      const route = routes.get(s.routeId);
      const coach = coaches.get(s.coachId);
      return `<tr data-id="${escapeHtml(s.id)}">
        <td><span class="font-mono text-xs font-semibold">${escapeHtml(route?.code ?? s.routeId)}</span>
          <span class="block text-xs opacity-75">${escapeHtml(route ? routeLabel(route) : "")}</span></td>
        <td class="text-base font-semibold tabular-nums">${escapeHtml(toLocalDigits(toHourMinute(s.departureLocal)))}</td>
        <td><span class="block">${escapeHtml(coach?.registration ?? s.coachId)}</span>${coach ? coachClassBadge(coach.class, "badge-xs") : ""}</td>
        <td class="whitespace-nowrap text-sm">${escapeHtml(t("ops.schedules.dateRange", { from: formatDate(s.fromDate), to: formatDate(s.toDate) }))}</td>
        <td class="font-mono text-xs">${escapeHtml(s.id)}</td>
        ${actions("schedule", s.id, `${route?.code ?? s.routeId} ${toHourMinute(s.departureLocal)}`, { canDelete: true })}
      </tr>`;
    });
  $("#schedules-table tbody").html(rows.join("") || emptyRow(6, "ops.schedules.empty"));
}
