// The ladies-seat marking and the gender markers of sold seats on the live map: the seat model keeps each sold
// seat's passenger gender from snapshots and deltas (src/WebFrontend/wwwroot/js/seat-state.js), and seat-marks.js
// says what a seat shows and how it is named.
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { genderOnLeg, SeatModel } from "../../src/WebFrontend/wwwroot/js/seat-state.js";
import { genderMarkHtml, seatAriaLabel, shownGender } from "../../src/WebFrontend/wwwroot/js/seat-marks.js";

const STOPS = ["dhaka", "jashore", "benapole", "kolkata"];
const stopIndex = new Map(STOPS.map((id, i) => [id, i]));

function loaded(from = "dhaka", to = "kolkata") {
  const m = new SeatModel({ tripId: "trip-1", stopIds: STOPS, from, to });
  m.applySnapshot({
    version: 1,
    seats: [
      { seat: "A1", state: "sold", gender: "female" },
      { seat: "A2", state: "free" },
      { seat: "B1", state: "held", gender: "male" },
    ],
  });
  return m;
}

test("a snapshot keeps the gender of sold seats only", () => {
  const m = loaded();
  assert.equal(m.genderOf("A1"), "female");
  assert.equal(m.genderOf("A2"), null);
  assert.equal(m.genderOf("B1"), null);
});

test("a delta selling a seat brings its gender, and freeing it again drops it", () => {
  const m = loaded();
  let { changed } = m.offer({
    tripId: "trip-1",
    version: 2,
    changes: [{ seat: "A2", from: "dhaka", to: "kolkata", state: "sold", gender: "male" }],
  });
  assert.deepEqual([...changed], ["A2"]);
  assert.equal(m.genderOf("A2"), "male");

  ({ changed } = m.offer({ tripId: "trip-1", version: 3, changes: [{ seat: "A2", from: "dhaka", to: "kolkata", state: "free" }] }));
  assert.deepEqual([...changed], ["A2"]);
  assert.equal(m.genderOf("A2"), null);
});

test("a delta that only changes a sold seat's gender reports the seat as changed", () => {
  const m = loaded();
  const { changed } = m.offer({
    tripId: "trip-1",
    version: 2,
    changes: [{ seat: "A1", from: "dhaka", to: "kolkata", state: "sold", gender: "male" }],
  });
  assert.deepEqual([...changed], ["A1"]);
  assert.equal(m.genderOf("A1"), "male");
});

test("genderOnLeg: one gender on the viewed leg is shown, two different ones or an unknown one are not", () => {
  const timeline = [
    { from: "dhaka", to: "jashore", state: "sold", gender: "female" },
    { from: "jashore", to: "benapole", state: "sold", gender: "male" },
    { from: "benapole", to: "kolkata", state: "sold" },
  ];
  assert.equal(genderOnLeg(timeline, stopIndex, "dhaka", "jashore"), "female");
  assert.equal(genderOnLeg(timeline, stopIndex, "jashore", "benapole"), "male");
  assert.equal(genderOnLeg(timeline, stopIndex, "dhaka", "benapole"), null);
  assert.equal(genderOnLeg(timeline, stopIndex, "benapole", "kolkata"), null);
  assert.equal(genderOnLeg([{ from: "dhaka", to: "kolkata", state: "held", gender: "female" }], stopIndex, "dhaka", "kolkata"), null);
});

test("shownGender: only sold seats of female or male passengers get a marker", () => {
  assert.equal(shownGender("sold", "female"), "female");
  assert.equal(shownGender("sold", "male"), "male");
  assert.equal(shownGender("sold", "other"), null);
  assert.equal(shownGender("sold", null), null);
  assert.equal(shownGender("held", "female"), null);
  assert.equal(shownGender("sold", "constructor"), null);
});

test("genderMarkHtml draws the glyph hidden from screen readers, or nothing", () => {
  assert.match(genderMarkHtml("sold", "female"), /data-gender="female" aria-hidden="true">♀</);
  assert.match(genderMarkHtml("sold", "male"), />♂</);
  assert.equal(genderMarkHtml("free", "male"), "");
});

test("seatAriaLabel names the state, the ladies seat and the passenger's gender", () => {
  const t = (key, params) => (params ? `${key}(${Object.values(params).join("|")})` : key);
  assert.equal(seatAriaLabel(t, { label: "A1", state: "sold", ladies: true, gender: "female" }),
    "seat.aria(A1|seat.state.sold), seat.ladies, seat.gender.female");
  assert.equal(seatAriaLabel(t, { label: "B1", state: "free" }), "seat.aria(B1|seat.state.free)");
  assert.equal(seatAriaLabel(t, { label: "B2", state: "held", gender: "male" }), "seat.aria(B2|seat.state.held)");
});
