// The payment step of the booking page (book.html): the test-mode buttons, bKash or Stripe's Payment Element, the
// bounded wait for the server's word on the payment, and after a failed payment the way to pay again (the seats
// stay held until the hold ends). The server decides the outcome; this module only asks for
// it and hands the booking back to the page.
import { getBooking, getPaymentMethods, retryPayment, simulatePayment } from "./api.js";
import { methodLabelKey, walletHref } from "./book-model.js";
import { paymentMethodOf, paymentRetryable, paymentSettled, pollBooking } from "./booking-model.js";
import { applyI18n, formatTaka, formatTime, lang, t } from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml } from "./page.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
const STRIPE_JS = "https://js.stripe.com/v3/";

/**
 * The payment step over the page's state (booking, summary, expired, and the paying/waiting/stripe fields this
 * module keeps). setBooking(booking) shows a newer booking; finish(booking) and finishSlow() end at the last step.
 * Returns {render, waitForOutcome}.
 */
export function paymentStep(page, { setBooking, finish, finishSlow }) {
  function renderPaymentPanel() {
    const payment = page.booking.payment ?? {};
    const panel = document.getElementById("payment-panel");
    panel.dataset.provider = payment.provider ?? "";
    if (paymentRetryable(page.booking)) {
      renderRetry(panel, payment);
      return;
    }
    if (payment.provider === "bkash") {
      renderBkash(panel, payment);
      return;
    }
    if (payment.provider === "stripe") {
      // The mounted Payment Element keeps its own state; only re-word the text around it.
      if (!page.stripe) mountStripe(panel, payment);
      else renderStripeText();
      return;
    }
    const amount = formatTaka(page.summary.total);
    panel.innerHTML = `
      <div class="flex flex-col gap-3 rounded-box border-2 border-dashed border-warning bg-warning/10 p-4">
        <div class="flex items-start gap-3">
          ${icon("flask", "size-6 shrink-0 text-warning")}
          <div>
            <h2 class="font-bold">${escapeHtml(t("book.testTitle"))}</h2>
            <p class="text-sm">${escapeHtml(t("book.testText"))}</p>
          </div>
        </div>
        <div class="flex flex-col gap-2 sm:flex-row">
          <button id="pay-test" type="button" class="btn btn-primary sm:flex-1" data-outcome="succeeded">
            <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
            ${escapeHtml(t("book.payTest", { amount }))}</button>
          <button id="fail-test" type="button" class="btn btn-outline btn-error sm:flex-1" data-outcome="failed">
            <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
            ${escapeHtml(t("book.failTest"))}</button>
        </div>
      </div>`;
    $(panel).find("button").prop("disabled", page.paying || page.expired);
    $(panel)
      .off("click")
      .on("click", "button[data-outcome]", function () {
        paySimulated(this.dataset.outcome, this);
      });
  }

  /**
   * A failed payment with the hold still running: say the seats are still held and until when, and offer the same
   * method again and each other method offered. The server keeps the hold; the countdown above keeps running.
   */
  function renderRetry(panel, payment) {
    page.stripe = null;
    const same = paymentMethodOf(payment.provider);
    const others = (page.retryMethods ?? []).filter((method) => method !== same);
    const button = (method, primary) => `
      <button type="button" class="btn ${primary ? "btn-primary" : "btn-outline"} sm:flex-1" data-retry="${escapeHtml(method)}">
        <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
        ${escapeHtml(primary ? t("book.retrySame") : t("book.retryWith", { method: t(methodLabelKey(method)) }))}</button>`;
    panel.innerHTML = `
      <div id="payment-retry" class="flex flex-col gap-3">
        <div class="alert alert-warning alert-soft items-start" role="status">
          ${icon("alert", "size-5 shrink-0")}
          <div>
            <h2 class="font-bold" tabindex="-1" id="payment-retry-title">${escapeHtml(t("book.retryTitle"))}</h2>
            <p class="text-sm">${escapeHtml(t("book.retryText", { time: formatTime(page.booking.holdExpiresAt) }))}</p>
            <p class="text-sm">${escapeHtml(t("book.retryMethodsNote"))}</p>
          </div>
        </div>
        <div class="flex flex-col gap-2 sm:flex-row">${button(same, true)}${others.map((method) => button(method, false)).join("")}</div>
      </div>`;
    $(panel).find("button").prop("disabled", page.paying || page.expired);
    $(panel)
      .off("click")
      .on("click", "button[data-retry]", function () {
        payAgain(this.dataset.retry, this);
      });
    if (!page.retryMethods) loadRetryMethods();
  }

  /** The methods offered, once per page: the retry panel is drawn again with the other methods when they arrive. */
  async function loadRetryMethods() {
    page.retryMethods = [];
    const methods = await getPaymentMethods().catch(() => []);
    page.retryMethods = [...new Set(methods.map((m) => m.method))];
    if (paymentRetryable(page.booking) && page.step === "payment") renderPaymentPanel();
  }

  async function payAgain(method, button) {
    if (page.paying || page.expired) return;
    page.paying = true;
    $("#payment-error").prop("hidden", true);
    $("#payment-panel button").prop("disabled", true);
    $(button).find(".loading").prop("hidden", false);
    try {
      setBooking(await retryPayment(page.booking.pnr, method));
      page.paying = false;
      renderPaymentPanel();
    } catch (error) {
      page.paying = false;
      showPaymentError(problemText(error));
      $(button).find(".loading").prop("hidden", true);
      $("#payment-panel button").prop("disabled", page.expired);
    }
  }

  /** bKash: a text button to the wallet (bKash's page, or the simulated one); bKash's answer comes back via our callback. */
  function renderBkash(panel, payment) {
    const href = walletHref(payment.redirectUrl);
    if (!href) {
      // Nothing left to pay here (the payment has been sent or has ended): wait for bKash's word.
      panel.innerHTML = "";
      waitForOutcome();
      return;
    }
    const simulated = href.startsWith("/bkash-wallet.html");
    panel.innerHTML = `
      <div class="flex flex-col gap-3">
        <div>
          <h2 class="font-bold">${escapeHtml(t("book.bkashTitle"))}</h2>
          <p class="text-sm opacity-80">${escapeHtml(t("book.bkashText"))}</p>
        </div>
        ${simulated ? `<p class="flex items-start gap-2 rounded-box border-2 border-dashed border-warning bg-warning/10 p-3 text-sm">${icon("flask", "size-5 shrink-0 text-warning")}<span>${escapeHtml(t("book.bkashSimulated"))}</span></p>` : ""}
        <a id="bkash-pay" class="btn btn-primary" href="${escapeHtml(href)}">${escapeHtml(t("book.bkashPay", { amount: formatTaka(page.summary.total) }))}</a>
      </div>`;
    if (page.expired) $("#bkash-pay").addClass("btn-disabled").attr("aria-disabled", "true").removeAttr("href");
  }

  async function paySimulated(outcome, button) {
    if (page.paying || page.expired) return;
    page.paying = true;
    $("#payment-error").prop("hidden", true);
    $("#payment-panel button").prop("disabled", true);
    $(button).find(".loading").prop("hidden", false);
    try {
      const answer = await simulatePayment(page.booking.pnr, outcome);
      const booking = answer?.pnr ? answer : await getBooking(page.booking.pnr);
      setBooking(booking);
      if (paymentRetryable(booking)) showRetry();
      else if (booking.status === "PendingPayment") await waitForOutcome();
      else finish(booking);
    } catch (error) {
      showPaymentError(problemText(error));
      $(button).find(".loading").prop("hidden", true);
      $("#payment-panel button").prop("disabled", page.expired);
    } finally {
      page.paying = false;
    }
  }

  async function mountStripe(panel, payment) {
    panel.innerHTML = `
      <div class="flex flex-col gap-3">
        <div class="flex items-start gap-3">
          ${icon("card", "size-6 shrink-0 text-primary")}
          <div>
            <h2 class="font-bold" data-i18n="book.stripeTitle"></h2>
            <p class="text-sm opacity-80" data-i18n="book.stripeText"></p>
          </div>
        </div>
        <div id="stripe-loading" class="flex items-center gap-2 text-sm" role="status">
          <span class="loading loading-spinner loading-sm" aria-hidden="true"></span><span data-i18n="book.stripeLoading"></span>
        </div>
        <div id="stripe-element" class="min-h-10"></div>
        <button id="stripe-pay" type="button" class="btn btn-primary" disabled>
          <span class="loading loading-spinner loading-sm" aria-hidden="true" hidden></span>
          <span class="pay-label"></span>
        </button>
      </div>`;
    page.stripe = { loading: true };
    renderStripeText();
    if (!payment.publishableKey || !payment.clientSecret) {
      // No secret means nothing is left to pay here (already paid, or payment is over): wait for the outcome.
      $("#stripe-loading").prop("hidden", true);
      await waitForOutcome();
      return;
    }
    try {
      const Stripe = await loadStripeJs();
      const stripe = Stripe(payment.publishableKey);
      // Stripe has no Bangla; "auto" follows the browser, which is the best it can do for Bangla readers.
      const elements = stripe.elements({ clientSecret: payment.clientSecret, locale: lang() === "bn" ? "auto" : "en" });
      const element = elements.create("payment");
      page.stripe = { stripe, elements, element };
      element.on("ready", () => {
        $("#stripe-loading").prop("hidden", true);
        $("#stripe-pay").prop("disabled", page.expired);
      });
      element.on("loaderror", () => showPaymentError(t("book.stripeLoadError")));
      element.mount("#stripe-element");
      $("#stripe-pay").on("click", () => payStripe());
    } catch {
      page.stripe = null;
      $("#stripe-loading").prop("hidden", true);
      showPaymentError(t("book.stripeLoadError"));
    }
  }

  function renderStripeText() {
    applyI18n(document.getElementById("payment-panel"));
    $("#stripe-pay .pay-label").text(t("book.stripePay", { amount: formatTaka(page.summary.total) }));
  }

  async function payStripe() {
    const { stripe, elements } = page.stripe ?? {};
    if (!stripe || page.paying || page.expired) return;
    page.paying = true;
    $("#payment-error").prop("hidden", true);
    $("#stripe-pay").prop("disabled", true).find(".loading").prop("hidden", false);
    try {
      const returnUrl = `${window.location.origin}/book.html?pnr=${encodeURIComponent(page.booking.pnr)}`;
      const { error } = await stripe.confirmPayment({ elements, confirmParams: { return_url: returnUrl }, redirect: "if_required" });
      if (error) {
        // Card and validation errors come worded by Stripe for the passenger; anything else gets ours.
        showPaymentError(error.type === "card_error" || error.type === "validation_error" ? error.message : t("errors.generic"));
        $("#stripe-pay").prop("disabled", page.expired).find(".loading").prop("hidden", true);
        return;
      }
      await waitForOutcome();
    } finally {
      page.paying = false;
    }
  }

  /** Polls the booking (bounded, spinner visible) until the payment outcome is known, then shows it. */
  async function waitForOutcome() {
    if (page.waiting) return;
    page.waiting = true;
    page.paying = true;
    $("#payment-panel").prop("hidden", true);
    $("#payment-waiting").prop("hidden", false);
    announce(t("book.confirming"));
    try {
      const { booking, settled } = await pollBooking(() => getBooking(page.booking.pnr), {
        until: (b) => paymentSettled(b) || paymentRetryable(b),
      });
      if (booking) setBooking(booking);
      if (settled && paymentRetryable(booking)) showRetry();
      else if (settled) finish(booking);
      else finishSlow();
    } catch (error) {
      $("#payment-waiting").prop("hidden", true);
      $("#payment-panel").prop("hidden", false);
      showPaymentError(problemText(error));
    } finally {
      page.paying = false;
      page.waiting = false;
    }
  }

  /** The payment failed while the seats are still held: back to the payment panel, now offering to pay again. */
  function showRetry() {
    $("#payment-waiting").prop("hidden", true);
    $("#payment-panel").prop("hidden", false);
    page.paying = false;
    renderPaymentPanel();
    announce(`${t("book.retryTitle")}. ${t("book.retryText", { time: formatTime(page.booking.holdExpiresAt) })}`);
    document.getElementById("payment-retry-title")?.focus();
  }

  function showPaymentError(message) {
    $("#payment-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
    document.getElementById("payment-error").focus();
  }

  return { render: renderPaymentPanel, waitForOutcome };
}

function loadStripeJs() {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js loaded without Stripe")));
    script.onerror = () => reject(new Error("Stripe.js could not be loaded"));
    document.head.append(script);
  });
}
