// Tests for the booking page's pure logic (src/WebFrontend/wwwroot/js/book-model.js): the trip summary and fare
// totals, form validation per field, where server field errors land, and what the last step says.
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  fieldError,
  formErrors,
  RESULT_TONES,
  resultView,
  seatMapHref,
  serverFieldErrors,
  summaryFromBooking,
  summaryFromHold,
} from "../../src/WebFrontend/wwwroot/js/book-model.js";
import { fieldIdForProblemKey } from "../../src/WebFrontend/wwwroot/js/booking-model.js";

const TRIP = {
  routeName: "Dhaka – Benapole",
  routeNameBn: "ঢাকা – বেনাপোল",
  coachClass: "AcEconomy",
  stops: [
    { stopId: "dhaka", departure: "2026-12-08T08:00:00+06:00" },
    { stopId: "jashore", departure: "2026-12-08T12:00:00+06:00" },
    { stopId: "benapole", departure: "2026-12-08T13:30:00+06:00" },
  ],
};

const GOOD = { name: "Rahim Uddin", phone: "01712345678", gender: "male" };

// ---------- summary ----------

test("summaryFromHold splits the hold's amount over its seats and reads times from the trip's stops", () => {
  const summary = summaryFromHold({ tripId: "t1", from: "dhaka", to: "jashore", seats: ["A1", 2, "B3"], amount: 2100 }, TRIP);
  assert.deepEqual(summary.seats, ["A1", "2", "B3"]);
  assert.equal(summary.total, 2100);
  assert.equal(summary.perSeat, 700);
  assert.equal(summary.departure, "2026-12-08T08:00:00+06:00");
  assert.equal(summary.arrival, "2026-12-08T12:00:00+06:00");
  assert.equal(summary.fromStop.stopId, "dhaka");
  assert.equal(summary.toStop.stopId, "jashore");
  assert.equal(summary.routeName, "Dhaka – Benapole");
  assert.equal(summary.coachClass, "AcEconomy");
});

test("summaryFromHold works without the trip and without seats", () => {
  const summary = summaryFromHold({ tripId: "t1", from: "dhaka", to: "jashore", seats: [], amount: null }, null);
  assert.equal(summary.total, 0);
  assert.equal(summary.perSeat, 0);
  assert.equal(summary.fromStop, null);
  assert.equal(summary.departure, null);
  assert.equal(summary.fromName, "dhaka");
  assert.equal(summary.routeName, "");
});

test("summaryFromBooking takes the fare and times from the booking", () => {
  const booking = {
    tripId: "t1",
    from: "jashore",
    to: "benapole",
    seats: ["C1", "C2"],
    fare: { total: "300", perSeat: "150" },
    departure: "2026-12-08T12:05:00+06:00",
    arrival: "2026-12-08T13:35:00+06:00",
    fromName: "Jashore",
    coachClass: "NonAc",
  };
  const summary = summaryFromBooking(booking, TRIP);
  assert.equal(summary.total, 300);
  assert.equal(summary.perSeat, 150);
  assert.equal(summary.departure, booking.departure, "the booking's time wins over the trip's");
  assert.equal(summary.fromStop.stopId, "jashore");
  assert.equal(summary.fromName, "Jashore");
  assert.equal(summary.toName, "benapole");
  assert.equal(summary.coachClass, "NonAc");
  assert.equal(summaryFromBooking({ from: "a", to: "b" }, null).total, 0);
});

test("seatMapHref leads back to the trip's seat map for the leg, or to search when the leg is unknown", () => {
  assert.equal(seatMapHref({ tripId: "t 1", from: "dhaka", to: 7 }), "/trip.html?trip=t+1&from=dhaka&to=7");
  assert.equal(seatMapHref({ tripId: "t1", from: "dhaka" }), "/");
  assert.equal(seatMapHref(null), "/");
});

// ---------- form validation ----------

test("formErrors names each bad field by input id with its i18n key, in form order", () => {
  const errors = formErrors({
    passengers: [GOOD, { name: "R", phone: "12345", gender: "" }],
    contact: { phone: "", email: "not-an-email" },
  });
  assert.deepEqual([...errors], [
    ["p1-name", "book.fieldErrors.name.tooShort"],
    ["p1-phone", "book.fieldErrors.phone.invalid"],
    ["p1-gender", "book.fieldErrors.gender.required"],
    ["contact-phone", "book.fieldErrors.phone.required"],
    ["contact-email", "book.fieldErrors.email.invalid"],
  ]);
});

test("formErrors is empty for a complete form", () => {
  const errors = formErrors({ passengers: [GOOD, { ...GOOD, gender: "female" }], contact: { phone: "+8801812345678", email: "" } });
  assert.equal(errors.size, 0);
});

test("fieldError checks one passenger or contact field and ignores ids that are no field", () => {
  const form = { passengers: [GOOD, { name: "", phone: "0171234567", gender: "other" }], contact: { phone: "01712345678", email: "a@b" } };
  assert.equal(fieldError("p0-name", form), null);
  assert.equal(fieldError("p1-name", form), "book.fieldErrors.name.required");
  assert.equal(fieldError("p1-phone", form), "book.fieldErrors.phone.invalid");
  assert.equal(fieldError("p1-gender", form), null);
  assert.equal(fieldError("contact-phone", form), null);
  assert.equal(fieldError("contact-email", form), "book.fieldErrors.email.invalid");
  assert.equal(fieldError("p7-name", form), undefined, "no seventh passenger");
  assert.equal(fieldError("submit-booking", form), undefined);
});

