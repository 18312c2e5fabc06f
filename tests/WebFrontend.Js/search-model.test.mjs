import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyReason } from "../../src/WebFrontend/wwwroot/js/search-model.js";

test("emptyReason says a past date has gone", () => {
  assert.deepEqual(emptyReason("2026-12-06", "2026-12-07", 14), { reason: "past" });
});

test("emptyReason says when sales open for a date beyond the window", () => {
  // 14 days on sale, today included: the 25th opens on the 12th, when it becomes the 14th day.
  assert.deepEqual(emptyReason("2026-12-25", "2026-12-07", 14), { reason: "notYetOnSale", opensOn: "2026-12-12" });
  assert.deepEqual(emptyReason("2026-12-21", "2026-12-07", 14), { reason: "notYetOnSale", opensOn: "2026-12-08" });
});

test("emptyReason inside the window is plain no trips", () => {
  assert.deepEqual(emptyReason("2026-12-07", "2026-12-07", 14), { reason: "none" });
  assert.deepEqual(emptyReason("2026-12-20", "2026-12-07", 14), { reason: "none" });
});

test("emptyReason follows the server's window, and without one claims no opening day", () => {
  assert.deepEqual(emptyReason("2026-12-25", "2026-12-07", 30), { reason: "none" });
  assert.deepEqual(emptyReason("2027-01-10", "2026-12-07", 30), { reason: "notYetOnSale", opensOn: "2026-12-12" });
  assert.deepEqual(emptyReason("2027-01-10", "2026-12-07", undefined), { reason: "none" });
  assert.deepEqual(emptyReason("2026-12-01", "2026-12-07", undefined), { reason: "past" });
});

import {
  buildPlaces,
  dateStrip,
  foldPlace,
  matchPlaces,
  normalizePlace,
  placeById,
  resolvePlace,
  sameCity,
  scorePlace,
} from "../../src/WebFrontend/wwwroot/js/search-model.js";

// The shape GET /api/stops answers with: each stop with its city's id, names and old spellings.
const dhaka = { city: "Dhaka", cityId: "dhaka", cityBn: "ঢাকা", aliases: ["Dacca"] };
const stops = [
  { id: "dhaka-kalyanpur", nameEn: "Dhaka (Kalyanpur)", nameBn: "ঢাকা (কল্যাণপুর)", kind: "Counter", ...dhaka },
  { id: "dhaka-gabtoli", nameEn: "Dhaka (Gabtoli)", nameBn: "ঢাকা (গাবতলী)", kind: "Counter", ...dhaka },
  { id: "jashore", nameEn: "Jashore", nameBn: "যশোর", kind: "Counter", city: "Jashore", cityId: "jashore", cityBn: "যশোর", aliases: ["Jessore", "Josor"] },
  { id: "khulna-sonadanga", nameEn: "Khulna (Sonadanga)", nameBn: "খুলনা (সোনাডাঙ্গা)", kind: "Counter", city: "Khulna", cityId: "khulna", cityBn: "খুলনা", aliases: [] },
  { id: "chattogram-dampara", nameEn: "Chattogram (Dampara)", nameBn: "চট্টগ্রাম (দামপাড়া)", kind: "Counter", city: "Chattogram", cityId: "chattogram", cityBn: "চট্টগ্রাম", aliases: ["Chittagong"] },
];
const places = buildPlaces(stops);
const ids = (list) => list.map((p) => `${p.type}:${p.id}`);

test("buildPlaces makes one city per city id with its stops, before the stops", () => {
  assert.deepEqual(ids(places).slice(0, 4), ["city:dhaka", "city:jashore", "city:khulna", "city:chattogram"]);
  assert.deepEqual(places[0].stopIds, ["dhaka-kalyanpur", "dhaka-gabtoli"]);
  assert.equal(places[0].nameBn, "ঢাকা");
});

test("normalizePlace drops case, accents and apostrophes but keeps Bangla vowel signs", () => {
  assert.equal(normalizePlace("  Cox's  Bazar "), "coxs bazar");
  assert.equal(normalizePlace("Dhaka (Gabtoli)"), "dhaka gabtoli");
  assert.equal(normalizePlace("খুলনা"), "খুলনা".normalize("NFKD"));
});

test("foldPlace lets improvised romanisations meet", () => {
  assert.equal(foldPlace(normalizePlace("Chottogram")), foldPlace(normalizePlace("Chattogram")));
  assert.equal(foldPlace(normalizePlace("Silet")), foldPlace(normalizePlace("Sylhet")));
  assert.equal(foldPlace(normalizePlace("Daka")), foldPlace(normalizePlace("Dhaka")));
  assert.notEqual(foldPlace(normalizePlace("Khulna")), foldPlace(normalizePlace("Dhaka")));
});

