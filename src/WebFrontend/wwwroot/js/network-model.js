// Pure logic of the ops network page (/ops/network.html): reading the stop, coach, route and schedule forms into
// admin API bodies with their field errors, new ids, and the route editor's stop and fare rows. No DOM here, so
// Node tests can import it (tests/WebFrontend.Js/network-model.test.mjs). Route rules and fare reshaping on their
// own are in ops-model.js.
import {
  COACH_CLASSES,
  faresAfterInsert,
  faresAfterMove,
  faresAfterRemove,
  isSlug,
  moveItem,
  parseInteger,
  resizeLegFares,
  routeProblems,
  slugify,
} from "./ops-model.js";

// ---------- form parsing ----------
// Every parse* takes the form's raw input values by name and returns {id, body, errors}; errors are
// {field, key, params?}: the input name the message belongs under and its i18n key. No errors: send body.

/**
 * The record id. PUT creates or replaces, so a new record must not take an existing id: that would silently
 * overwrite another stop, route, coach or schedule. An edited record keeps its own id.
 */
function readId(values, { records, editing }, errors) {
  const id = String(values.id ?? "").trim();
  if (!isSlug(id)) errors.push({ field: "id", key: "ops.form.idInvalid" });
  else if (!editing && records.some((x) => x.id === id)) errors.push({ field: "id", key: "ops.form.idTaken", params: { id } });
  return id;
}

function required(values, name, errors, key = "ops.form.required") {
  const value = String(values[name] ?? "").trim();
  if (!value) errors.push({ field: name, key });
  return value;
}

/**
 * The stop form. `points` are the point editor's rows as typed ({id, nameEn, nameBn, reportMinutesBefore (text),
 * boarding, dropping}; see parseStopPoints); the body always carries them and the country, so what the dialog shows
 * is what the stop keeps (an empty list removes every point, an empty country means Bangladesh).
 * @param {{records: {id: string, points?: object[]}[], editing: object|null}} context the stops on file and the stop being edited
 */
export function parseStopForm(values, context, points = []) {
  const errors = [];
  const body = {
    nameEn: required(values, "nameEn", errors),
    nameBn: required(values, "nameBn", errors),
    city: required(values, "city", errors, "ops.stops.pickCity"),
    kind: values.kind,
  };
  const id = readId(values, context, errors);
  body.country = parseCountry(values.country, errors);
  body.points = parseStopPoints(points, { stopId: id, records: context.records, editing: context.editing }, errors);
  return { id, body, errors };
}

// ---------- stop country and boarding/dropping points ----------

/** The longest a boarding passenger can be asked to report before the coach leaves (the admin API's limit). */
export const REPORT_MINUTES_MAX = 600;

/**
 * The country of a stop abroad as an ISO 3166 alpha-3 code ("IND"); "" for a stop in Bangladesh. Bangladesh itself
 * is refused rather than stored: any country marks a stop as abroad, which would ask passports of home journeys.
 */
export function parseCountry(text, errors) {
  const country = String(text ?? "").trim().toUpperCase();
  if (!country) return "";
  if (!/^[A-Z]{3}$/.test(country)) errors.push({ field: "country", key: "ops.stops.countryInvalid" });
  else if (country === "BGD") errors.push({ field: "country", key: "ops.stops.countryHome" });
  return country;
}

/** The point editor's rows for a stop (a new stop has none); ids are kept so tickets already sold still name their point. */
export function stopPointRows(stop) {
  return (stop?.points ?? []).map((p) => ({
    id: p.id,
    nameEn: p.nameEn ?? "",
    nameBn: p.nameBn ?? "",
    reportMinutesBefore: String(p.reportMinutesBefore ?? 0),
    boarding: p.boarding !== false,
    dropping: p.dropping !== false,
  }));
}

/** A new, empty point row: boarding and dropping, report 30 minutes before. Its id is made from its name on save. */
export function newStopPointRow() {
  return { id: "", nameEn: "", nameBn: "", reportMinutesBefore: "30", boarding: true, dropping: true };
}

/**
 * Checks the point rows and turns them into the API's points. Errors go under the row's field ("point-2-nameEn",
 * "point-2-report", "point-2-use"). A new point's id comes from its English name, made unique across the network
 * (point ids are; the stop's id is put in front when another stop has a point of that name).
 */
