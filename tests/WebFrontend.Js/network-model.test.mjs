// Tests for the ops network page's pure logic (src/WebFrontend/wwwroot/js/network-model.js): reading the forms into
// admin API bodies with field errors, new ids, and the route editor's stops and fares.
// Run with: node --test tests/WebFrontend.Js/
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  addRouteStop,
  borderProblems,
  newStopPointRow,
  parseCountry,
  parseStopPoints,
  stopPointRows,
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
  assert.deepEqual(body, { nameEn: "Gabtoli", nameBn: "গাবতলী", city: "Dhaka", kind: "Counter", country: "", points: [] });
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

// ---------- stop country and boarding/dropping points, route border marking ----------

const GABTOLI = {
  id: "dhaka-gabtoli",
  points: [{ id: "gabtoli-counter", nameEn: "Gabtoli counter", nameBn: "গাবতলী কাউন্টার", reportMinutesBefore: 30, boarding: true, dropping: true }],
};
const BENAPOLE = {
  id: "benapole",
  points: [{ id: "benapole-counter", nameEn: "Benapole counter", nameBn: "বেনাপোল কাউন্টার", reportMinutesBefore: 20, boarding: true, dropping: false }],
};

test("a stop's points come into the editor as they are and go back unchanged", () => {
  const rows = stopPointRows(BENAPOLE);
  assert.deepEqual(rows, [
    { id: "benapole-counter", nameEn: "Benapole counter", nameBn: "বেনাপোল কাউন্টার", reportMinutesBefore: "20", boarding: true, dropping: false },
  ]);
  const errors = [];
  assert.deepEqual(parseStopPoints(rows, { stopId: "benapole", records: [GABTOLI, BENAPOLE], editing: BENAPOLE }, errors), BENAPOLE.points);
  assert.deepEqual(errors, []);
  assert.deepEqual(stopPointRows(null), []);
});

test("parseStopForm sends the edited points and the country of a stop abroad", () => {
  const rows = [...stopPointRows(BENAPOLE), { ...newStopPointRow(), nameEn: " Petrapole gate ", nameBn: "পেট্রাপোল গেট", reportMinutesBefore: "45" }];
  const { body, errors } = parseStopForm(
    { id: "benapole", nameEn: "Benapole", nameBn: "বেনাপোল", city: "Jashore", kind: "Counter", country: " ind " },
    { records: [GABTOLI, BENAPOLE], editing: BENAPOLE },
    rows,
  );
  assert.deepEqual(errors, []);
  assert.equal(body.country, "IND");
  assert.deepEqual(body.points[1], { id: "petrapole-gate", nameEn: "Petrapole gate", nameBn: "পেট্রাপোল গেট", reportMinutesBefore: 45, boarding: true, dropping: true });
});

test("a new point's id is unique across the network", () => {
  const rows = [{ ...newStopPointRow(), nameEn: "Gabtoli counter", nameBn: "কাউন্টার" }, { ...newStopPointRow(), nameEn: "Gate", nameBn: "গেট" }];
  const points = parseStopPoints(rows, { stopId: "dhaka-kalyanpur", records: [GABTOLI, { id: "x", points: [{ id: "gate" }, { id: "dhaka-kalyanpur-gate" }] }] });
  assert.equal(points[0].id, "dhaka-kalyanpur-gabtoli-counter");
  assert.equal(points[1].id, "dhaka-kalyanpur-gate-2");
});

test("point rows need both names, whole report minutes from 0 to 600 and a use, each error under its row", () => {
  const errors = [];
  parseStopPoints(
    [
      { ...newStopPointRow(), nameEn: "", nameBn: "", reportMinutesBefore: "601" },
      { ...newStopPointRow(), nameEn: "Gate", nameBn: "গেট", reportMinutesBefore: "-5", boarding: false, dropping: false },
      { ...newStopPointRow(), nameEn: "gate", nameBn: "গেট ২", reportMinutesBefore: "7.5" },
      { ...newStopPointRow(), nameEn: "Counter", nameBn: "কাউন্টার", reportMinutesBefore: "0" },
    ],
    { stopId: "benapole" },
    errors,
  );
  assert.deepEqual(fields(errors), [
    "point-0-nameEn:ops.form.required",
    "point-0-nameBn:ops.form.required",
    "point-0-report:ops.stops.points.reportRange",
    "point-1-report:ops.stops.points.reportRange",
    "point-1-use:ops.stops.points.useOne",
    "point-2-nameEn:ops.stops.points.nameTwice",
    "point-2-report:ops.stops.points.reportRange",
  ]);
  assert.deepEqual(errors.find((e) => e.key === "ops.stops.points.reportRange").params, { max: 600 });
});

test("the country is a three-letter code, empty for Bangladesh, never BGD itself", () => {
  const check = (text) => {
    const errors = [];
    return [parseCountry(text, errors), fields(errors)];
  };
  assert.deepEqual(check(""), ["", []]);
  assert.deepEqual(check("  "), ["", []]);
  assert.deepEqual(check("npl"), ["NPL", []]);
  assert.deepEqual(check("IN"), ["IN", ["country:ops.stops.countryInvalid"]]);
  assert.deepEqual(check("India"), ["INDIA", ["country:ops.stops.countryInvalid"]]);
  assert.deepEqual(check("bgd"), ["BGD", ["country:ops.stops.countryHome"]]);
});

test("a route's border marking must fit its stops abroad", () => {
  const stops = [{ id: "dhaka" }, { id: "benapole" }, { id: "kolkata", country: "IND" }];
  const via = (...ids) => ids.map((stopId, i) => ({ stopId, offsetMinutes: i * 60 }));
  assert.deepEqual(borderProblems({ stops: via("dhaka", "kolkata"), crossBorder: true }, stops), []);
  assert.deepEqual(borderProblems({ stops: via("dhaka", "benapole"), crossBorder: false }, stops), []);
  assert.deepEqual(borderProblems({ stops: via("dhaka", "benapole"), crossBorder: true }, stops), [{ field: "crossBorder", key: "crossBorderNoAbroad" }]);
  assert.deepEqual(borderProblems({ stops: via("dhaka", "kolkata"), crossBorder: false }, stops), [{ field: "crossBorder", key: "abroadNotMarked" }]);
  assert.deepEqual(borderProblems({ stops: via("", ""), crossBorder: true }, stops), []);
});

test("parseRouteForm sends the border marking the form gives and checks it against the stops", () => {
  const stops = [{ id: "dhaka" }, { id: "jashore" }, { id: "benapole" }];
  const marked = parseRouteForm({ id: "dhk-bnp", code: "DHK-BNP", nameEn: "Dhaka – Benapole", nameBn: "ঢাকা – বেনাপোল", crossBorder: true },
    routeEditor(ROUTE), { records: [ROUTE], editing: ROUTE, stops });
  assert.equal(marked.body.crossBorder, true);
  assert.deepEqual(marked.problems, [{ field: "crossBorder", key: "crossBorderNoAbroad" }]);
  const unsaid = parseRouteForm({ id: "dhk-bnp", code: "DHK-BNP", nameEn: "Dhaka – Benapole", nameBn: "ঢাকা – বেনাপোল" },
    routeEditor(ROUTE), { records: [ROUTE], editing: ROUTE });
  assert.equal("crossBorder" in unsaid.body, false);
});
