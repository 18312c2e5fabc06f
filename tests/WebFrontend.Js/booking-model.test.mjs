// Tests for the booking pages' pure logic (src/WebFrontend/wwwroot/js/booking-model.js) and the taka/digit
// formatting they rely on (i18n.js). Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bookingRequest,
  canCancel,
  closingReason,
  fieldIdForProblemKey,
  isBdMobile,
  normalizeBdPhone,
  normalizePnr,
  pollBooking,
  remainingMs,
  toAsciiDigits,
  tokenStore,
  validateContact,
  validatePassenger,
} from "../../src/WebFrontend/wwwroot/js/booking-model.js";

// ---------- phones ----------

test("normalizeBdPhone accepts local, +88, 88 and 0088 forms and returns +8801XXXXXXXXX", () => {
  for (const input of ["01712345678", "+8801712345678", "8801712345678", "008801712345678"]) {
    assert.equal(normalizeBdPhone(input), "+8801712345678", input);
  }
});

test("normalizeBdPhone ignores spaces, dashes, dots and brackets between digits", () => {
  assert.equal(normalizeBdPhone(" 01712-345 678 "), "+8801712345678");
  assert.equal(normalizeBdPhone("+880 1812.345.678"), "+8801812345678");
  assert.equal(normalizeBdPhone("(+88) 01912345678"), "+8801912345678");
});

test("normalizeBdPhone reads Bangla digits", () => {
  assert.equal(toAsciiDigits("০১৭১২৩৪৫৬৭৮"), "01712345678");
  assert.equal(normalizeBdPhone("০১৭১২-৩৪৫৬৭৮"), "+8801712345678");
  assert.equal(normalizeBdPhone("+৮৮০১৫১২৩৪৫৬৭৮"), "+8801512345678");
});

test("normalizeBdPhone accepts every operator digit 3-9 and rejects 0-2", () => {
  for (const d of "3456789") assert.ok(isBdMobile(`01${d}12345678`), `01${d}`);
  for (const d of "012") assert.equal(normalizeBdPhone(`01${d}12345678`), null, `01${d}`);
});

test("normalizeBdPhone rejects wrong lengths, landlines, other countries and letters", () => {
  for (const input of ["", "   ", "0171234567", "017123456789", "+88001712345678", "+9101712345678", "0212345678",
    "+880171234567", "0171234567a", "01712 34567 8x", null, undefined]) {
    assert.equal(normalizeBdPhone(input), null, String(input));
  }
});

// ---------- form validation ----------

test("validatePassenger reports each missing field", () => {
  assert.deepEqual(validatePassenger({ name: "", phone: "", gender: "" }), { name: "required", phone: "required", gender: "required" });
});

test("validatePassenger accepts a complete passenger", () => {
  assert.deepEqual(validatePassenger({ name: "Rahim Uddin", phone: "01712345678", gender: "male" }), {});
  assert.deepEqual(validatePassenger({ name: "রহিম উদ্দিন", phone: "০১৭১২৩৪৫৬৭৮", gender: "other" }), {});
});

test("validatePassenger flags a bad phone, a one-letter or over-long name and an unknown gender", () => {
  assert.deepEqual(validatePassenger({ name: "R", phone: "01212345678", gender: "x" }), { name: "tooShort", phone: "invalid", gender: "required" });
  assert.equal(validatePassenger({ name: "a".repeat(101), phone: "01712345678", gender: "female" }).name, "tooLong");
});

test("validateContact needs a phone; email is optional but must look like one", () => {
  assert.deepEqual(validateContact({ phone: "", email: "" }), { phone: "required" });
  assert.deepEqual(validateContact({ phone: "01712345678", email: "" }), {});
  assert.deepEqual(validateContact({ phone: "01712345678", email: "rahim@example.com" }), {});
  assert.deepEqual(validateContact({ phone: "017", email: "rahim@" }), { phone: "invalid", email: "invalid" });
});

