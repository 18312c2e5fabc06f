// Rendering for the live seat map page (trip.html) that needs no page state: the trip header, the holds list, the
// seats and the connection badge (the legend is seat-legend.js). trip-page.js decides what to show and when.
import { titleCoach } from "./coach-view.js";
import { dhakaDateOf, formatCountdown, formatDate, formatTaka, formatTime, routeName, stopName, t } from "./i18n.js";
import { icon, seatStateIcon } from "./icons.js";
import { announce, escapeHtml } from "./page.js";
import { seatAriaLabel, syncGenderMark } from "./seat-marks.js";
import { searchHref, timetabledDeparture } from "./trip-model.js";
import { coachClassBadge } from "./ui.js";

const $ = window.jQuery;

export function renderHeader(trip, fromStop, toStop) {
  const from = stopName(fromStop);
  const to = stopName(toStop);
  document.title = `${routeName(trip)} · ${t("trip.pageTitle")}`;
  $("#trip-title").text(routeName(trip));
  $("#trip-class").html(coachClassBadge(trip.coachClass, "badge-md"));
  $("#trip-code").text(trip.routeCode ?? "");
  $("#trip-leg").html(
    `<span>${escapeHtml(from)}</span> ${icon("arrowRight", "inline size-4 align-[-2px]")} <span>${escapeHtml(to)}</span>`,
  );
  $("#trip-leg").attr("aria-label", t("trip.leg", { from, to }));
  $("#trip-departs-label").text(t("trip.departs", { from }));
  $("#trip-departs").html(dateTime(fromStop.departure));
  $("#trip-arrives-label").text(t("trip.arrives", { to }));
  $("#trip-arrives").html(dateTime(toStop.departure));
  $("#trip-coach").text(t("trip.coach", { registration: trip.coachRegistration ?? "" }));
  // Delayed by ops: say so, with the boarding time as timetabled.
  const timetabled = timetabledDeparture(trip, fromStop);
  $("#trip-delayed")
    .text(timetabled ? t("tripOps.badge.delayedFrom", { time: formatTime(timetabled) }) : "")
    .prop("hidden", !timetabled);
  const date = fromStop.departure ? dhakaDateOf(fromStop.departure) : "";
  $("#back-link").attr("href", searchHref(fromStop, toStop, date));

  titleCoach(document.getElementById("seat-map"), { front: t("trip.front"), driver: t("trip.driver"), door: t("trip.door") });
}

