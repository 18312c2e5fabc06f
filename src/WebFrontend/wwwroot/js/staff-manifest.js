// A trip's passenger manifest (/staff/manifest.html?trip=) for the supervisor: by boarding stop and seat, with phone,
// boarding/dropping point (with reporting time), passport on cross-border journeys, paid and boarded state; printable
// (the navbar and buttons do not print) and downloadable as CSV.
import { accessToken } from "./api.js";
import { formatDate, formatTime, lang, onLangChange, t } from "./i18n.js";
import { escapeHtml, startPage } from "./page.js";
import { getManifest, manifestCsvUrl } from "./staff-api.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
const tripId = new URLSearchParams(window.location.search).get("trip") ?? "";
let manifest = null;

await startPage();
onLangChange(render);
$("#manifest-print").on("click", () => window.print());
$("#manifest-scan").attr("href", `/staff/scan.html?trip=${encodeURIComponent(tripId)}`);
// The CSV needs the bearer token, so it is fetched and handed to the browser as a file rather than linked.
$("#manifest-csv").on("click", async (event) => {
  event.preventDefault();
  const response = await fetch(manifestCsvUrl(tripId), { headers: { Authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = `manifest-${tripId}.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
});
if (!tripId) {
  // Opened without a trip (e.g. from a bookmark): say so instead of asking the API for nothing.
  $("#page-error").text(t("manifest.noTrip")).prop("hidden", false);
} else {
  try {
    manifest = await getManifest(tripId);
  } catch (error) {
    $("#page-error").text(problemText(error)).prop("hidden", false);
  }
}
render();

function render() {
  if (!manifest) return;
  $("#manifest-trip").text(t("manifest.trip", {
    trip: manifest.tripId, route: lang() === "bn" ? manifest.routeNameBn : manifest.routeNameEn,
    date: formatDate(manifest.departure), time: formatTime(manifest.departure), coach: manifest.coachRegistration,
    boarded: manifest.boarded, seats: manifest.seats,
  }));
  $("#manifest-table").prop("hidden", manifest.passengers.length === 0);
  $("#manifest-empty").prop("hidden", manifest.passengers.length > 0);
  $("#manifest-rows").html(manifest.passengers.map(row).join(""));
}

function row(p) {
  const bn = lang() === "bn";
  const boarded = p.boarded
    ? `<span class="badge badge-success badge-soft">${escapeHtml(t("manifest.boardedAt", { time: formatTime(p.boardedAt) }))}</span>`
    : "—";
  return `<tr>
    <td class="font-mono font-semibold">${escapeHtml(p.seat)}</td>
    <td>${escapeHtml(p.name)}</td>
    <td class="font-mono text-xs">${escapeHtml(p.phone)}</td>
    <td>${escapeHtml(bn ? p.fromNameBn : p.fromNameEn)}</td>
    <td>${escapeHtml(bn ? p.toNameBn : p.toNameEn)}</td>
    <td>${escapeHtml((bn ? p.boardingPointBn : p.boardingPointEn) ?? "—")}${p.reportAt ? ` <span class="text-xs opacity-75">${escapeHtml(formatTime(p.reportAt))}</span>` : ""}</td>
    <td>${escapeHtml((bn ? p.droppingPointBn : p.droppingPointEn) ?? "—")}</td>
    <td class="font-mono text-xs">${p.passportNumber ? escapeHtml(`${p.passportNumber} · ${p.passportNationality} · ${p.passportExpiry}`) : "—"}</td>
    <td class="font-mono text-xs">${escapeHtml(p.pnr)}</td>
    <td>${escapeHtml(t(p.paid ? "manifest.paid" : "manifest.unpaid"))}</td>
    <td>${boarded}</td>
  </tr>`;
}