export function parseStopPoints(rows, { stopId = "", records = [], editing = null } = {}, errors = []) {
  const taken = new Set(
    records.filter((stop) => stop.id !== editing?.id).flatMap((stop) => (stop.points ?? []).map((p) => p.id)),
  );
  for (const row of rows) if (row.id) taken.add(row.id);
  const names = new Set();
  return rows.map((row, i) => {
    const nameEn = String(row.nameEn ?? "").trim();
    const nameBn = String(row.nameBn ?? "").trim();
    if (!nameEn) errors.push({ field: `point-${i}-nameEn`, key: "ops.form.required" });
    else if (names.has(nameEn.toLowerCase())) errors.push({ field: `point-${i}-nameEn`, key: "ops.stops.points.nameTwice" });
    names.add(nameEn.toLowerCase());
    if (!nameBn) errors.push({ field: `point-${i}-nameBn`, key: "ops.form.required" });
    const minutes = parseInteger(String(row.reportMinutesBefore ?? "").trim());
    if (minutes === null || minutes < 0 || minutes > REPORT_MINUTES_MAX) {
      errors.push({ field: `point-${i}-report`, key: "ops.stops.points.reportRange", params: { max: REPORT_MINUTES_MAX } });
    }
    const boarding = row.boarding !== false;
    const dropping = row.dropping !== false;
    if (!boarding && !dropping) errors.push({ field: `point-${i}-use`, key: "ops.stops.points.useOne" });
    let id = row.id;
    if (!id && nameEn) {
      id = uniquePointId(slugify(nameEn) || "point", stopId, taken);
      taken.add(id);
    }
    return { id: id ?? "", nameEn, nameBn, reportMinutesBefore: minutes ?? 0, boarding, dropping };
  });
}

