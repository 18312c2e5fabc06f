// Ops dashboard (/ops/): live occupancy of today's trips over the hub, sales charts (Chart.js), report tables with
// CSV download, cluster status and booking search by PNR or phone. Occupancy is recomputed from the same seat
// deltas the passenger pages receive, so it moves the moment a seat is held or sold anywhere.
import { addDays, formatDate, formatNumber, formatTaka, formatTime, onLangChange, t, todayInDhaka } from "./i18n.js";
import { TripLive } from "./live.js";
import { pageProblemText, startOpsPage, toast } from "./ops.js";
import { escapeHtml } from "./page.js";
import { isIsoInstant } from "./ops-model.js";
import { downloadCsv, findBookings, getCluster, getDashboardInfo, getReport, getTodayTrips } from "./reports-api.js";
import { SeatModel } from "./seat-state.js";

const $ = window.jQuery;
const Chart = window.Chart;
// Report columns shown as taka and as percentages (declared before the top-level await below uses them).
const MONEY = new Set(["revenue", "gross", "refunds", "changeDifference"]);
const RATES = new Set(["revenueShare", "loadFactor", "peakLegLoad", "conversionRate", "expiryRate"]);

const page = {
  range: { from: addDays(todayInDhaka(), -29), to: todayInDhaka() },
  /** @type {Map<string, {trip: object, model: SeatModel, live: TripLive}>} */
  trips: new Map(),
  charts: {},
  reports: {},
  reportKind: "sales",
  bookings: null,
};

await startOpsPage();
$("#range-from").val(page.range.from);
$("#range-to").val(page.range.to);
onLangChange(() => {
  renderOccupancy();
  renderCharts();
  renderReportTable();
  renderBookings();
});
wire();
await Promise.all([loadReports(), loadOccupancy(), loadCluster()]);

function wire() {
  $("#range-form").on("submit", async (event) => {
    event.preventDefault();
    const from = String($("#range-from").val());
    const to = String($("#range-to").val());
    if (!from || !to || from > to) {
      showPageError(t("reports.badRange"));
      return;
    }
    page.range = { from, to };
    await loadReports();
  });
  $("#report-kind").on("change", async (event) => {
    page.reportKind = String(event.target.value);
    await loadReportTable();
  });
  $("#report-csv").on("click", async () => {
    try {
      await downloadCsv(page.reportKind, page.range.from, page.range.to);
    } catch (error) {
      toast(pageProblemText(error), "error");
    }
  });
  $("#booking-search").on("submit", async (event) => {
    event.preventDefault();
    const q = String($("#booking-query").val() ?? "").trim();
    const $error = $("#booking-query-error");
    if (!q) {
      $error.text(t("dashboard.bookings.required")).prop("hidden", false);
      return;
    }
    $error.prop("hidden", true);
    try {
      page.bookings = await findBookings(q);
    } catch (error) {
      page.bookings = null;
      $error.text(pageProblemText(error)).prop("hidden", false);
    }
    renderBookings();
  });
}

function showPageError(message) {
  $("#page-error").text(message).prop("hidden", !message);
}

// ---------- live occupancy ----------

async function loadOccupancy() {
  let trips;
  try {
    trips = await getTodayTrips();
  } catch (error) {
    showPageError(pageProblemText(error));
    return;
  }
  for (const trip of trips) {
    const model = new SeatModel({ tripId: trip.tripId, stopIds: trip.stopIds, from: trip.from, to: trip.to });
    const live = new TripLive(model, {
      tripId: trip.tripId,
      from: trip.from,
      to: trip.to,
      onSnapshot: () => renderOccupancy(),
      onChanged: () => renderOccupancy(),
      onStatus: () => renderOccupancyStatus(),
    });
    page.trips.set(trip.tripId, { trip, model, live });
  }
  renderOccupancy();
  await Promise.all([...page.trips.values()].map((entry) => entry.live.start()));
}

/** Seats by state over the whole route: a seat held or sold on any leg is not free for the full journey. */
function counts(entry) {
  const result = { sold: 0, held: 0, blocked: 0, free: 0 };
  for (const { state } of entry.model.seats.values()) result[state in result ? state : "free"] += 1;
  if (!entry.model.ready) result.free = entry.trip.totalSeats;
  return result;
}

