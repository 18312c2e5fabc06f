// The waiting page (/queue.html?window=…): joins the sale's queue, follows it live over /hubs/queue, and returns
// the passenger to their trip page once admitted. The logic lives in queue-model.js; this file only wires it.
import { accessToken, api, ApiError } from "./api.js";
import { formatNumber, formatTime, formatDate, onLangChange, t } from "./i18n.js";
import { announce, startPage } from "./page.js";
import { askForPhoneCode } from "./phone-sign-in.js";
import { newerStatus, queueView, returnKey, returnUrl } from "./queue-model.js";
import { problemText } from "./ui.js";

const FALLBACK_POLL_MS = 30000;
const RETURN_DELAY_MS = 1500;
const windowId = new URLSearchParams(window.location.search).get("window") ?? "";
const state = { me: null, status: null, refreshing: false, leaving: false };

function render() {
  const $ = window.jQuery;
  const view = queueView(state.me, state.status, new Date());
  $("#queue-loading").prop("hidden", true);
  $("#queue-view").prop("hidden", false).attr("data-state", view.state);
  $("#queue-state").text(t(`queue.state.${view.state}`));
  $("#queue-position").text(view.position === null ? "—" : formatNumber(view.position));
  $("#queue-position-box").prop("hidden", view.state !== "waiting");
  $("#queue-lottery").prop("hidden", view.state !== "lottery")
    .text(t("queue.lotteryCount", { count: view.inLottery }));
  $("#queue-progress").attr("value", view.progress).attr("aria-valuenow", view.progress);
  $("#queue-seats").text(view.seatsLeft === null ? "—" : formatNumber(view.seatsLeft));
  $("#queue-opens").text(view.opensAt ? `${formatDate(view.opensAt)} ${formatTime(view.opensAt)}` : "—");
  $("#queue-wait").text(view.waitMinutes === null ? "—" : t("queue.waitMinutes", { minutes: view.waitMinutes }));
  $("#queue-next").text(t(view.nextKey));
  if (view.refresh) refreshPlace();
  if (view.state === "admitted") goBack();
}

async function refreshPlace() {
  if (state.refreshing) return;
  state.refreshing = true;
  try {
    state.me = await api(`/api/queue/${encodeURIComponent(windowId)}/me`);
  } catch (error) {
    showError(error);
  } finally {
    state.refreshing = false;
  }
  render();
}

function goBack() {
  if (state.leaving) return;
  state.leaving = true;
  announce(t("queue.next.admitted"));
  let stored = null;
  try {
    stored = sessionStorage.getItem(returnKey(windowId));
  } catch {
    stored = null;
  }
  setTimeout(() => window.location.assign(returnUrl(stored, window.location.origin)), RETURN_DELAY_MS);
}

async function join() {
  try {
    state.me = await api(`/api/queue/${encodeURIComponent(windowId)}/join`, { method: "POST", body: {} });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.code === "phone-verification-required") {
      window.jQuery("#queue-info").prop("hidden", false).text(t("queue.signIn"));
      if (await askForPhoneCode()) return join();
    }
    showError(error);
    return false;
  }
  render();
  return true;
}

function showError(error) {
  window.jQuery("#queue-error").prop("hidden", false).text(problemText(error));
  window.jQuery("#queue-loading").prop("hidden", true);
}

async function follow() {
  const signalR = window.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/queue", { accessTokenFactory: async () => (await accessToken()) ?? "" })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.on("queueChanged", (status) => {
    state.status = newerStatus(state.status, status);
    render();
  });
  const subscribe = async () => {
    state.status = newerStatus(state.status, await connection.invoke("Follow", windowId));
    window.jQuery("#queue-view").attr("data-live", "true");
    render();
  };
  connection.onreconnected(subscribe);
  await connection.start();
  await subscribe();
}

async function main() {
  await startPage();
  onLangChange(() => state.me && render());
  if (!/^sw-[0-9a-f]{10}$/.test(windowId)) {
    showError(new ApiError(404, { code: "sale-window-not-found" }));
    return;
  }
  if (!(await join())) return;
  try {
    await follow();
  } catch (error) {
    showError(error);
  }
  // The hub is the live path; this only catches a page whose connection silently died.
  setInterval(refreshPlace, FALLBACK_POLL_MS);
}

main();
