// Pure rules of the search results, tested with plain Node (tests/WebFrontend.Js/).

/**
 * Why a search found no trips: "past" (the date has gone), "notYetOnSale" (beyond the sales window; `opensOn` is the
 * first day its trips are sold) or "none". Dates are Dhaka calendar days, YYYY-MM-DD. windowDays is how many days
 * trips are on sale, today included (today to today + windowDays - 1), as the server says (GET /api/sales-window);
 * while it is not known no date is called "not yet on sale".
 */
export function emptyReason(date, today, windowDays) {
  if (date < today) return { reason: "past" };
  if (!Number.isInteger(windowDays) || windowDays < 1) return { reason: "none" };
  const last = shiftDays(today, windowDays - 1);
  if (date > last) return { reason: "notYetOnSale", opensOn: shiftDays(date, -(windowDays - 1)) };
  return { reason: "none" };
}

function shiftDays(ymd, days) {
  const date = new Date(`${ymd}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

// ---------- places: cities and stops for the From/To autocomplete ----------
// The same rules as the server's PlaceNames (GET /api/stops?q=): names, Bangla names, old spellings and ids; whole
// names before name starts before word starts before sound-alikes before names containing the text; cities first.

/** Lower case, Latin accents and apostrophes dropped, other punctuation as spaces; Bangla vowel signs kept. */
export function normalizePlace(text) {
  return String(text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f'’`]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

/** Sound-alike key for romanised names: no spaces, no aspirating h after a consonant, y→i, o→a, z→j, w→a, no doubled letters. */
export function foldPlace(normalized) {
  let out = "";
  for (const raw of normalized) {
    if (raw === " ") continue;
    const c = { y: "i", o: "a", z: "j", w: "a" }[raw] ?? raw;
    const last = out.at(-1);
    if (c === "h" && last && /[b-df-hj-np-tv-z]/.test(last)) continue;
    if (last === c && /[a-z]/.test(c)) continue;
    out += c;
  }
  return out;
}

/** 0 whole name, 1 name start, 2 word start, 3 sound-alike start, 4 inside (3+ characters); null for no match. */
export function scorePlace(query, names) {
  const q = normalizePlace(query);
  if (!q) return null;
  const folded = foldPlace(q);
  let best = null;
  for (const name of names) {
    const n = normalizePlace(name);
    if (!n) continue;
    const score = n === q ? 0
      : n.startsWith(q) ? 1
      : n.split(" ").some((word) => word.startsWith(q)) ? 2
      : folded && foldPlace(n).startsWith(folded) ? 3
      : q.length >= 3 && n.includes(q) ? 4
      : null;
    if (score !== null && (best === null || score < best)) best = score;
  }
  return best;
}

/**
 * Cities and stops from GET /api/stops (each stop carries its city's id, names and aliases): every city with a stop,
 * then the stops. Each place: {type: "city"|"stop", id, nameEn, nameBn, cityId, names (what it answers to), stopIds}.
 */
export function buildPlaces(stops) {
  const cities = new Map();
  const stopPlaces = [];
  for (const stop of stops ?? []) {
    const cityId = String(stop.cityId ?? stop.city ?? "");
    const cityNames = [cityId, stop.city, stop.cityBn, ...(stop.aliases ?? [])].filter(Boolean);
    if (cityId && !cities.has(cityId)) {
      cities.set(cityId, { type: "city", id: cityId, nameEn: stop.city || cityId, nameBn: stop.cityBn || stop.city || cityId, cityId, names: cityNames, stopIds: [] });
    }
    cities.get(cityId)?.stopIds.push(String(stop.id));
    stopPlaces.push({
      type: "stop", id: String(stop.id), nameEn: stop.nameEn, nameBn: stop.nameBn, cityId, kind: stop.kind,
      names: [String(stop.id), stop.nameEn, stop.nameBn, ...cityNames].filter(Boolean), stopIds: [String(stop.id)],
    });
  }
  return [...cities.values(), ...stopPlaces];
}

/** Places matching `query`, cities first, each group best score first then by `label`; all places (cities first) for empty text. */
export function matchPlaces(places, query, { max = 8, label = (p) => p.nameEn } = {}) {
  if (!normalizePlace(query)) return places.slice(0, max);
  const scored = [];
  for (const place of places) {
    const score = scorePlace(query, place.names);
    if (score !== null) scored.push([place.type === "city" ? 0 : 1, score, place]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1] - b[1] || label(a[2]).localeCompare(label(b[2])));
  return scored.slice(0, max).map(([, , place]) => place);
}

/**
 * The place typed text stands for, without picking from the list: one whose name, alias or id it is in full (a city
 * before a stop, so "Jessore" and "ঢাকা" are cities), else the only match, else the best match if it is the only city.
 */
export function resolvePlace(places, text) {
  const q = normalizePlace(text);
  if (!q) return null;
  const whole = places.find((p) => p.names.some((name) => normalizePlace(name) === q));
  if (whole) return whole;
  const matches = matchPlaces(places, text, { max: places.length });
  if (matches.length === 1) return matches[0];
  const cities = matches.filter((p) => p.type === "city");
  return cities.length === 1 ? cities[0] : null;
}

/** A place by id as it appears in a URL: a city id first (the server reads it the same way), else a stop id. */
export function placeById(places, id) {
  const key = String(id ?? "");
  if (!key) return null;
  return places.find((p) => p.type === "city" && p.id === key) ?? places.find((p) => p.id === key) ?? null;
}

/** Whether a journey between two places stays in one city (or is one stop to itself): the search refuses it. */
export function sameCity(from, to) {
  if (!from || !to) return false;
  if (from.id === to.id && from.type === to.type) return true;
  return (from.type === "city" || to.type === "city") && from.cityId === to.cityId;
}

// ---------- date strip ----------

/**
 * The date strip's cells from GET /api/trips/calendar: each day with whether it can be picked (open days only), whether
 * it is the searched day, and whether its lowest fare is the cheapest of the strip (only when days differ).
 */
export function dateStrip(days, selected) {
  const fares = (days ?? []).filter((d) => d.status === "open" && d.lowestFare != null).map((d) => d.lowestFare);
  const cheapest = fares.length ? Math.min(...fares) : null;
  const differ = new Set(fares).size > 1;
  return (days ?? []).map((d) => ({
    date: d.date,
    status: d.status,
    lowestFare: d.status === "open" ? d.lowestFare ?? null : null,
    seatsLeft: d.status === "open" ? d.seatsLeft ?? 0 : 0,
    selected: d.date === selected,
    pickable: d.status === "open",
    cheapest: differ && d.status === "open" && d.lowestFare != null && d.lowestFare === cheapest,
  }));
}
