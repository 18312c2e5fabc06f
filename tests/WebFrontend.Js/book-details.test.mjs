// Tests for the booking form's details (src/WebFrontend/wwwroot/js/book-model.js): optional passenger phones,
// passports on cross-border trips (six months after travel), boarding/dropping point choices, the request body
// and the fare breakdown lines.
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bookingBody,
  contactPhoneDefault,
  dhakaDay,
  earliestPassportExpiry,
  fareLines,
  fieldError,
  formErrors,
  holdFare,
  needsPassports,
  pointChoices,
  summaryFromBooking,
  validatePassport,
} from "../../src/WebFrontend/wwwroot/js/book-model.js";

const CONTACT = { phone: "01712345678", email: "" };
const PASSPORT = { passportNumber: "EB1234567", passportNationality: "BGD", passportExpiry: "2027-06-30" };

test("passengers other than the contact may leave the phone empty", () => {
  const form = { passengers: [{ name: "Rahim", phone: "", gender: "male" }, { name: "Nila", phone: "", gender: "female" }], contact: CONTACT };
  assert.deepEqual([...formErrors(form).keys()], []);
  assert.equal(fieldError("p1-phone", form), null);
});

test("a passenger phone that is given must still be a Bangladeshi mobile number", () => {
  const form = { passengers: [{ name: "Rahim", phone: "12345", gender: "male" }], contact: CONTACT };
  assert.equal(formErrors(form).get("p0-phone"), "book.fieldErrors.phone.invalid");
});

test("the contact phone stays required", () => {
  const form = { passengers: [{ name: "Rahim", phone: "", gender: "male" }], contact: { phone: "", email: "" } };
  assert.equal(formErrors(form).get("contact-phone"), "book.fieldErrors.phone.required");
});

test("passport expiry must be at least six months after the day of travel, the boundary day included", () => {
  assert.equal(earliestPassportExpiry("2026-12-31"), "2027-06-30");
  assert.equal(earliestPassportExpiry("2026-08-31"), "2027-02-28");
  assert.deepEqual(validatePassport({ ...PASSPORT, passportExpiry: "2027-06-30" }, "2026-12-31"), {});
  assert.deepEqual(validatePassport({ ...PASSPORT, passportExpiry: "2027-06-29" }, "2026-12-31"), { passportExpiry: "tooSoon" });
});

test("passport number and nationality are checked as the server does", () => {
  assert.deepEqual(validatePassport({ ...PASSPORT, passportNumber: "" }, "2026-12-01"), { passportNumber: "required" });
  assert.deepEqual(validatePassport({ ...PASSPORT, passportNumber: "AB-12" }, "2026-12-01"), { passportNumber: "invalid" });
  assert.deepEqual(validatePassport({ ...PASSPORT, passportNationality: "BD" }, "2026-12-01"), { passportNationality: "invalid" });
  assert.deepEqual(validatePassport({ ...PASSPORT, passportExpiry: "" }, "2026-12-01"), { passportExpiry: "required" });
});

test("passports are asked for only on a cross-border trip", () => {
  const form = { passengers: [{ name: "Rahim", phone: "", gender: "male" }], contact: CONTACT };
  assert.equal(formErrors(form).size, 0);
  const errors = formErrors(form, { crossBorder: true, travelDay: "2026-12-10" });
  assert.equal(errors.get("p0-passportNumber"), "book.fieldErrors.passportNumber.required");
  assert.equal(errors.get("p0-passportExpiry"), "book.fieldErrors.passportExpiry.required");
  assert.equal(fieldError("p0-passportNumber", form, { crossBorder: true, travelDay: "2026-12-10" }), "book.fieldErrors.passportNumber.required");
});

test("the request body carries points, and passports only on a cross-border trip, in canonical form", () => {
  const passengers = [{ name: " Rahim  Uddin ", phone: "", gender: "male", passportNumber: "eb 123 4567", passportNationality: "bgd", passportExpiry: "2028-01-01" }];
  const body = bookingBody("trip:hold", { passengers, contact: CONTACT }, { boardingPoint: "technical-more", droppingPoint: "jashore-counter", crossBorder: true });
  assert.equal(body.boardingPoint, "technical-more");
  assert.equal(body.droppingPoint, "jashore-counter");
  assert.deepEqual(body.passengers[0], {
    name: "Rahim Uddin",
    phone: null,
    gender: "male",
    passport: { number: "EB1234567", nationality: "BGD", expiry: "2028-01-01" },
  });
  const domestic = bookingBody("trip:hold", { passengers, contact: CONTACT }, {});
  assert.equal(domestic.passengers[0].passport, undefined);
  assert.equal(domestic.boardingPoint, undefined);
});

