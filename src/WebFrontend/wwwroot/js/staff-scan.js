// Boarding at the coach door (/staff/scan.html?trip=): a phone's camera reads the e-ticket's QR code (ZXing, loaded as
// the global ZXingBrowser), the server checks it against this trip and marks the passengers boarded; a second scan
// says when they boarded. When the camera is refused or missing, the PNR is typed instead. Pure logic: scan-model.js.
import { ApiError } from "./api.js";
import { currentUser } from "./auth.js";
import { formatTime, t } from "./i18n.js";
import { startPage } from "./page.js";
import { boardingMessage, readEntry, RepeatFilter } from "./scan-model.js";
import { board, getManifest } from "./staff-api.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
const STAFF = new Set(["clerk", "supervisor", "ops"]);
const state = { tripId: null, controls: null, repeats: new RepeatFilter() };

await startPage();
const user = currentUser();
if (user && !STAFF.has(user.role)) {
  $("#scan-forbidden").prop("hidden", false);
  $("#trip-form").prop("hidden", true);
}
wire();
const initial = new URLSearchParams(window.location.search).get("trip");
if (initial) {
  $("#trip-id").val(initial);
  await openTrip(initial);
}

function wire() {
  $("#trip-form").on("submit", async (event) => {
    event.preventDefault();
    await openTrip(String($("#trip-id").val() ?? "").trim().toUpperCase());
  });
  $("#pnr-form").on("submit", async (event) => {
    event.preventDefault();
    const entry = readEntry($("#pnr").val());
    if (!entry) {
      $("#pnr-error").text(t("scan.badPnr")).prop("hidden", false);
      $("#pnr").attr("aria-invalid", "true").trigger("focus");
      return;
    }
    $("#pnr-error").prop("hidden", true);
    $("#pnr").removeAttr("aria-invalid");
    await send(entry);
    $("#pnr").val("").trigger("focus");
  });
  $("#camera-start").on("click", startCamera);
  $("#camera-stop").on("click", stopCamera);
}

async function openTrip(tripId) {
  if (!tripId) return;
  stopCamera();
  try {
    const manifest = await getManifest(tripId);
    state.tripId = manifest.tripId;
    window.history.replaceState(null, "", `${window.location.pathname}?trip=${encodeURIComponent(state.tripId)}`);
    $("#trip-summary").text(t("scan.tripSummary", {
      route: manifest.routeCode, time: formatTime(manifest.departure), coach: manifest.coachRegistration,
      boarded: manifest.boarded, seats: manifest.seats,
    })).prop("hidden", false);
    $("#manifest-link").attr("href", `/staff/manifest.html?trip=${encodeURIComponent(state.tripId)}`).prop("hidden", false);
    $("#scanner").prop("hidden", false);
    $("#result").prop("hidden", true);
    $("#pnr").trigger("focus");
  } catch (error) {
    state.tripId = null;
    $("#scanner").prop("hidden", true);
    $("#trip-summary").text(error instanceof ApiError && error.status === 403 ? t("scan.forbidden") : problemText(error)).prop("hidden", false);
  }
}

async function send(entry) {
  try {
    const result = await board(state.tripId, entry);
    const message = boardingMessage(result, formatTime);
    show(result.alreadyBoarded ? "alert-warning" : "alert-success", t(message.key, message.params));
  } catch (error) {
    show("alert-error", problemText(error));
  }
}

function show(kind, text) {
  $("#result").removeClass("alert-success alert-warning alert-error").addClass(kind).text(text).prop("hidden", false);
  // A short buzz tells the supervisor the answer without looking (where the phone supports it).
  navigator.vibrate?.(kind === "alert-success" ? 80 : [60, 60, 60]);
}

async function startCamera() {
  const message = $("#camera-message").prop("hidden", true);
  const Reader = window.ZXingBrowser?.BrowserQRCodeReader;
  if (!Reader || !navigator.mediaDevices?.getUserMedia) {
    message.text(t("scan.cameraUnavailable")).prop("hidden", false);
    $("#pnr").trigger("focus");
    return;
  }
  $("#camera-start").prop("disabled", true);
  try {
    const video = document.getElementById("camera");
    video.hidden = false;
    state.controls = await new Reader().decodeFromConstraints({ video: { facingMode: "environment" } }, video, (result) => {
      if (result && state.tripId && state.repeats.accept(result.getText(), Date.now())) send({ qr: result.getText() });
    });
    $("#camera-start").prop("hidden", true);
    $("#camera-stop").prop("hidden", false);
  } catch (error) {
    document.getElementById("camera").hidden = true;
    const denied = error?.name === "NotAllowedError" || error?.name === "SecurityError";
    message.text(t(denied ? "scan.cameraDenied" : "scan.cameraUnavailable")).prop("hidden", false);
    $("#pnr").trigger("focus");
  } finally {
    $("#camera-start").prop("disabled", false);
  }
}

function stopCamera() {
  state.controls?.stop();
  state.controls = null;
  $("#camera").prop("hidden", true);
  $("#camera-start").prop("hidden", false);
  $("#camera-stop").prop("hidden", true);
}