test("bookingRequest normalises phones, trims names and leaves out a blank email", () => {
  const request = bookingRequest(
    "trip-1.abc",
    [{ name: "  Rahim   Uddin ", phone: "01712-345678", gender: "male" }],
    { phone: "০১৮১২৩৪৫৬৭৮", email: "  " },
  );
  assert.deepEqual(request, {
    holdId: "trip-1.abc",
    passengers: [{ name: "Rahim Uddin", phone: "+8801712345678", gender: "male" }],
    contact: { phone: "+8801812345678" },
  });
  assert.equal(bookingRequest("h", [], { phone: "01712345678", email: " a@b.co " }).contact.email, "a@b.co");
});

test("fieldIdForProblemKey maps ProblemDetails error keys to inputs in any casing", () => {
  assert.equal(fieldIdForProblemKey("passengers[1].phone"), "p1-phone");
  assert.equal(fieldIdForProblemKey("Passengers[0].Name"), "p0-name");
  assert.equal(fieldIdForProblemKey("$.passengers[2].gender"), "p2-gender");
  assert.equal(fieldIdForProblemKey("passengers.3.phone"), "p3-phone");
  assert.equal(fieldIdForProblemKey("Contact.Email"), "contact-email");
  assert.equal(fieldIdForProblemKey("contact.phone"), "contact-phone");
  assert.equal(fieldIdForProblemKey("passengers"), null);
  assert.equal(fieldIdForProblemKey("holdId"), null);
});

// ---------- booking rules ----------

test("canCancel only for a confirmed booking before departure", () => {
  const now = Date.parse("2026-06-01T00:00:00Z");
  const future = "2026-06-02T00:00:00Z";
  assert.equal(canCancel({ status: "Confirmed", departure: future }, now), true);
  assert.equal(canCancel({ status: "Confirmed", departure: "2026-05-31T23:00:00Z" }, now), false);
  for (const status of ["PendingPayment", "Cancelled", "Refunded", "Expired", "PaymentFailed"]) {
    assert.equal(canCancel({ status, departure: future }, now), false, status);
  }
});

test("closingReason prefers the refund reason, else the newest history detail", () => {
  assert.equal(closingReason({ refund: { reason: "Seat taken after expiry" }, history: [] }), "Seat taken after expiry");
  assert.equal(
    closingReason({
      history: [
        { at: "2026-06-01T10:05:00Z", kind: "PaymentFailed", detail: "Card declined" },
        { at: "2026-06-01T10:00:00Z", kind: "Created", detail: "first" },
      ],
    }),
    "Card declined",
  );
  assert.equal(closingReason({ history: [] }), "");
});

test("remainingMs never goes below zero and treats a bad instant as expired", () => {
  const now = Date.parse("2026-06-01T10:00:00Z");
  assert.equal(remainingMs("2026-06-01T10:01:30Z", now), 90000);
  assert.equal(remainingMs("2026-06-01T09:59:00Z", now), 0);
  assert.equal(remainingMs("not a date", now), 0);
});

test("normalizePnr upper-cases, drops spaces, reads Bangla digits and restores the one hyphen", () => {
  assert.equal(normalizePnr(" dp-7k3m9q "), "DP-7K3M9Q");
  assert.equal(normalizePnr("dp-7k3 m৯q"), "DP-7K3M9Q");
  assert.equal(normalizePnr("DP7K3M9Q"), "DP-7K3M9Q");
  assert.equal(normalizePnr("dp 7k3 m9q"), "DP-7K3M9Q");
  assert.equal(normalizePnr("DP - 7K3M9Q"), "DP-7K3M9Q");
  assert.equal(normalizePnr("XY12"), "XY12");
});

// ---------- polling ----------

function fakeClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms) => { now += ms; } };
}

test("pollBooking stops as soon as the status leaves PendingPayment", async () => {
  const clock = fakeClock();
  const answers = ["PendingPayment", "PendingPayment", "Confirmed"];
  let calls = 0;
  const result = await pollBooking(async () => ({ status: answers[calls++] }), { ...clock, intervalMs: 1000, timeoutMs: 10000 });
  assert.deepEqual(result, { booking: { status: "Confirmed" }, settled: true });
  assert.equal(calls, 3);
});

test("pollBooking gives up after its time budget and returns the last booking read", async () => {
  const clock = fakeClock();
  let calls = 0;
  const result = await pollBooking(async () => { calls++; return { status: "PendingPayment" }; }, { ...clock, intervalMs: 2000, timeoutMs: 9000 });
  assert.equal(result.settled, false);
  assert.equal(result.booking.status, "PendingPayment");
  assert.equal(calls, 5);
  assert.ok(clock.now() <= 9000);
});