test("point choices are the boarding points at the first stop and dropping points at the last", () => {
  const trip = {
    boardingPoints: [
      { id: "kalyanpur-counter", stopId: "dhaka-kalyanpur" },
      { id: "technical-more", stopId: "dhaka-kalyanpur" },
      { id: "jashore-counter", stopId: "jashore" },
    ],
    droppingPoints: [
      { id: "jashore-counter", stopId: "jashore" },
      { id: "marquis-street-counter", stopId: "kolkata-marquis-street" },
    ],
  };
  const choices = pointChoices(trip, "dhaka-kalyanpur", "jashore");
  assert.deepEqual(choices.boarding.map((p) => p.id), ["kalyanpur-counter", "technical-more"]);
  assert.deepEqual(choices.dropping.map((p) => p.id), ["jashore-counter"]);
  assert.deepEqual(pointChoices(null, "a", "b"), { boarding: [], dropping: [] });
});

test("the day of travel is the Dhaka day of the departure", () => {
  assert.equal(dhakaDay("2026-12-09T18:30:00Z"), "2026-12-10");
  assert.equal(dhakaDay("2026-12-09T17:59:00Z"), "2026-12-09");
  assert.equal(dhakaDay("nonsense"), null);
});

test("a hold's fare is its legs between the held stops", () => {
  const trip = {
    stops: [
      { stopId: "a", nameEn: "A" },
      { stopId: "b", nameEn: "B" },
      { stopId: "c", nameEn: "C" },
    ],
    legFares: [1000, 250],
  };
  const fare = holdFare({ from: "a", to: "c", seats: ["A1", "A2"], amount: 2500 }, trip);
  assert.deepEqual(fare.legs.map((l) => [l.from, l.to, l.perSeat, l.amount]), [["a", "b", 1000, 2000], ["b", "c", 250, 500]]);
  assert.equal(fare.total, 2500);
  const repriced = holdFare({ from: "a", to: "c", seats: ["A1"], amount: 1300 }, trip);
  assert.deepEqual(repriced.legs.map((l) => l.perSeat), [1300]);
});

test("fare lines list legs, fees and discount, and end with the total", () => {
  const fare = {
    perSeat: 1250, seats: 2, total: 2530, paid: 2530, discount: 20,
    legs: [{ from: "a", to: "b", fromName: "A", toName: "B", perSeat: 1250, amount: 2500 }],
    fees: [{ code: "payment-fee", amount: 50 }],
  };
  const lines = fareLines(fare);
  assert.deepEqual(lines.map((l) => [l.kind, l.amount]), [["leg", 2500], ["fee", 50], ["discount", -20], ["total", 2530]]);
  assert.equal(lines[1].key, "book.fees.payment-fee");
  assert.equal(lines.at(-1).key, "book.total");
});

test("after a trip change the fare card totals what was paid, the change fee included", () => {
  const booking = {
    tripId: "t", from: "a", to: "b", seats: ["A1"],
    fare: { perSeat: 3300, seats: 1, total: 3300, paid: 3400, discount: 0, legs: [{ from: "a", to: "b", perSeat: 3300, amount: 3300 }], fees: [{ code: "change-fee", amount: 100 }] },
  };
  assert.equal(summaryFromBooking(booking, null).total, 3400);
  const total = fareLines(booking.fare).at(-1);
  assert.deepEqual([total.key, total.amount], ["book.totalPaid", 3400]);
});

test("passports are needed only for a journey that crosses the border", () => {
  const trip = { crossBorder: true, abroadStops: ["kolkata-marquis-street"] };
  assert.equal(needsPassports(trip, "dhaka-kalyanpur", "kolkata-marquis-street"), true);
  assert.equal(needsPassports(trip, "kolkata-marquis-street", "jashore"), true);
  assert.equal(needsPassports(trip, "dhaka-kalyanpur", "jashore"), false);
  assert.equal(needsPassports({ crossBorder: false, abroadStops: ["x"] }, "a", "x"), false);
});

test("the contact phone starts as the signed-in passenger's verified number, written as typed", () => {
  const passenger = { id: "u1", name: "Passenger", role: "passenger", counterId: null, login: "+8801712345678", phoneVerified: true };
  assert.equal(contactPhoneDefault(passenger), "01712345678");
  // What it fills in passes the form's own contact check.
  const form = { passengers: [{ name: "Rahim", phone: "", gender: "male" }], contact: { phone: contactPhoneDefault(passenger), email: "" } };
  assert.equal(fieldError("contact-phone", form), null);
});

test("no contact phone is filled in for guests, staff or a number never proven by a code", () => {
  const passenger = { id: "u1", name: "Passenger", role: "passenger", counterId: null, login: "+8801712345678", phoneVerified: true };
  assert.equal(contactPhoneDefault(null), "");
  assert.equal(contactPhoneDefault({ ...passenger, phoneVerified: false }), "");
  assert.equal(contactPhoneDefault({ ...passenger, role: "clerk", login: "clerk1" }), "");
  assert.equal(contactPhoneDefault({ ...passenger, role: "ops" }), "");
  assert.equal(contactPhoneDefault({ ...passenger, login: "rahim" }), "");
  assert.equal(contactPhoneDefault({ ...passenger, login: null }), "");
});
