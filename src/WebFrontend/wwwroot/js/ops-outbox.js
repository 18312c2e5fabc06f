// Ops notification outbox (/ops/outbox.html?status=&pnr=&page=): every passenger SMS and e-mail with its status,
// attempts, next retry and last error, filtered by status and PNR, and "retry now" for failed or dead ones. The
// dispatcher picks a retried message up within seconds; refresh to see the outcome.
import { getOutbox, retryOutboxMessage } from "./admin-api.js";
import { formatDate, formatNumber, formatTime, onLangChange, t } from "./i18n.js";
import { busy, clearErrors, pageProblemText, showFieldError, startOpsPage, toast } from "./ops.js";
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

const page = { filter: { status: "", pnr: "", page: 0 }, result: null };

await startOpsPage();
onLangChange(render);
readFilterFromUrl();
wire();
await load();

function readFilterFromUrl() {
  const query = new URLSearchParams(window.location.search);
  page.filter = {
    status: query.get("status") ?? "",
    pnr: (query.get("pnr") ?? "").toUpperCase(),
    page: Math.max(0, Number.parseInt(query.get("page") ?? "0", 10) || 0),
  };
  $("#outbox-status").val(page.filter.status);
  $("#outbox-pnr").val(page.filter.pnr);
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
    page.filter = { status: String($("#outbox-status").val() ?? ""), pnr, page: 0 };
    await load();
  });
  $("#outbox-refresh").on("click", load);
  $("#outbox-prev").on("click", () => turn(-1));
  $("#outbox-next").on("click", () => turn(1));
  $("#outbox-rows").on("click", "button[data-retry]", async (event) => {
    const button = event.currentTarget;
    await busy(button, async () => {
      try {
        await retryOutboxMessage(button.dataset.retry);
        toast(t("outbox.retried"));
        await load();
      } catch (error) {
        toast(pageProblemText(error), "error");
      }
    });
  });
}

async function turn(step) {
  page.filter = { ...page.filter, page: Math.max(0, page.filter.page + step) };
  await load();
}

async function load() {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(page.filter)) if (value) query.set(key, String(value));
  window.history.replaceState(null, "", `${window.location.pathname}${query.size ? `?${query}` : ""}`);
  $("#page-error").prop("hidden", true);
  $("#page-loading").prop("hidden", false);
  try {
    page.result = await getOutbox(page.filter);
  } catch (error) {
    page.result = null;
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
  render();
}

function render() {
  const messages = page.result?.messages ?? [];
  $("#outbox-table").prop("hidden", messages.length === 0);
  $("#outbox-empty").prop("hidden", !page.result || messages.length > 0);
  $("#outbox-rows").html(messages.map(row).join(""));
  $("#outbox-prev").prop("disabled", !page.result || page.filter.page === 0);
  $("#outbox-next").prop("disabled", !page.result?.hasMore);
  $("#outbox-page").text(page.result ? t("outbox.pageNumber", { page: page.filter.page + 1 }) : "");
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