function renderOccupancy() {
  const rows = [...page.trips.values()];
  $("#occupancy-empty").prop("hidden", rows.length > 0);
  $("#occupancy-table tbody").html(rows.map((entry) => {
    const { trip } = entry;
    const c = counts(entry);
    const percent = trip.totalSeats ? Math.round(((c.sold + c.held) * 100) / trip.totalSeats) : 0;
    const route = document.documentElement.lang === "bn" ? trip.routeNameBn : trip.routeNameEn;
    return `<tr data-trip="${escapeHtml(trip.tripId)}" data-ready="${entry.model.ready}">
      <td class="whitespace-nowrap">${escapeHtml(formatTime(trip.departure))}</td>
      <td>${escapeHtml(route)}</td>
      <td class="font-mono text-xs"><a class="link" href="/ops/trip.html?${new URLSearchParams({ trip: trip.tripId, from: trip.from, to: trip.to })}">${escapeHtml(trip.tripId)}</a></td>
      <td class="min-w-40"><div class="flex items-center gap-2">
        <progress class="progress progress-primary w-28" value="${percent}" max="100" aria-label="${escapeHtml(t("dashboard.occupancy.load"))}"></progress>
        <span class="occupancy-percent tabular-nums">${escapeHtml(formatNumber(percent))}%</span></div></td>
      <td class="text-end tabular-nums" data-count="sold">${escapeHtml(formatNumber(c.sold))}</td>
      <td class="text-end tabular-nums" data-count="held">${escapeHtml(formatNumber(c.held))}</td>
      <td class="text-end tabular-nums" data-count="free">${escapeHtml(formatNumber(c.free))}</td>
    </tr>`;
  }).join(""));
  renderOccupancyStatus();
}

function renderOccupancyStatus() {
  const statuses = [...page.trips.values()].map((entry) => entry.live.status);
  const status = statuses.length === 0 || statuses.every((s) => s === "live") ? "live" : statuses.includes("offline") ? "offline" : "reconnecting";
  $("#occupancy-status").text(t(`dashboard.occupancy.status.${status}`))
    .toggleClass("badge-success", status === "live").toggleClass("badge-warning", status !== "live");
}

// ---------- charts and reports ----------

async function loadReports() {
  showPageError("");
  const { from, to } = page.range;
  try {
    const [sales, channels, hours] = await Promise.all([getReport("sales", from, to), getReport("channels", from, to), getReport("peak-hours", from, to)]);
    page.reports = { sales, channels, hours };
  } catch (error) {
    showPageError(pageProblemText(error));
    return;
  }
  renderCharts();
  await loadReportTable();
}

function salesByDay() {
  const days = [];
  for (let day = page.range.from; day <= page.range.to; day = addDays(day, 1)) days.push(day);
  const revenue = new Map(days.map((d) => [d, 0]));
  const seats = new Map(days.map((d) => [d, 0]));
  for (const row of page.reports.sales?.rows ?? []) {
    revenue.set(row.day, (revenue.get(row.day) ?? 0) + row.revenue);
    seats.set(row.day, (seats.get(row.day) ?? 0) + row.seats);
  }
  return { days, revenue: days.map((d) => revenue.get(d)), seats: days.map((d) => seats.get(d)) };
}

