// Ops staff accounts (/ops/staff.html): create clerks, supervisors and ops (with a chosen password, or a temporary one
// shown here once), change role or counter, disable or enable, reset a password. Every change is in the audit log.
import { createStaff, getNetwork, getStaff, resetStaffPassword, updateStaff } from "./admin-api.js";
import { onLangChange, stopName, t } from "./i18n.js";
import { busy, clearErrors, confirmAction, pageProblemText, showSaveError, startOpsPage, toast } from "./ops.js";
import { escapeHtml } from "./page.js";

const $ = window.jQuery;
const page = { staff: [], counters: [] };

await startOpsPage();
onLangChange(render);
wire();
await load();

function wire() {
  $("#staff-role").on("change", renderCounterChoice);
  $("#staff-form").on("submit", async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    clearErrors(form);
    const values = Object.fromEntries(new FormData(form));
    const body = {
      name: String(values.name ?? "").trim(),
      login: String(values.login ?? "").trim(),
      role: values.role,
      counterId: values.counterId || null,
      // No password: the server makes a temporary one and the new colleague chooses their own at first sign-in.
      password: values.password ? String(values.password) : null,
    };
    await busy(form.querySelector("button[type=submit]"), async () => {
      try {
        const created = await createStaff(body);
        form.reset();
        renderCounterChoice();
        showTemporary(created.staff.login, created.temporaryPassword);
        toast(t("staff.created", { name: created.staff.name }));
        await load();
      } catch (error) {
        showSaveError(form, error);
      }
    });
  });
  $("#staff-rows").on("change", "select[data-role], select[data-counter]", async (event) => {
    const select = event.currentTarget;
    const id = select.closest("tr").dataset.id;
    const change = select.dataset.role !== undefined ? { role: select.value } : { counterId: select.value };
    await apply(() => updateStaff(id, change), t("staff.updated"));
  });
  $("#staff-rows").on("click", "button[data-toggle]", async (event) => {
    const button = event.currentTarget;
    const member = page.staff.find((s) => s.id === button.closest("tr").dataset.id);
    if (!member) return;
    if (!member.disabled && !(await confirmAction(t("staff.disableConfirm", { name: member.name }), t("staff.disable")))) return;
    await busy(button, () => apply(() => updateStaff(member.id, { disabled: !member.disabled }), t(member.disabled ? "staff.enabled" : "staff.disabled")));
  });
  $("#staff-rows").on("click", "button[data-reset]", async (event) => {
    const button = event.currentTarget;
    const member = page.staff.find((s) => s.id === button.closest("tr").dataset.id);
    if (!member || !(await confirmAction(t("staff.resetConfirm", { name: member.name }), t("staff.reset")))) return;
    await busy(button, async () => {
      try {
        const reset = await resetStaffPassword(member.id);
        showTemporary(reset.staff.login, reset.temporaryPassword);
        await load();
      } catch (error) {
        toast(pageProblemText(error), "error");
      }
    });
  });
}

async function apply(change, message) {
  try {
    await change();
    toast(message);
  } catch (error) {
    toast(pageProblemText(error), "error");
  }
  await load();
}

function showTemporary(login, password) {
  $("#temporary-password").prop("hidden", !password);
  $("#temporary-login").text(login);
  $("#temporary-value").text(password ?? "");
}

async function load() {
  $("#page-error").prop("hidden", true);
  try {
    const [staff, network] = await Promise.all([getStaff(), page.counters.length ? null : getNetwork()]);
    page.staff = staff;
    if (network) page.counters = network.stops.filter((s) => s.kind === "Counter");
  } catch (error) {
    $("#page-error").text(pageProblemText(error)).prop("hidden", false);
  } finally {
    $("#page-loading").prop("hidden", true);
  }
  render();
}

function counterOptions(selected, allowNone) {
  const none = allowNone ? `<option value="">${escapeHtml(t("staff.noCounter"))}</option>` : "";
  return none + page.counters
    .map((s) => `<option value="${escapeHtml(s.id)}" ${s.id === selected ? "selected" : ""}>${escapeHtml(stopName(s))}</option>`)
    .join("");
}

function renderCounterChoice() {
  const role = $("#staff-role").val();
  const select = $("#staff-counter");
  const current = select.val();
  select.html(role === "ops" ? `<option value="">${escapeHtml(t("staff.noCounter"))}</option>` : counterOptions(current, role !== "clerk"));
  select.prop("disabled", role === "ops");
}

function render() {
  renderCounterChoice();
  $("#staff-table").prop("hidden", page.staff.length === 0);
  $("#staff-rows").html(page.staff.map(row).join(""));
}

function row(s) {
  const roles = ["clerk", "supervisor", "ops"]
    .map((r) => `<option value="${r}" ${r === s.role ? "selected" : ""}>${escapeHtml(t(`auth.role.${r}`))}</option>`)
    .join("");
  const counter = s.role === "ops"
    ? "—"
    : `<select class="select select-sm" data-counter aria-label="${escapeHtml(t("staff.field.counter"))}">${counterOptions(s.counterId, s.role !== "clerk")}</select>`;
  const state = s.disabled
    ? `<span class="badge badge-error badge-soft">${escapeHtml(t("staff.state.disabled"))}</span>`
    : s.passwordChangeRequired
      ? `<span class="badge badge-warning badge-soft">${escapeHtml(t("staff.state.temporary"))}</span>`
      : `<span class="badge badge-success badge-soft">${escapeHtml(t("staff.state.active"))}</span>`;
  return `<tr data-id="${escapeHtml(s.id)}">
    <td>${escapeHtml(s.name)}</td>
    <td class="font-mono text-xs">${escapeHtml(s.login)}</td>
    <td><select class="select select-sm" data-role aria-label="${escapeHtml(t("staff.field.role"))}">${roles}</select></td>
    <td>${counter}</td>
    <td>${state}</td>
    <td class="flex flex-wrap gap-1">
      <button type="button" class="btn btn-xs ${s.disabled ? "btn-outline" : "btn-error btn-outline"}" data-toggle>${escapeHtml(t(s.disabled ? "staff.enable" : "staff.disable"))}</button>
      <button type="button" class="btn btn-xs btn-outline" data-reset>${escapeHtml(t("staff.reset"))}</button>
    </td>
  </tr>`;
}
