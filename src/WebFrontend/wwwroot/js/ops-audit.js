// Ops audit log (/ops/audit.html?from=&to=&actor=&target=&page=): every staff write with who did it, when, to what,
// why, and what it was before and after; newest first, fifty a page. Filters live in the URL so a view can be shared.
import { getAudit } from "./admin-api.js";
import { formatDate, formatTime, onLangChange, t } from "./i18n.js";
import { startOpsPage } from "./ops.js";
import { pagedList } from "./ops-paged-list.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;
const FIELDS = ["from", "to", "actor", "target"];

await startOpsPage();
const list = pagedList({
  name: "audit",
  firstPage: 1,
  filter: readFilter(),
  fetchPage: getAudit,
  items: (result) => result.items ?? [],
  row,
  pageText: (page) => t("audit.pageNumber", { page }),
});
onLangChange(list.render);
wire();
await list.load();

function readFilter() {
  const query = new URLSearchParams(window.location.search);
  const filter = { page: Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1) };
  for (const field of FIELDS) {
    filter[field] = query.get(field) ?? "";
    $(`#audit-${field}`).val(filter[field]);
  }
  return filter;
}

function wire() {
  $("#audit-filter").on("submit", async (event) => {
    event.preventDefault();
    await list.search(Object.fromEntries(FIELDS.map((field) => [field, String($(`#audit-${field}`).val() ?? "").trim()])));
  });
  // A target is a link: filter on it.
  $("#audit-rows").on("click", "button[data-target]", async (event) => {
    $("#audit-target").val(event.currentTarget.dataset.target);
    await list.search({ target: event.currentTarget.dataset.target });
  });
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
