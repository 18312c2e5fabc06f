import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultLeg, isUpcoming } from "../../src/WebFrontend/wwwroot/js/counter-model.js";

const stops = [{ stopId: "dhaka-kalyanpur" }, { stopId: "jashore" }, { stopId: "benapole" }, { stopId: "kolkata-marquis-street" }];

test("defaultLeg sells to the destination the clerk picked when the trip stops there", () => {
  assert.deepEqual(defaultLeg(stops, "dhaka-kalyanpur", "jashore"), { from: "dhaka-kalyanpur", to: "jashore" });
});

test("defaultLeg falls back to the last stop without a picked destination", () => {
  assert.deepEqual(defaultLeg(stops, "dhaka-kalyanpur", ""), { from: "dhaka-kalyanpur", to: "kolkata-marquis-street" });
});

test("defaultLeg ignores a picked destination before the clerk's counter", () => {
  assert.deepEqual(defaultLeg(stops, "jashore", "dhaka-kalyanpur"), { from: "jashore", to: "kolkata-marquis-street" });
});

test("defaultLeg starts at the first stop when the counter is not on the route", () => {
  assert.deepEqual(defaultLeg(stops, "sylhet", "benapole"), { from: "dhaka-kalyanpur", to: "benapole" });
});

test("isUpcoming drops departures that have left", () => {
  const now = new Date("2026-12-07T16:40:00Z");
  assert.equal(isUpcoming({ departure: "2026-12-07T16:30:00Z" }, now), false);
  assert.equal(isUpcoming({ departure: "2026-12-07T16:50:00Z" }, now), true);
});
