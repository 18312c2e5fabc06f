// Sign-in by SMS code: a two-step form (mobile number, then the 6-digit code) used as the passenger sign-in on
// /login.html and, in place, in a dialog on the seat map when holding seats needs a verified phone. On a demo
// server without an SMS gateway the code comes back in the answer and is shown, labelled as a demo code.
import { ApiError } from "./api.js";
import { requestSignInCode, signInWithCode } from "./auth.js";
import { formatNumber, lang, t, toLocalDigits } from "./i18n.js";
import { escapeHtml } from "./page.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
let formCount = 0;

/**
 * Renders the two-step form into $container; calls onSignedIn() after a successful code sign-in.
 * @param {JQuery} $container
 * @param {{onSignedIn: () => void, phone?: string}} options
 */
export function renderPhoneCodeForm($container, { onSignedIn, phone = "" }) {
  const id = `otp-${++formCount}`;
  $container.html(`
    <form class="grid gap-3" data-otp-step="phone" novalidate>
      <div>
        <label for="${id}-phone" class="mb-1 block text-sm font-medium">${escapeHtml(t("auth.otp.phone"))}</label>
        <input id="${id}-phone" name="phone" type="tel" class="input w-full" autocomplete="tel" inputmode="tel" required
               placeholder="${escapeHtml(t("auth.otp.phonePlaceholder"))}" aria-describedby="${id}-phone-hint" value="${escapeHtml(phone)}" />
        <p id="${id}-phone-hint" class="mt-1 text-xs opacity-75">${escapeHtml(t("auth.otp.phoneHint"))}</p>
      </div>
      <p class="text-sm opacity-80" role="status" aria-live="polite" data-otp-checking hidden>
        <span class="loading loading-spinner loading-xs" aria-hidden="true"></span> ${escapeHtml(t("auth.otp.checking"))}
      </p>
      <p class="alert alert-error alert-soft" role="alert" data-otp-error hidden></p>
      <button type="submit" class="btn btn-primary w-full" data-otp-send>${escapeHtml(t("auth.otp.sendCode"))}</button>
    </form>
    <form class="grid gap-3" data-otp-step="code" novalidate hidden>
      <p class="text-sm" data-otp-sent aria-live="polite"></p>
      <p class="alert alert-warning alert-soft" role="status" data-otp-demo hidden></p>
      <div>
        <label for="${id}-code" class="mb-1 block text-sm font-medium">${escapeHtml(t("auth.otp.code"))}</label>
        <input id="${id}-code" name="code" type="text" class="input w-full text-center font-mono text-lg tracking-widest" required
               autocomplete="one-time-code" inputmode="numeric" maxlength="12" />
      </div>
      <p class="text-sm opacity-80" role="status" aria-live="polite" data-otp-checking hidden>
        <span class="loading loading-spinner loading-xs" aria-hidden="true"></span> ${escapeHtml(t("auth.otp.checking"))}
      </p>
      <p class="alert alert-error alert-soft" role="alert" data-otp-error hidden></p>
      <button type="submit" class="btn btn-primary w-full" data-otp-verify>${escapeHtml(t("auth.otp.verify"))}</button>
      <div class="flex flex-wrap justify-between gap-2 text-sm">
        <button type="button" class="btn btn-link btn-sm px-0" data-otp-change>${escapeHtml(t("auth.otp.changeNumber"))}</button>
        <button type="button" class="btn btn-link btn-sm px-0" data-otp-resend disabled>${escapeHtml(t("auth.otp.resend"))}</button>
      </div>
    </form>`);

  const $phoneForm = $container.find("[data-otp-step=phone]");
  const $codeForm = $container.find("[data-otp-step=code]");
  const $resend = $codeForm.find("[data-otp-resend]");
  let sentTo = null;
  let resendTimer = null;

  function showError($form, error) {
    $form.find("[data-otp-error]").text(problemText(error)).prop("hidden", false);
  }

  function startResendCountdown(seconds) {
    clearInterval(resendTimer);
    let left = seconds;
    const tick = () => {
      $resend.prop("disabled", left > 0).text(left > 0 ? t("auth.otp.resendIn", { seconds: formatNumber(left) }) : t("auth.otp.resend"));
      if (left-- <= 0) clearInterval(resendTimer);
    };
    tick();
    resendTimer = setInterval(tick, 1000);
  }

  async function send($form) {
    const $button = $form === $phoneForm ? $phoneForm.find("button[type=submit]") : $resend;
    $form.find("[data-otp-error]").prop("hidden", true);
    $button.prop("disabled", true);
    let countdownStarted = false;
    try {
      const answer = await requestSignInCode(String($phoneForm.find("[name=phone]").val() ?? ""), lang(), {
        // "Checking your connection…" in the step that asked: the phone step, or the code step for a resend.
        onChecking: (busy) => $form.find("[data-otp-checking]").prop("hidden", !busy),
      });
      sentTo = answer.phone;
      $codeForm.find("[data-otp-sent]").text(t("auth.otp.sent", { phone: toLocalDigits(answer.phone) }));
      $codeForm.find("[data-otp-demo]")
        .text(answer.demoCode ? t("auth.otp.demoCode", { code: answer.demoCode }) : "")
        .attr("data-code", answer.demoCode ?? "")
        .prop("hidden", !answer.demoCode);
      $phoneForm.prop("hidden", true);
      $codeForm.prop("hidden", false);
      $codeForm.find("[data-otp-error]").prop("hidden", true);
      $codeForm.find("[name=code]").val("").trigger("focus");
      startResendCountdown(answer.resendAfterSeconds ?? 60);
      countdownStarted = true;
    } catch (error) {
      // A code was sent a moment ago (another tab, a double tap): offer a resend once the wait is over.
      if (error instanceof ApiError && error.code === "otp-cooldown" && sentTo) {
        startResendCountdown(error.retryAfterSeconds ?? 60);
        countdownStarted = true;
      }
      showError($codeForm.prop("hidden") ? $phoneForm : $codeForm, error);
    } finally {
      $phoneForm.find("button[type=submit]").prop("disabled", false);
      if (!countdownStarted && $button.is($resend)) $resend.prop("disabled", false);
    }
  }

  $phoneForm.on("submit", (event) => {
    event.preventDefault();
    send($phoneForm);
  });
  $resend.on("click", () => send($codeForm));
  $codeForm.find("[data-otp-change]").on("click", () => {
    clearInterval(resendTimer);
    $codeForm.prop("hidden", true);
    $phoneForm.prop("hidden", false);
    $phoneForm.find("[name=phone]").trigger("focus");
  });
  $codeForm.on("submit", async (event) => {
    event.preventDefault();
    const $button = $codeForm.find("[data-otp-verify]");
    $codeForm.find("[data-otp-error]").prop("hidden", true);
    $button.prop("disabled", true);
    try {
      await signInWithCode(sentTo, String($codeForm.find("[name=code]").val() ?? ""));
      clearInterval(resendTimer);
      onSignedIn();
    } catch (error) {
      showError($codeForm, error);
    } finally {
      $button.prop("disabled", false);
    }
  });
  return { focus: () => $phoneForm.find("[name=phone]").trigger("focus") };
}

