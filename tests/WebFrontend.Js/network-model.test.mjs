// Tests for the ops network page's pure logic (src/WebFrontend/wwwroot/js/network-model.js): reading the forms into
// admin API bodies with field errors, new ids, and the route editor's stops and fares.
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addRouteStop,
  moveRouteStop,
  nextCoachId,
  parseCoachForm,
  parseRouteForm,
  parseScheduleForm,
  parseStopForm,
  removeRouteStop,
  routeEditor,
  routeProblemTarget,
  scheduleIdSuggestion,
  setLegFare,
  throughFare,
} from "../../src/WebFrontend/wwwroot/js/network-model.js";

const adding = (records = []) => ({ records, editing: null });
const fields = (errors) => errors.map((e) => `${e.field}:${e.key}`);

// ---------- stop, coach and schedule forms ----------

test("parseStopForm trims the names and returns the PUT body and id", () => {
  const { id, body, errors } = parseStopForm(
    { id: " dhaka-gabtoli ", nameEn: "  Gabtoli ", nameBn: "গাবতলী", city: "Dhaka", kind: "Counter" },
    adding(),
  );
  assert.equal(id, "dhaka-gabtoli");
  assert.deepEqual(body, { nameEn: "Gabtoli", nameBn: "গাবতলী", city: "Dhaka", kind: "Counter" });
  assert.deepEqual(errors, []);
});

test("parseStopForm reports every blank field and a malformed id", () => {
  const { errors } = parseStopForm({ id: "Dhaka Gabtoli", nameEn: " ", nameBn: "", city: "", kind: "Stop" }, adding());
  assert.deepEqual(fields(errors), [
    "nameEn:ops.form.required",
    "nameBn:ops.form.required",
    "city:ops.stops.pickCity",
    "id:ops.form.idInvalid",
  ]);
});

test("a new record may not take an existing id, an edited one keeps its own", () => {
  const stops = [{ id: "jashore" }];
  const values = { id: "jashore", nameEn: "Jashore", nameBn: "যশোর", city: "Jashore", kind: "Counter" };
  const taken = parseStopForm(values, adding(stops)).errors;
  assert.deepEqual(taken, [{ field: "id", key: "ops.form.idTaken", params: { id: "jashore" } }]);
  assert.deepEqual(parseStopForm(values, { records: stops, editing: stops[0] }).errors, []);
});

test("parseCoachForm asks for a layout and trims the make", () => {
  const ok = parseCoachForm({ id: "coach-03", registration: "Dhaka Metro Ba 11-2233", class: "NonAc", layoutCode: "2x2-40", make: " Hino " }, adding());
  assert.deepEqual(ok.body, { registration: "Dhaka Metro Ba 11-2233", class: "NonAc", layoutCode: "2x2-40", make: "Hino" });
  assert.deepEqual(ok.errors, []);
  const bad = parseCoachForm({ id: "coach-03", registration: "", class: "NonAc", layoutCode: "", make: "" }, adding());
  assert.deepEqual(fields(bad.errors), ["registration:ops.form.required", "layoutCode:ops.coaches.pickLayout"]);
});

test("parseScheduleForm names what to pick and rejects an end date before the start", () => {
  const missing = parseScheduleForm({ id: "", routeId: "", coachId: "", departure: "", fromDate: "", toDate: "" }, adding());
  assert.deepEqual(fields(missing.errors), [
    "routeId:ops.schedules.pickRoute",
    "coachId:ops.schedules.pickCoach",
    "departure:ops.schedules.pickTime",
    "fromDate:ops.form.required",
    "toDate:ops.form.required",
    "id:ops.form.idInvalid",
  ]);
  const values = { id: "dhk-jsr-2230", routeId: "dhk-jsr", coachId: "coach-01", departure: "22:30", fromDate: "2026-12-10", toDate: "2026-12-09" };
  assert.deepEqual(fields(parseScheduleForm(values, adding()).errors), ["toDate:ops.schedules.datesOrder"]);
  const good = parseScheduleForm({ ...values, toDate: "2026-12-10" }, adding());
  assert.deepEqual(good.errors, [], "one day is a valid range");
  assert.deepEqual(good.body, { routeId: "dhk-jsr", coachId: "coach-01", departure: "22:30", fromDate: "2026-12-10", toDate: "2026-12-10" });
});

// ---------- ids ----------

test("nextCoachId counts on from the fleet and skips ids in use", () => {
  assert.equal(nextCoachId([]), "coach-01");
  assert.equal(nextCoachId([{ id: "coach-01" }, { id: "bus-x" }]), "coach-03");
  assert.equal(nextCoachId([{ id: "coach-02" }, { id: "coach-03" }]), "coach-04");
});

test("scheduleIdSuggestion joins route and time once both are set", () => {
  assert.equal(scheduleIdSuggestion("dhk-jsr", "22:30"), "dhk-jsr-2230");
  assert.equal(scheduleIdSuggestion("dhk-jsr", ""), null);
  assert.equal(scheduleIdSuggestion("", "07:15"), null);
});

// ---------- route editor ----------

const ROUTE = {
  id: "dhk-bnp",
  code: "DHK-BNP",
  stops: [
    { stopId: "dhaka", offsetMinutes: 0 },
    { stopId: "jashore", offsetMinutes: 240 },
    { stopId: "benapole", offsetMinutes: 330 },
  ],
  fares: [{ class: "NonAc", legFares: [500, 100] }],
};