function dateTime(iso) {
  if (!iso) return "";
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatTime(iso))}, ${escapeHtml(formatDate(iso))}</time>`;
}

/** The holds panel, holds in the order given; tick() in the page updates the countdowns in place. */
export function renderHoldsList(holds, now) {
  $("#holds-panel").prop("hidden", holds.length === 0);
  $("#holds-list").html(
    holds
      .map((hold, index) => {
        // The newest hold carries the stable ids the browser tests use.
        const ids = index === 0;
        const left = hold.expiresAt - now;
        return `
      <li class="flex flex-col gap-3 rounded-box bg-base-200 p-3 sm:flex-row sm:items-center sm:justify-between" data-hold-id="${escapeHtml(hold.holdId)}">
        <div class="flex flex-col gap-1">
          <div class="flex flex-wrap gap-1">
            ${hold.seats.map((label) => `<span class="badge badge-secondary gap-1">${icon("user", "size-3")}${escapeHtml(label)}</span>`).join("")}
          </div>
          <span class="text-sm">${escapeHtml(t("trip.total"))}: <strong>${escapeHtml(formatTaka(hold.amount))}</strong></span>
        </div>
        <div class="flex items-center gap-2" >
          ${icon("clock", "size-5 opacity-70")}
          <span class="text-sm opacity-70">${escapeHtml(t("trip.timeLeft"))}</span>
          <span ${ids ? 'id="hold-countdown"' : ""} class="hold-countdown text-2xl font-bold tabular-nums ${left <= 60000 ? "text-error" : ""}"
                data-countdown="${escapeHtml(hold.holdId)}" role="timer" aria-live="off"
                aria-label="${escapeHtml(t("trip.countdownLabel"))}">${escapeHtml(formatCountdown(left))}</span>
        </div>
        <div class="flex flex-wrap gap-2">
          <button type="button" ${ids ? 'id="release-button"' : ""} class="release-button btn btn-outline btn-sm"
                  data-release="${escapeHtml(hold.holdId)}" ${hold.busy ? "disabled" : ""}>
            ${escapeHtml(hold.busy ? t("trip.releasing") : t("trip.release"))}</button>
          <a ${ids ? 'id="continue-button"' : ""} class="continue-button btn btn-primary btn-sm"
             href="/book.html?hold=${encodeURIComponent(hold.holdId)}">
            ${escapeHtml(t("trip.continue"))}${icon("arrowRight", "size-4")}</a>
        </div>
      </li>`;
      })
      .join(""),
  );
}

/** The trip could not be shown (missing parameters, unknown trip, API error): say why instead of the map. */
export function showLoadError(message) {
  $("#trip-loading").prop("hidden", true);
  $("#trip-error-text").text(message);
  $("#trip-error").prop("hidden", false);
  renderStatus("offline");
}

/** After a hold: the hold button is gone with the selection, so focus goes to the hold summary, not to the page body. */
export function focusHoldSummary() {
  const summary = document.getElementById("holds-panel");
  if (summary) {
    summary.tabIndex = -1;
    summary.focus({ preventScroll: true });
  }
  document.getElementById("hold-countdown")?.closest("li")?.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

/** Each hold's countdown, updated in place (the list itself is rebuilt only when the holds change). */
export function updateCountdowns(holds, now) {
  for (const hold of holds) {
    const countdown = document.querySelector(`[data-countdown="${CSS.escape(hold.holdId)}"]`);
    if (!countdown) continue;
    const left = hold.expiresAt - now;
    countdown.textContent = formatCountdown(left);
    countdown.classList.toggle("text-error", left <= 60000);
  }
}

/** The banner over the map: cancelled trip, or closed sales. */
export function renderNotice(cancelled, closed) {
  const notice = $("#trip-notice");
  if (cancelled) {
    notice.removeClass("alert-warning").addClass("alert-error").text(t("trip.cancelled")).prop("hidden", false);
  } else if (closed) {
    notice.removeClass("alert-error").addClass("alert-warning").text(t("trip.salesClosed")).prop("hidden", false);
  } else {
    notice.prop("hidden", true);
  }
}

export function renderStatus(status) {
  const badge = document.getElementById("connection-status");
  badge.dataset.status = status;
  badge.title = t(`status.${status}Hint`);
  const text = document.getElementById("connection-text");
  text.dataset.i18n = `status.${status}`;
  text.textContent = t(`status.${status}`);
}

/**
 * One seat button as the page shows it: state, accessible name, pressed/disabled, its state icon and, when sold, its
 * passenger's gender marker.
 */
export function paintSeat(button, label, state, selectable, gender = null) {
  const previous = button.dataset.state;
  button.dataset.state = state;
  button.setAttribute("aria-label", seatAriaLabel(t, { label, state, ladies: button.dataset.ladies === "true", gender }));
  if (selectable) {
    button.setAttribute("aria-pressed", state === "selected" ? "true" : "false");
    button.removeAttribute("aria-disabled");
  } else {
    button.removeAttribute("aria-pressed");
    button.setAttribute("aria-disabled", "true");
  }
  if (previous !== state) {
    const name = seatStateIcon[state];
    button.querySelector(".seat-icon").innerHTML = name ? icon(name, "size-3.5") : "";
  }
  syncGenderMark(button, state, gender);
}

/** Restarts the seat's flash animation (a seat someone else just took). */
export function flashButton(button) {
  button.classList.remove("seat-flash");
  void button.offsetWidth;
  button.classList.add("seat-flash");
}

export function showAlert(message, seats = []) {
  const alert = $("#hold-alert");
  alert.attr("data-seats", seats.join(","));
  alert.html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
  $("#hold-info").prop("hidden", true);
}

export function hideAlert() {
  $("#hold-alert").prop("hidden", true).empty();
}

export function showInfo(message) {
  $("#hold-info").html(`${icon("info", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
  announce(message);
}

export function showSelectionNote(message) {
  $("#selection-limit").text(message).prop("hidden", false);
}

export function hideSelectionNote() {
  $("#selection-limit").prop("hidden", true);
}