test("serverFieldErrors puts messages on the inputs the page has and keeps the rest for the form", () => {
  const inputs = new Set(["p0-phone", "contact-email"]);
  const { byId, loose } = serverFieldErrors(
    {
      "passengers[0].phone": ["Not a mobile number.", "Use 01XXXXXXXXX."],
      "Contact.Email": "Bad address.",
      "passengers[3].name": ["No such passenger."],
      holdId: ["Hold is gone."],
    },
    fieldIdForProblemKey,
    (id) => inputs.has(id),
  );
  assert.deepEqual([...byId], [
    ["p0-phone", "Not a mobile number. Use 01XXXXXXXXX."],
    ["contact-email", "Bad address."],
  ]);
  assert.deepEqual(loose, ["No such passenger.", "Hold is gone."]);
  assert.deepEqual(serverFieldErrors(null, fieldIdForProblemKey, () => true), { byId: new Map(), loose: [] });
});

// ---------- result ----------

test("resultView confirms a paid booking with a link to the ticket and no reason", () => {
  const view = resultView({ status: "Confirmed", history: [{ at: "2026-12-07T10:00:00Z", detail: "Paid" }] }, false);
  assert.equal(view.tone, "success");
  assert.equal(view.title, "book.successTitle");
  assert.deepEqual(view.actions, [{ kind: "ticket", key: "book.viewTicket", style: "btn-primary" }]);
  assert.equal(view.reason, "");
});

test("resultView explains a refund with its amount, reason and both links", () => {
  const view = resultView({ status: "Refunded", fare: { total: 1400 }, refund: { amount: 1200, reason: "Paid after the hold ended" } }, false, (n) => `৳${n}`);
  assert.equal(view.tone, "info");
  assert.deepEqual(view.text, { key: "book.refunded", params: { amount: "৳1200" } });
  assert.equal(view.reason, "Paid after the hold ended");
  assert.deepEqual(view.actions.map((a) => a.kind), ["ticket", "seats"]);
  assert.equal(view.actions[0].style, "btn-outline");
  assert.deepEqual(resultView({ status: "Refunded", fare: { total: 1400 } }, false, String).text.params, { amount: "1400" });
});

test("resultView sends a failed or expired booking back to the seat map", () => {
  const failed = resultView({ status: "PaymentFailed", history: [{ at: "2026-12-07T10:00:00Z", detail: "Card declined" }] }, false);
  assert.equal(failed.tone, "error");
  assert.equal(failed.reason, "Card declined");
  assert.deepEqual(failed.actions, [{ kind: "seats" }]);
  const expired = resultView({ status: "Expired" }, false);
  assert.equal(expired.title, "book.expiredBookingTitle");
  assert.deepEqual(expired.actions, [{ kind: "seats" }]);
});

test("resultView says the outcome is slow while payment is pending or polling ran out", () => {
  for (const view of [resultView({ status: "PendingPayment" }, false), resultView({ status: "Expired", refund: { reason: "x" } }, true)]) {
    assert.equal(view.title, "book.slowTitle");
    assert.equal(view.tone, "warning");
    assert.deepEqual(view.actions, [{ kind: "ticket", key: "book.openBooking", style: "btn-primary" }]);
    assert.equal(view.reason, "");
  }
});

test("resultView falls back to the status's own words for any other status", () => {
  const view = resultView({ status: "Cancelled", refund: { reason: "Trip cancelled" } }, false);
  assert.equal(view.title, "booking.status.Cancelled");
  assert.deepEqual(view.text, { key: "booking.statusText.Cancelled" });
  assert.equal(view.reason, "Trip cancelled");
  assert.ok(RESULT_TONES[view.tone]);
});

test("payment methods: bKash first and selected, then other wallets, card last", async () => {
  const { paymentMethodChoices } = await import("../../src/WebFrontend/wwwroot/js/book-model.js");
  const choices = paymentMethodChoices([{ method: "card" }, { method: "nagad" }, { method: "bkash", simulated: true }]);
  assert.deepEqual(choices.methods.map((m) => m.method), ["bkash", "nagad", "card"]);
  assert.equal(choices.selected, "bkash");
  assert.deepEqual(paymentMethodChoices([{ method: "card" }]), { methods: [{ method: "card" }], selected: "card" });
  assert.deepEqual(paymentMethodChoices(null), { methods: [], selected: "card" });
});

test("wallet links: only http(s) addresses and paths on this site are followed", async () => {
  const { walletHref } = await import("../../src/WebFrontend/wwwroot/js/book-model.js");
  assert.equal(walletHref("https://sandbox.payment.bkash.com/?paymentId=TR1"), "https://sandbox.payment.bkash.com/?paymentId=TR1");
  assert.equal(walletHref("/bkash-wallet.html?paymentID=TR1"), "/bkash-wallet.html?paymentID=TR1");
  assert.equal(walletHref("javascript:alert(1)"), null);
  assert.equal(walletHref("//evil.example/x"), null);
  assert.equal(walletHref(null), null);
});