/**
 * Opens a dialog asking for the mobile number and the SMS code, in place. Resolves true once signed in with a
 * verified phone, false if the visitor closes it. Nothing on the page underneath (such as selected seats) changes.
 */
export function askForPhoneCode() {
  return new Promise((resolve) => {
    const $dialog = $(`
      <dialog class="modal modal-bottom sm:modal-middle" aria-labelledby="otp-dialog-title" data-otp-dialog>
        <div class="modal-box grid max-w-md gap-3">
          <h2 id="otp-dialog-title" class="text-lg font-bold">${escapeHtml(t("auth.otp.dialogTitle"))}</h2>
          <p class="text-sm opacity-80">${escapeHtml(t("auth.otp.dialogIntro"))}</p>
          <div data-otp-form></div>
          <div class="modal-action mt-0">
            <button type="button" class="btn btn-ghost btn-sm" data-otp-cancel>${escapeHtml(t("auth.otp.cancel"))}</button>
          </div>
        </div>
        <form method="dialog" class="modal-backdrop"><button tabindex="-1">${escapeHtml(t("auth.otp.cancel"))}</button></form>
      </dialog>`);
    let signedIn = false;
    const dialog = $dialog.get(0);
    const form = renderPhoneCodeForm($dialog.find("[data-otp-form]"), {
      onSignedIn: () => {
        signedIn = true;
        dialog.close();
      },
    });
    $dialog.find("[data-otp-cancel]").on("click", () => dialog.close());
    $dialog.on("close", () => {
      $dialog.remove();
      resolve(signedIn);
    });
    $("body").append($dialog);
    dialog.showModal();
    form.focus();
  });
}