test("scorePlace ranks whole names, starts, word starts, sound-alikes, then insides", () => {
  assert.equal(scorePlace("dhaka", ["Dhaka"]), 0);
  assert.equal(scorePlace("dha", ["Dhaka (Gabtoli)"]), 1);
  assert.equal(scorePlace("gab", ["Dhaka (Gabtoli)"]), 2);
  assert.equal(scorePlace("chotto", ["Chattogram"]), 3);
  assert.equal(scorePlace("bazar", ["Coxsbazar"]), 4);
  assert.equal(scorePlace("ba", ["Coxsbazar"]), null);
  assert.equal(scorePlace("ঢা", ["ঢাকা (কল্যাণপুর)"]), 1);
  assert.equal(scorePlace("", ["Dhaka"]), null);
});

test("matchPlaces lists the city before its stops", () => {
  assert.deepEqual(ids(matchPlaces(places, "dhaka")), ["city:dhaka", "stop:dhaka-gabtoli", "stop:dhaka-kalyanpur"]);
  assert.deepEqual(ids(matchPlaces(places, "ঢাকা")), ["city:dhaka", "stop:dhaka-gabtoli", "stop:dhaka-kalyanpur"]);
  assert.deepEqual(ids(matchPlaces(places, "gab")), ["stop:dhaka-gabtoli"]);
  assert.deepEqual(ids(matchPlaces(places, "Chittagong")), ["city:chattogram", "stop:chattogram-dampara"]);
  assert.equal(matchPlaces(places, "", { max: 20 }).length, places.length);
  assert.equal(matchPlaces(places, "").length, 8);
});

test("resolvePlace reads old spellings and Bangla names as cities, and a counter name as its stop", () => {
  assert.equal(resolvePlace(places, "Jessore").id, "jashore");
  assert.equal(resolvePlace(places, "Jessore").type, "city");
  assert.equal(resolvePlace(places, "ঢাকা").id, "dhaka");
  assert.equal(resolvePlace(places, "খুলনা").type, "city");
  assert.equal(resolvePlace(places, "Dhaka (Gabtoli)").id, "dhaka-gabtoli");
  assert.equal(resolvePlace(places, "kaly").id, "dhaka-kalyanpur");
  assert.equal(resolvePlace(places, "dha").id, "dhaka");
  assert.equal(resolvePlace(places, "Atlantis"), null);
});

test("placeById prefers the city when a city and a stop share an id", () => {
  assert.equal(placeById(places, "jashore").type, "city");
  assert.equal(placeById(places, "dhaka-gabtoli").type, "stop");
  assert.equal(placeById(places, "nowhere"), null);
});

test("sameCity refuses a city to itself or to its own stop, not two different places", () => {
  const [city, gabtoli, kalyanpur] = [placeById(places, "dhaka"), placeById(places, "dhaka-gabtoli"), placeById(places, "dhaka-kalyanpur")];
  assert.equal(sameCity(city, city), true);
  assert.equal(sameCity(city, gabtoli), true);
  assert.equal(sameCity(gabtoli, gabtoli), true);
  assert.equal(sameCity(gabtoli, kalyanpur), false);
  assert.equal(sameCity(city, placeById(places, "khulna")), false);
});

test("dateStrip lets only open days be picked and marks the cheapest open day", () => {
  const cells = dateStrip([
    { date: "2026-12-06", status: "past", lowestFare: null, seatsLeft: 0, trips: 0 },
    { date: "2026-12-07", status: "open", lowestFare: 700, seatsLeft: 12, trips: 4 },
    { date: "2026-12-08", status: "open", lowestFare: 660, seatsLeft: 150, trips: 4 },
    { date: "2026-12-09", status: "open", lowestFare: null, seatsLeft: 0, trips: 4 },
    { date: "2026-12-22", status: "notYetOnSale", lowestFare: null, seatsLeft: 0, trips: 0 },
  ], "2026-12-07");
  assert.deepEqual(cells.map((c) => c.pickable), [false, true, true, true, false]);
  assert.deepEqual(cells.map((c) => c.selected), [false, true, false, false, false]);
  assert.deepEqual(cells.map((c) => c.cheapest), [false, false, true, false, false]);
  assert.equal(cells[3].lowestFare, null);
  assert.equal(cells[2].seatsLeft, 150);
});

test("dateStrip marks no cheapest day when every day costs the same", () => {
  const cells = dateStrip([
    { date: "2026-12-07", status: "open", lowestFare: 660, seatsLeft: 3, trips: 1 },
    { date: "2026-12-08", status: "open", lowestFare: 660, seatsLeft: 3, trips: 1 },
  ], "2026-12-07");
  assert.deepEqual(cells.map((c) => c.cheapest), [false, false]);
});
