// Ops audit log (/ops/audit.html?from=&to=&actor=&target=&page=): every staff write with who did it, when, to what,
// why, and what it was before and after; newest first, fifty a page. Filters live in the URL so a view can be shared.
import { getAudit } from "./admin-api.js";
import { formatDate, formatTime, onLangChange, t } from "./i18n.js";
import { pageProblemText, startOpsPage } from "./ops.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;
const FIELDS = ["from", "to", "actor", "target"];
const page = { filter: { from: "", to: "", actor: "", target: "", page: 1 }, result: null };

await startOpsPage();
onLangChange(render);
readFilter();
wire();
await load();

function readFilter() {
  const query = new URLSearchParams(window.location.search);
  for (const field of FIELDS) {
    page.filter[field] = query.get(field) ?? "";
    $(`#audit-${field}`).val(page.filter[field]);
  }
  page.filter.page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
}

function wire() {
  $("#audit-filter").on("submit", async (event) => {
    event.preventDefault();
    for (const field of FIELDS) page.filter[field] = String($(`#audit-${field}`).val() ?? "").trim();
    page.filter.page = 1;
    await load();
  });
  $("#audit-prev").on("click", () => turn(-1));
  $("#audit-next").on("click", () => turn(1));
  // A target is a link: filter on it.
  $("#audit-rows").on("click", "button[data-target]", async (event) => {
    page.filter = { ...page.filter, target: event.currentTarget.dataset.target, page: 1 };
    $("#audit-target").val(page.filter.target);
    await load();
  });
}

async function turn(step) {
  page.filter.page = Math.max(1, page.filter.page + step);
  await load();
}

async function load() {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(page.filter)) if (value && !(key === "page" && value === 1)) query.set(key, String(value));
  window.history.replaceState(null, "", `${window.location.pathname}${query.size ? `?${query}` : ""}`);
  $("#page-error").prop("hidden", true);
  $("#page-loading").prop("hidden", false);
  try {
    page.result = await getAudit(page.filter);
  } catch (error) {
    page.result = null;
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
  render();
}

function render() {
  const items = page.result?.items ?? [];
  $("#audit-table").prop("hidden", items.length === 0);
  $("#audit-empty").prop("hidden", !page.result || items.length > 0);
  $("#audit-rows").html(items.map(row).join(""));
  $("#audit-prev").prop("disabled", page.filter.page <= 1);
  $("#audit-next").prop("disabled", !page.result?.hasMore);
  $("#audit-page").text(page.result ? t("audit.pageNumber", { page: page.filter.page }) : "");
}

function summary(json) {
  if (!json) return "";
  try {
    const value = JSON.parse(json);
    return typeof value === "object" && value !== null
      ? Object.entries(value).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v ?? "—"}`).join(" · ")
      : String(value);
  } catch {
    return json;
  }
}

function row(e) {
  const before = summary(e.before);
  const after = summary(e.after);
  return `<tr>
    <td class="whitespace-nowrap">${escapeHtml(`${formatDate(e.at)} ${formatTime(e.at)}`)}</td>
    <td><span class="font-mono text-xs">${escapeHtml(e.actorLogin)}</span> <span class="badge badge-sm badge-outline">${escapeHtml(t(`auth.role.${e.actorRole}`))}</span></td>
    <td class="font-mono text-xs">${escapeHtml(e.action)}</td>
    <td><button type="button" class="link font-mono text-xs" data-target="${escapeHtml(e.target)}">${escapeHtml(e.target)}</button></td>
    <td class="max-w-xs text-sm">${escapeHtml(e.reason ?? "")}</td>
    <td class="max-w-md text-xs">${before ? `<span class="opacity-70">${escapeHtml(before)}</span> → ` : ""}${escapeHtml(after)}</td>
  </tr>`;
}
