// The simulated bKash wallet (/bkash-wallet.html?paymentID=…), served only while this server has no bKash account:
// wallet number → verification code → PIN, as the bKash page asks them, then back to our callback, which asks the
// (simulated) bKash API what happened. Nothing here decides the payment; it plays the payer.
import { authorizeSimulatedWallet, cancelSimulatedWallet, getSimulatedWalletPayment } from "./api.js";
import { formatTaka, t } from "./i18n.js";
import { icon } from "./icons.js";
import { announce, escapeHtml, startPage } from "./page.js";
import { problemText } from "./ui.js";

const $ = window.jQuery;
const STEPS = ["wallet", "code", "pin"];
const CHECKS = {
  wallet: { input: "#wallet-number", valid: (v) => /^01\d{9}$/.test(v), error: "wallet.invalidWallet" },
  code: { input: "#wallet-code", valid: (v) => /^\d{6}$/.test(v), error: "wallet.invalidCode" },
  pin: { input: "#wallet-pin", valid: (v) => /^\d{5}$/.test(v), error: "wallet.invalidPin" },
};

const paymentId = new URLSearchParams(window.location.search).get("paymentID") ?? "";
let step = "wallet";
let busy = false;

await startPage();
await load();

async function load() {
  let payment;
  try {
    // Without a payment id there is nothing to ask the server about.
    if (!paymentId) throw new Error("no payment id");
    payment = await getSimulatedWalletPayment(paymentId);
  } catch {
    showError(t("wallet.notFound"));
    $("#wallet-form :input").prop("disabled", true);
    return;
  }
  $("#wallet-invoice").text(payment.invoice);
  $("#wallet-amount").text(formatTaka(Number(payment.amount)));
  $("#wallet-number").val(payment.payerReference);
  if (payment.status !== "Initiated") {
    showError(t("wallet.done"));
    $("#wallet-form :input").prop("disabled", true);
    return;
  }
  $("#wallet-form").on("submit", (event) => {
    event.preventDefault();
    next();
  });
  $("#wallet-cancel").on("click", () => finish(() => cancelSimulatedWallet(paymentId)));
  document.getElementById("wallet-number").focus();
}

function next() {
  if (busy) return;
  const check = CHECKS[step];
  const value = String($(check.input).val() ?? "").trim();
  if (!check.valid(value)) {
    showError(t(check.error));
    document.querySelector(check.input).focus();
    return;
  }
  $("#wallet-error").prop("hidden", true);
  const index = STEPS.indexOf(step);
  if (index < STEPS.length - 1) {
    step = STEPS[index + 1];
    $(`[data-step="${step}"]`).prop("hidden", false);
    document.querySelector(CHECKS[step].input).focus();
    announce(t(`wallet.${step}Label`));
    return;
  }
  finish(() =>
    authorizeSimulatedWallet(paymentId, {
      wallet: String($("#wallet-number").val()).trim(),
      code: String($("#wallet-code").val()).trim(),
      pin: String($("#wallet-pin").val()).trim(),
    }),
  );
}

/** Sends the payer's decision, then follows the wallet back to the merchant's callback. */
async function finish(send) {
  if (busy) return;
  busy = true;
  $("#wallet-form :input").prop("disabled", true);
  try {
    const { redirect } = await send();
    window.location.assign(redirect);
  } catch (error) {
    showError(problemText(error));
    $("#wallet-form :input").prop("disabled", false);
    busy = false;
  }
}

function showError(message) {
  $("#wallet-error").html(`${icon("alert", "size-5 shrink-0")}<span>${escapeHtml(message)}</span>`).prop("hidden", false);
}
