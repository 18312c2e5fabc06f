// Ops notification outbox (/ops/outbox.html?status=&pnr=&page=): every passenger SMS and e-mail with its status,
// attempts, next retry and last error, filtered by status and PNR, and "retry now" for failed or dead ones. The
// dispatcher picks a retried message up within seconds; refresh to see the outcome.
import { getOutbox, retryOutboxMessage } from "./admin-api.js";
import { formatDate, formatNumber, formatTime, onLangChange, t } from "./i18n.js";
import { busy, clearErrors, pageProblemText, showFieldError, startOpsPage, toast } from "./ops.js";
import { pagedList } from "./ops-paged-list.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;
const PNR = /^DP-[A-Z0-9]{6}$/;
const STATUS_BADGE = {
  pending: "badge-info",
  retrying: "badge-warning",
  dead: "badge-error",
  sent: "badge-success",
  recorded: "badge-neutral",
};

await startOpsPage();
const list = pagedList({
  name: "outbox",
  firstPage: 0,
  filter: readFilterFromUrl(),
  fetchPage: getOutbox,
  items: (result) => result.messages ?? [],
  row,
  pageText: (page) => t("outbox.pageNumber", { page: page + 1 }),
});
onLangChange(list.render);
wire();
await list.load();

function readFilterFromUrl() {
  const query = new URLSearchParams(window.location.search);
  const filter = {
    status: query.get("status") ?? "",
    pnr: (query.get("pnr") ?? "").toUpperCase(),
    page: Math.max(0, Number.parseInt(query.get("page") ?? "0", 10) || 0),
  };
  $("#outbox-status").val(filter.status);
  $("#outbox-pnr").val(filter.pnr);
  return filter;
}

function wire() {
  $("#outbox-filter").on("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    clearErrors(form);
    const pnr = String($("#outbox-pnr").val() ?? "").trim().toUpperCase();
    if (pnr && !PNR.test(pnr)) {
      showFieldError(form, "pnr", t("outbox.badPnr"))?.focus();
      return;
    }
    await list.search({ status: String($("#outbox-status").val() ?? ""), pnr });
  });
  $("#outbox-refresh").on("click", () => list.load());
  $("#outbox-rows").on("click", "button[data-retry]", async (event) => {
    const button = event.currentTarget;
    await busy(button, async () => {
      try {
        await retryOutboxMessage(button.dataset.retry);
        toast(t("outbox.retried"));
        await list.load();
      } catch (error) {
        toast(pageProblemText(error), "error");
      }
    });
  });
}

function when(value) {
  return value ? `${formatDate(value)} ${formatTime(value)}` : "—";
}

function row(m) {
  const waiting = m.status === "pending" || m.status === "retrying";
  const retry =
    m.status === "retrying" || m.status === "dead"
      ? `<button type="button" class="btn btn-xs btn-outline" data-retry="${m.id}">${escapeHtml(t("outbox.retryNow"))}</button>`
      : "";
  return `<tr>
    <td class="whitespace-nowrap">${escapeHtml(when(m.createdAt))}</td>
    <td><a class="link font-mono" href="?pnr=${encodeURIComponent(m.pnr)}">${escapeHtml(m.pnr)}</a></td>
    <td><span title="${escapeHtml(m.subject ?? m.text)}">${escapeHtml(t(`outbox.kind.${m.kind.replace(/^booking\./, "")}`))}</span></td>
    <td class="whitespace-nowrap">${escapeHtml(t(`outbox.channel.${m.channel}`))} <span class="font-mono text-xs opacity-75">${escapeHtml(m.recipient)}</span></td>
    <td><span class="badge badge-soft ${STATUS_BADGE[m.status] ?? ""}">${escapeHtml(t(`outbox.status.${m.status}`))}</span></td>
    <td class="text-end">${formatNumber(m.attempts)}</td>
    <td class="whitespace-nowrap">${escapeHtml(waiting ? when(m.nextAttemptAt) : m.sentAt ? t("outbox.sentAt", { at: when(m.sentAt) }) : "—")}</td>
    <td class="max-w-xs truncate text-xs" title="${escapeHtml(m.lastError ?? "")}">${escapeHtml(m.lastError ?? "")}</td>
    <td>${retry}</td>
  </tr>`;
}