function renderCharts() {
  if (!Chart || !page.reports.sales) return;
  const sales = salesByDay();
  chart("sales", "sales-chart", {
    type: "bar",
    data: {
      labels: sales.days,
      datasets: [
        { type: "bar", label: t("dashboard.charts.revenue"), data: sales.revenue, yAxisID: "y" },
        { type: "line", label: t("dashboard.charts.seats"), data: sales.seats, yAxisID: "seats" },
      ],
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true }, seats: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } } },
  });
  const channels = page.reports.channels.rows;
  chart("channels", "channel-chart", {
    type: "doughnut",
    data: {
      labels: channels.map((c) => t(`reports.channel.${c.channel}`)),
      datasets: [{ label: t("dashboard.charts.revenue"), data: channels.map((c) => c.revenue) }],
    },
    options: { maintainAspectRatio: false },
  });
  const hours = page.reports.hours.rows;
  chart("hours", "hours-chart", {
    type: "bar",
    data: {
      labels: hours.map((h) => `${String(h.hour).padStart(2, "0")}:00`),
      datasets: [
        { label: t("dashboard.charts.searches"), data: hours.map((h) => h.searches) },
        { label: t("dashboard.charts.holds"), data: hours.map((h) => h.holds) },
      ],
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
}

/** Creates the chart once, then replaces its data (Chart.js animates the change). */
function chart(key, canvasId, config) {
  const existing = page.charts[key];
  if (existing) {
    existing.data = config.data;
    existing.update();
    return;
  }
  page.charts[key] = new Chart(document.getElementById(canvasId), config);
}

async function loadReportTable() {
  try {
    page.reports.table = await getReport(page.reportKind, page.range.from, page.range.to);
  } catch (error) {
    showPageError(pageProblemText(error));
    return;
  }
  renderReportTable();
}

function renderReportTable() {
  const rows = page.reports.table?.rows ?? [];
  $("#report-empty").prop("hidden", rows.length > 0);
  const columns = rows.length ? Object.keys(rows[0]) : [];
  $("#report-table thead").html(`<tr>${columns.map((c) => `<th scope="col">${escapeHtml(t(`reports.columns.${c}`))}</th>`).join("")}</tr>`);
  $("#report-table tbody").html(rows.map((row) => `<tr>${columns.map((c) => `<td class="${typeof row[c] === "number" ? "text-end tabular-nums" : ""}">${escapeHtml(cell(c, row[c]))}</td>`).join("")}</tr>`).join(""));
}

function cell(column, value) {
  // Departures and other instants come as UTC ISO strings: show them as the rest of the site does, in Dhaka time.
  if (isIsoInstant(value)) return `${formatDate(value)}, ${formatTime(value)}`;
  if (typeof value !== "number") return String(value ?? "");
  if (MONEY.has(column)) return formatTaka(value);
  if (RATES.has(column)) return `${formatNumber(Math.round(value * 1000) / 10)}%`;
  return formatNumber(value);
}

// ---------- cluster and bookings ----------

async function loadCluster() {
  try {
    const [info, cluster] = await Promise.all([getDashboardInfo(), getCluster()]);
    $("#cluster-mode").text(t(`dashboard.cluster.mode.${info.mode}`));
    $("#orleans-dashboard").attr("href", info.orleansDashboardUrl ?? "#").prop("hidden", !info.orleansDashboardUrl);
    $("#cluster-table tbody").html(cluster.silos.map((silo) => `<tr>
      <td><span class="font-mono text-xs">${escapeHtml(silo.address)}</span><br /><span class="text-xs opacity-70">${escapeHtml(silo.name)}</span></td>
      <td><span class="badge badge-sm ${silo.status === "Active" ? "badge-success" : "badge-ghost"}">${escapeHtml(silo.status)}</span></td>
      <td class="text-end tabular-nums">${escapeHtml(formatNumber(silo.activations))}</td>
      <td class="text-end tabular-nums">${escapeHtml(formatNumber(silo.tripActivations))}</td></tr>`).join(""));
  } catch (error) {
    $("#cluster-mode").text(pageProblemText(error));
  }
}

function renderBookings() {
  const hits = page.bookings;
  $("#booking-none").prop("hidden", !(hits && hits.length === 0));
  $("#booking-results").prop("hidden", !(hits && hits.length > 0));
  $("#booking-results tbody").html((hits ?? []).map((b) => `<tr>
    <td class="font-mono">${escapeHtml(b.pnr)}</td>
    <td><span class="font-mono text-xs">${escapeHtml(b.tripId)}</span><br /><span class="text-xs opacity-70">${escapeHtml(formatTime(b.departure))}</span></td>
    <td><span class="badge badge-sm">${escapeHtml(t(`booking.status.${b.status}`))}</span></td>
    <td class="tabular-nums">${escapeHtml(formatNumber(b.seats))} · ${escapeHtml(formatTaka(b.total))}</td>
    <td class="font-mono text-xs">${escapeHtml(b.phoneMasked ?? "")}</td></tr>`).join(""));
}