test("pollBooking retries network errors but throws a 4xx answer", async () => {
  const clock = fakeClock();
  let calls = 0;
  const flaky = async () => {
    calls++;
    if (calls === 1) throw Object.assign(new Error("offline"), { status: 0 });
    return { status: "PaymentFailed" };
  };
  assert.equal((await pollBooking(flaky, clock)).booking.status, "PaymentFailed");
  const gone = async () => { throw Object.assign(new Error("gone"), { status: 404 }); };
  await assert.rejects(pollBooking(gone, clock), /gone/);
});

test("pollBooking honours a custom end condition", async () => {
  const clock = fakeClock();
  const answers = [{ status: "Cancelled" }, { status: "Refunded" }];
  let calls = 0;
  const result = await pollBooking(async () => answers[calls++], { ...clock, until: (b) => b.status === "Refunded" });
  assert.equal(result.booking.status, "Refunded");
});

// ---------- guest tokens ----------

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), map };
}

test("tokenStore remembers tokens by normalised PNR and forgets them", () => {
  const storage = memoryStorage();
  const tokens = tokenStore(storage);
  tokens.set(" dp-7k3m9q", "secret-1");
  assert.equal(tokens.get("DP-7K3M9Q"), "secret-1");
  assert.deepEqual(tokens.pnrs(), ["DP-7K3M9Q"]);
  assert.equal(tokenStore(storage).get("DP-7K3M9Q"), "secret-1", "survives a new page");
  tokens.remove("DP-7K3M9Q");
  assert.equal(tokens.get("DP-7K3M9Q"), null);
});

test("tokenStore survives corrupt or unavailable storage", () => {
  const storage = memoryStorage();
  storage.setItem("dp.bookingTokens", "{not json");
  assert.equal(tokenStore(storage).get("DP-1"), null);
  const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } };
  const tokens = tokenStore(broken);
  tokens.set("DP-1", "x");
  assert.equal(tokens.get("DP-1"), null);
  assert.equal(tokenStore(null).get("DP-1"), null);
});

// ---------- amounts ----------

test("formatTaka shows whole taka with grouping, in Bangla digits in Bangla mode", async () => {
  // i18n.js loads its dictionaries with fetch and touches the document; give it just enough of both.
  globalThis.document = { documentElement: {}, querySelectorAll: () => [] };
  globalThis.localStorage = memoryStorage();
  globalThis.fetch = async () => ({ ok: true, json: async () => ({}) });
  const i18n = await import("../../src/WebFrontend/wwwroot/js/i18n.js");
  await i18n.setLang("en", { persist: false });
  assert.equal(i18n.formatTaka(1200), "৳ 1,200");
  assert.equal(i18n.formatTaka(3599.6), "৳ 3,600");
  assert.equal(i18n.formatTaka(120000), "৳ 1,20,000");
  await i18n.setLang("bn", { persist: false });
  assert.equal(i18n.formatTaka(1200), "৳ ১,২০০");
  assert.equal(i18n.toLocalDigits("DP-7K3M09"), "DP-৭K৩M০৯");
});

test("paymentRetryable: only a waiting booking whose payment failed can be paid again", async () => {
  const { paymentRetryable } = await import("../../src/WebFrontend/wwwroot/js/booking-model.js");
  assert.equal(paymentRetryable({ status: "PendingPayment", payment: { status: "Failed" } }), true);
  assert.equal(paymentRetryable({ status: "PendingPayment", payment: { status: "RequiresPayment" } }), false);
  assert.equal(paymentRetryable({ status: "PaymentFailed", payment: { status: "Failed" } }), false);
  assert.equal(paymentRetryable({ status: "Confirmed", payment: { status: "Succeeded" } }), false);
  assert.equal(paymentRetryable(null), false);
});

test("paymentMethodOf names card providers card and wallets by name", async () => {
  const { paymentMethodOf } = await import("../../src/WebFrontend/wwwroot/js/booking-model.js");
  assert.deepEqual(["stripe", "simulated", "bkash"].map(paymentMethodOf), ["card", "card", "bkash"]);
});