function uniquePointId(base, stopId, taken) {
  const candidates = [base, slugify(`${stopId}-${base}`)];
  for (const candidate of candidates) if (candidate.length >= 2 && !taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) {
    const candidate = `${slugify(`${stopId}-${base}`, 56)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Whether the route's border marking fits its stops (`stops`: the network's stops, with `country` on those abroad):
 * a route marked cross-border needs a stop abroad, and a route with a stop abroad must be marked, or its passengers
 * would cross without the passport details the manifest needs.
 */
export function borderProblems(route, stops) {
  const picked = (route.stops ?? []).map((s) => s.stopId).filter(Boolean);
  if (picked.length === 0) return [];
  const abroad = new Set(stops.filter((s) => s.country).map((s) => s.id));
  const anyAbroad = picked.some((id) => abroad.has(id));
  if (route.crossBorder && !anyAbroad) return [{ field: "crossBorder", key: "crossBorderNoAbroad" }];
  if (!route.crossBorder && anyAbroad) return [{ field: "crossBorder", key: "abroadNotMarked" }];
  return [];
}

export function parseCoachForm(values, context) {
  const errors = [];
  const body = {
    registration: required(values, "registration", errors),
    class: values.class,
    layoutCode: required(values, "layoutCode", errors, "ops.coaches.pickLayout"),
    make: String(values.make ?? "").trim(),
  };
  return { id: readId(values, context, errors), body, errors };
}

/** Dates are yyyy-mm-dd, so comparing the strings compares the days. */
export function parseScheduleForm(values, context) {
  const errors = [];
  const body = {
    routeId: required(values, "routeId", errors, "ops.schedules.pickRoute"),
    coachId: required(values, "coachId", errors, "ops.schedules.pickCoach"),
    departure: required(values, "departure", errors, "ops.schedules.pickTime"),
    fromDate: required(values, "fromDate", errors),
    toDate: required(values, "toDate", errors),
  };
  if (body.fromDate && body.toDate && body.toDate < body.fromDate) errors.push({ field: "toDate", key: "ops.schedules.datesOrder" });
  return { id: readId(values, context, errors), body, errors };
}

/**
 * The route form: code, names and id from the inputs, stops and fares from the editor. Route rule problems
 * (ops-model.js routeProblems) come back in `problems`, for routeProblemTarget() to place; id problems in `errors`.
 */
export function parseRouteForm(values, editor, context) {
  const errors = [];
  const body = {
    code: String(values.code ?? "").trim().toUpperCase(),
    nameEn: String(values.nameEn ?? "").trim(),
    nameBn: String(values.nameBn ?? "").trim(),
    stops: editor.stops.map((s) => ({ stopId: s.stopId, offsetMinutes: s.offsetMinutes })),
    fares: COACH_CLASSES.filter((c) => editor.enabled.has(c)).map((c) => ({ class: c, legFares: [...editor.fares.get(c)] })),
  };
  // Left out of the body when the form has no say, so the server keeps the route's marking.
  if (typeof values.crossBorder === "boolean") body.crossBorder = values.crossBorder;
  const id = readId(values, context, errors);
  const problems = routeProblems(body);
  if (typeof values.crossBorder === "boolean" && context.stops) problems.push(...borderProblems(body, context.stops));
  return { id, body, errors, problems };
}

/**
 * Where a route problem is shown: under a stop row's select ("stop-2") or minutes ("offset-2"), on one fare cell
 * (fareInput, with the fares message once per class), or under the field the problem names.
 */
export function routeProblemTarget(problem) {
  if (problem.key === "pickStop" || problem.key === "stopTwice") return { field: `stop-${problem.index}` };
  if (problem.key === "firstOffset" || problem.key === "offsetOrder") return { field: `offset-${problem.index}` };
  if (problem.key === "fare") return { field: "fares", fareInput: `fare-${problem.params.class}-${problem.index}`, fareClass: problem.params.class };
  return { field: problem.field };
}

// ---------- ids ----------

/** The first free "coach-NN" from the coach count up. */
export function nextCoachId(coaches) {
  const ids = new Set(coaches.map((c) => c.id));
  let n = coaches.length + 1;
  while (ids.has(`coach-${String(n).padStart(2, "0")}`)) n++;
  return `coach-${String(n).padStart(2, "0")}`;
}

/** A schedule id from its route and departure ("dhk-ctg" + "22:30" -> "dhk-ctg-2230"); null until both are set. */
export function scheduleIdSuggestion(routeId, departure) {
  const time = String(departure ?? "").replace(":", "");
  return routeId && time ? `${routeId}-${time}` : null;
}

// ---------- route editor ----------

/**
 * The route editor's working copy: {stops: {stopId, offsetMinutes}[], fares: Map<class, legFares>, enabled: Set}.
 * A new route starts with two empty stops and AC Economy fares; every class has a fare row (one per leg) so
 * turning a class on keeps what was typed for it.
 */
export function routeEditor(route) {
  const stops = route ? route.stops.map((s) => ({ ...s })) : [{ stopId: "", offsetMinutes: 0 }, { stopId: "", offsetMinutes: null }];
  const legs = stops.length - 1;
  const fares = new Map(COACH_CLASSES.map((c) => [c, resizeLegFares([], legs)]));
  const enabled = new Set();
  for (const f of route?.fares ?? []) {
    fares.set(f.class, resizeLegFares([...f.legFares], legs));
    enabled.add(f.class);
  }
  if (!route) enabled.add("AcEconomy");
  return { stops, fares, enabled };
}

/** Appends an empty stop (and an empty last leg to every class). */
export function addRouteStop(editor) {
  for (const [coachClass, legFares] of editor.fares) editor.fares.set(coachClass, faresAfterInsert(legFares, editor.stops.length));
  editor.stops.push({ stopId: "", offsetMinutes: null });
}

/**
 * Moves a stop; false when `to` is off the list. Times stay with their position along the route (so they still
 * increase); the stops change places. Leg fares reshape as faresAfterMove (ops-model.js) says.
 */
export function moveRouteStop(editor, from, to) {
  const { stops, fares } = editor;
  if (to < 0 || to >= stops.length) return false;
  const ids = moveItem(stops.map((s) => s.stopId), from, to);
  ids.forEach((id, i) => (stops[i].stopId = id));
  for (const [coachClass, legFares] of fares) fares.set(coachClass, faresAfterMove(legFares, from, to));
  return true;
}

/**
 * Removes a stop; false when only two are left. A route's times count from its first stop: removing the first
 * stop shifts the rest. The two legs around a middle stop join into one.
 */
export function removeRouteStop(editor, index) {
  const { stops, fares } = editor;
  if (stops.length <= 2) return false;
  stops.splice(index, 1);
  const base = stops[0].offsetMinutes ?? 0;
  for (const stop of stops) if (stop.offsetMinutes !== null) stop.offsetMinutes -= base;
  for (const [coachClass, legFares] of fares) fares.set(coachClass, faresAfterRemove(legFares, index));
  return true;
}

/** Stores a typed leg fare ("" or not a whole number: empty); returns the class's through fare or null. */
export function setLegFare(editor, coachClass, leg, text) {
  const legFares = editor.fares.get(coachClass);
  legFares[leg] = parseInteger(text);
  return throughFare(legFares);
}

/** The whole route's fare for a class: the sum of its legs once every leg has a fare, else null. */
export function throughFare(legFares) {
  const complete = legFares.length > 0 && legFares.every((f) => Number.isInteger(f) && f > 0);
  return complete ? legFares.reduce((a, b) => a + b, 0) : null;
}
