// Ops hoarding console (/ops/holders.html): phones by live held seats, refreshed every few seconds, with the two
// ways to stop a hoarder: release all their holds (after a confirmation) and block their new holds until a time
// (reason and until in a dialog), or lift a block. The server audits both with the signed-in ops user.
import { blockHolder, getHolders, releaseHolder, unblockHolder } from "./admin-api.js";
import { blockProblems, dhakaLocalInput, dhakaUntil, holderState } from "./holders-model.js";
import { formatDate, formatNumber, formatTime, onLangChange, t } from "./i18n.js";
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

const $ = window.jQuery;
const REFRESH_MS = 5000;
const STATE_BADGE = { blocked: "badge-error", cooling: "badge-warning", holding: "badge-info", quiet: "badge-ghost" };

const page = { result: null, timer: 0, blocking: null };

await startOpsPage();
onLangChange(render);
wire();
await load();

function wire() {
  $("#holders-refresh").on("click", load);
  $("#holders-rows").on("click", "button[data-release]", (event) => release(event.currentTarget));
  $("#holders-rows").on("click", "button[data-block]", (event) => openBlock(event.currentTarget.dataset.block));
  $("#holders-rows").on("click", "button[data-unblock]", (event) => unblock(event.currentTarget));
  $("#block-form").on("submit", submitBlock);
  for (const button of document.querySelectorAll("dialog [data-close]")) {
    button.addEventListener("click", () => button.closest("dialog").close());
  }
  // Live: refresh on a timer while the tab is visible, and at once when it becomes visible again.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) load();
  });
}

function schedule() {
  window.clearTimeout(page.timer);
  page.timer = window.setTimeout(() => (document.hidden ? schedule() : load()), REFRESH_MS);
}

async function load() {
  window.clearTimeout(page.timer);
  try {
    page.result = await getHolders();
    $("#page-error").prop("hidden", true);
  } catch (error) {
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
    schedule();
  }
  render();
}

function render() {
  const holders = page.result?.holders ?? [];
  $("#holders-table").prop("hidden", holders.length === 0);
  $("#holders-empty").prop("hidden", !page.result || holders.length > 0);
  $("#holders-rows").html(holders.map(row).join(""));
  $("#holders-updated").text(page.result ? t("holders.updated", { at: formatTime(page.result.asOf) }) : "");
}

function when(value) {
  return `${formatDate(value)} ${formatTime(value)}`;
}

function stateText(holder, state) {
  if (state === "blocked") return t("holders.state.blocked", { until: when(holder.block.until) });
  if (state === "cooling") return t("holders.state.cooling", { until: formatTime(holder.coolOffUntil) });
  return t(`holders.state.${state}`);
}

function row(h) {
  const state = holderState(h);
  const phone = escapeHtml(h.phone);
  const reason = h.block ? `<div class="text-xs opacity-75">${escapeHtml(t("holders.blockedBy", { by: h.block.by, reason: h.block.reason }))}</div>` : "";
  const release =
    h.heldSeats > 0
      ? `<button type="button" class="btn btn-xs btn-outline btn-warning" data-release="${phone}" aria-label="${escapeHtml(t("holders.releaseFor", { phone: h.phone }))}">${escapeHtml(t("holders.release"))}</button>`
      : "";
  const block = h.blocked
    ? `<button type="button" class="btn btn-xs btn-outline" data-unblock="${phone}" aria-label="${escapeHtml(t("holders.unblockFor", { phone: h.phone }))}">${escapeHtml(t("holders.unblock"))}</button>`
    : `<button type="button" class="btn btn-xs btn-outline btn-error" data-block="${phone}" aria-label="${escapeHtml(t("holders.blockFor", { phone: h.phone }))}">${escapeHtml(t("holders.blockAction"))}</button>`;
  return `<tr>
    <td class="whitespace-nowrap font-mono">${phone}</td>
    <td class="text-end font-semibold">${formatNumber(h.heldSeats)}</td>
    <td class="text-end">${formatNumber(h.trips)}</td>
    <td class="text-end">${formatNumber(h.holdsLastHour)}</td>
    <td class="text-end">${formatNumber(h.expiredUnpaid)}</td>
    <td><span class="badge badge-soft h-auto min-h-6 whitespace-normal ${STATE_BADGE[state]}">${escapeHtml(stateText(h, state))}</span>${reason}</td>
    <td><div class="flex justify-end gap-1">${release}${block}</div></td>
  </tr>`;
}

async function release(button) {
  const phone = button.dataset.release;
  if (!(await confirmAction(t("holders.confirmRelease", { phone }), t("holders.release")))) return;
  await busy(button, async () => {
    try {
      const result = await releaseHolder(phone, "");
      toast(t("holders.released", { phone, seats: formatNumber(result.seats), holds: formatNumber(result.holds) }));
      await load();
    } catch (error) {
      toast(pageProblemText(error), "error");
    }
  });
}

function openBlock(phone) {
  page.blocking = phone;
  const form = document.getElementById("block-form");
  form.reset();
  clearErrors(form);
  $("#block-dialog-title").text(t("holders.block.title", { phone }));
  $("#block-until").val(dhakaLocalInput(new Date(), 24));
  openDialog(document.getElementById("block-dialog"));
  document.getElementById("block-reason").focus();
}

async function submitBlock(event) {
  event.preventDefault();
  const form = event.currentTarget;
  clearErrors(form);
  const values = { reason: String($("#block-reason").val() ?? ""), until: String($("#block-until").val() ?? "") };
  const problems = blockProblems(values);
  if (Object.keys(problems).length > 0) {
    for (const [field, key] of Object.entries(problems)) showFieldError(form, field, t(key));
    focusInvalid(form);
    return;
  }
  const phone = page.blocking;
  await busy(form.querySelector("[type=submit]"), async () => {
    try {
      await blockHolder(phone, values.reason.trim(), dhakaUntil(values.until));
      form.closest("dialog").close();
      toast(t("holders.blocked", { phone }));
      await load();
    } catch (error) {
      showSaveError(form, error);
    }
  });
}

async function unblock(button) {
  const phone = button.dataset.unblock;
  if (!(await confirmAction(t("holders.confirmUnblock", { phone }), t("holders.unblock")))) return;
  await busy(button, async () => {
    try {
      await unblockHolder(phone);
      toast(t("holders.unblocked", { phone }));
      await load();
    } catch (error) {
      toast(pageProblemText(error), "error");
    }
  });
}