test("routeEditor starts a new route with two stops and AC Economy on", () => {
  const editor = routeEditor(null);
  assert.deepEqual(editor.stops, [{ stopId: "", offsetMinutes: 0 }, { stopId: "", offsetMinutes: null }]);
  assert.deepEqual([...editor.enabled], ["AcEconomy"]);
  assert.deepEqual(editor.fares.get("AcBusiness"), [null]);
});

test("routeEditor copies an existing route and gives every class a row per leg", () => {
  const editor = routeEditor(ROUTE);
  assert.deepEqual([...editor.enabled], ["NonAc"]);
  assert.deepEqual(editor.fares.get("NonAc"), [500, 100]);
  assert.deepEqual(editor.fares.get("AcEconomy"), [null, null]);
  editor.stops[0].stopId = "x";
  assert.equal(ROUTE.stops[0].stopId, "dhaka", "the network record is not edited in place");
});

test("addRouteStop appends an empty stop and an empty last leg", () => {
  const editor = routeEditor(ROUTE);
  addRouteStop(editor);
  assert.equal(editor.stops.length, 4);
  assert.deepEqual(editor.stops[3], { stopId: "", offsetMinutes: null });
  assert.deepEqual(editor.fares.get("NonAc"), [500, 100, null]);
});

test("removeRouteStop shifts times when the first stop goes and keeps at least two stops", () => {
  const editor = routeEditor(ROUTE);
  assert.equal(removeRouteStop(editor, 0), true);
  assert.deepEqual(editor.stops, [{ stopId: "jashore", offsetMinutes: 0 }, { stopId: "benapole", offsetMinutes: 90 }]);
  assert.deepEqual(editor.fares.get("NonAc"), [100]);
  assert.equal(removeRouteStop(editor, 1), false);
  assert.equal(editor.stops.length, 2);
});

test("removeRouteStop joins the two legs around a middle stop", () => {
  const editor = routeEditor(ROUTE);
  removeRouteStop(editor, 1);
  assert.deepEqual(editor.stops.map((s) => s.stopId), ["dhaka", "benapole"]);
  assert.deepEqual(editor.fares.get("NonAc"), [600]);
});

test("moveRouteStop swaps stops but leaves the times in place, and refuses moves off the list", () => {
  const editor = routeEditor(ROUTE);
  assert.equal(moveRouteStop(editor, 2, 3), false);
  assert.equal(moveRouteStop(editor, 0, -1), false);
  assert.equal(moveRouteStop(editor, 2, 1), true);
  assert.deepEqual(editor.stops, [
    { stopId: "dhaka", offsetMinutes: 0 },
    { stopId: "benapole", offsetMinutes: 240 },
    { stopId: "jashore", offsetMinutes: 330 },
  ]);
  assert.equal(editor.fares.get("NonAc").length, 2);
});

test("setLegFare stores typed fares and throughFare adds them up once every leg has one", () => {
  const editor = routeEditor(null);
  addRouteStop(editor);
  assert.equal(setLegFare(editor, "AcEconomy", 0, "700"), null);
  assert.equal(setLegFare(editor, "AcEconomy", 1, " 150 "), 850);
  assert.deepEqual(editor.fares.get("AcEconomy"), [700, 150]);
  assert.equal(setLegFare(editor, "AcEconomy", 1, "15.5"), null, "not a whole number");
  assert.equal(editor.fares.get("AcEconomy")[1], null);
  assert.equal(throughFare([]), null);
  assert.equal(throughFare([100, 0]), null);
});

test("parseRouteForm builds the body from the inputs and the enabled classes only", () => {
  const editor = routeEditor(ROUTE);
  editor.enabled.add("AcBusiness");
  editor.fares.set("AcBusiness", [900, 200]);
  const { id, body, errors, problems } = parseRouteForm(
    { id: "dhk-bnp", code: " dhk-bnp ", nameEn: " Dhaka – Benapole ", nameBn: "ঢাকা – বেনাপোল" },
    editor,
    { records: [ROUTE], editing: ROUTE },
  );
  assert.equal(id, "dhk-bnp");
  assert.equal(body.code, "DHK-BNP");
  assert.equal(body.nameEn, "Dhaka – Benapole");
  assert.deepEqual(body.fares, [
    { class: "AcBusiness", legFares: [900, 200] },
    { class: "NonAc", legFares: [500, 100] },
  ]);
  assert.deepEqual(body.stops, ROUTE.stops);
  assert.deepEqual(errors, []);
  assert.deepEqual(problems, []);
});

test("parseRouteForm returns id errors and route problems separately", () => {
  const editor = routeEditor(null);
  const { errors, problems } = parseRouteForm({ id: "dhk-bnp", code: "X", nameEn: "", nameBn: "" }, editor, adding([ROUTE]));
  assert.deepEqual(fields(errors), ["id:ops.form.idTaken"]);
  const keys = problems.map((p) => p.key);
  for (const key of ["code", "nameRequired", "pickStop", "offsetOrder", "fare"]) assert.ok(keys.includes(key), key);
});

test("routeProblemTarget places stop, time and fare problems on their row or cell", () => {
  assert.deepEqual(routeProblemTarget({ field: "stops", key: "stopTwice", index: 2 }), { field: "stop-2" });
  assert.deepEqual(routeProblemTarget({ field: "stops", key: "offsetOrder", index: 1 }), { field: "offset-1" });
  assert.deepEqual(routeProblemTarget({ field: "fares", key: "fare", index: 0, params: { class: "NonAc" } }), {
    field: "fares",
    fareInput: "fare-NonAc-0",
    fareClass: "NonAc",
  });
  assert.deepEqual(routeProblemTarget({ field: "code", key: "code" }), { field: "code" });
  assert.deepEqual(routeProblemTarget({ field: "stops", key: "twoStops" }), { field: "stops" });
});
