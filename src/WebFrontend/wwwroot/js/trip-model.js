// Pure logic of the live seat map page (trip.html): which leg the passenger looks at and its fare, what each seat
// shows, the selection rules and the passenger's own holds. No DOM here, so Node tests can import it
// (tests/WebFrontend.Js/trip-model.test.mjs); seat states themselves live in seat-state.js.

/**
 * The leg [from, to) of a trip as the page shows it, or null when the stops are not on the trip in that order.
 * farePerSeat adds up the leg fares between the two stops.
 */
export function tripLeg(trip, from, to) {
  const stops = trip?.stops ?? [];
  const fromIndex = stops.findIndex((s) => String(s.stopId) === String(from));
  const toIndex = stops.findIndex((s) => String(s.stopId) === String(to));
  if (fromIndex < 0 || toIndex < 0 || fromIndex >= toIndex) return null;
  const farePerSeat = (trip.legFares ?? []).slice(fromIndex, toIndex).reduce((sum, fare) => sum + Number(fare || 0), 0);
  return { fromIndex, toIndex, fromStop: stops[fromIndex], toStop: stops[toIndex], farePerSeat };
}

/** Sales end at the trip's salesCloseAt (server clock); a trip without one stays on sale. */
export function salesClosed(trip, now) {
  const closeAt = Date.parse(trip?.salesCloseAt ?? "");
  return Number.isFinite(closeAt) && now >= closeAt;
}

/** How many seats one hold may take (the server's limit, 4 when it sends none). */
export function maxSeats(trip) {
  return Math.max(1, Number(trip?.holdLimits?.maxSeatsPerHold ?? 4));
}

/** The passenger already holds as many holds on this trip as the server allows. */
export function holdsFull(trip, holdCount) {
  return holdCount >= Number(trip?.holdLimits?.maxHoldsPerTrip ?? Infinity);
}

/**
 * What a seat shows: its state on the leg ("free", "held", "sold", "blocked"), turned into "mine" for the
 * passenger's holds and "selected" for seats picked but not yet held.
 * @param {string} base the seat model's state for the label
 * @param {{mine: Set<string>, modelMine: boolean, selected: string[], holdingSeats: string[]}} context
 */
export function displayState(base, label, { mine, modelMine = false, selected, holdingSeats }) {
  if (base === "held" && (mine.has(label) || modelMine)) return "mine";
  // A hold just granted whose delta has not arrived yet.
  if (base === "free" && mine.has(label)) return "mine";
  if (base === "free" && selected.includes(label)) return "selected";
  // Held while our own request for it is in flight: most likely ours; the answer decides.
  if (base === "held" && holdingSeats.includes(label) && selected.includes(label)) return "selected";
  return base;
}

/**
 * The selection after a click on a seat showing `state`: {selected, outcome} where outcome is "added",
 * "removed", "max" (the hold limit is reached; selection unchanged) or "unavailable" (not a seat to pick).
 */
export function toggleSelection(selected, label, state, max) {
  if (state === "selected") return { selected: selected.filter((l) => l !== label), outcome: "removed" };
  if (state !== "free") return { selected, outcome: "unavailable" };
  if (selected.length >= max) return { selected, outcome: "max" };
  return { selected: [...selected, label], outcome: "added" };
}

/**
 * A hold as the page keeps it, from the API's hold (POST answer or a snapshot's myHolds). What the page learnt
 * about an existing entry (confirmed on the map, minute warning given, release in flight) is kept.
 */
export function pageHold(hold, confirmed, existing = null) {
  return {
    holdId: String(hold.holdId),
    seats: (hold.seats ?? []).map(String),
    from: hold.from,
    to: hold.to,
    expiresAt: Date.parse(hold.expiresAt),
    amount: Number(hold.amount ?? 0),
    confirmed: confirmed || existing?.confirmed || false,
    warned: existing?.warned ?? false,
    busy: existing?.busy ?? false,
  };
}

/** Adds a snapshot's myHolds for this trip to the holds map (holdId -> page hold). */
export function mergeHolds(holds, myHolds, tripId) {
  if (!Array.isArray(myHolds)) return;
  for (const hold of myHolds) {
    if (String(hold.tripId ?? tripId) !== String(tripId)) continue;
    holds.set(String(hold.holdId), pageHold(hold, true, holds.get(String(hold.holdId))));
  }
}

/**
 * A hold is confirmed once the map shows all its seats held; a confirmed hold whose seats are no longer held has
 * ended (released elsewhere, expired early, or sold). Until confirmed, older deltas that still show the seats free
 * must not end it. Removes ended holds from the map and returns them, each with `expired` when its time was
 * (nearly) up: the server's expiry usually lands a moment before the page's countdown reaches zero.
 */
export function reconcileHolds(holds, model, now) {
  const ended = [];
  for (const hold of [...holds.values()]) {
    if (!model.overlapsView(hold.from, hold.to)) continue;
    const allHeld = hold.seats.every((label) => model.stateOf(label) === "held");
    if (allHeld) hold.confirmed = true;
    else if (hold.confirmed) {
      holds.delete(hold.holdId);
      ended.push({ hold, expired: hold.expiresAt - now < 5000 });
    }
  }
  return ended;
}

/** Seats of the passenger's holds that fall on the leg the page shows. */
export function heldSeats(holds, model) {
  const seats = new Set();
  for (const hold of holds.values()) {
    if (model.overlapsView(hold.from, hold.to)) for (const label of hold.seats) seats.add(label);
  }
  return seats;
}

/** Holds newest-expiry first, as the holds panel lists them. */
export function holdsInOrder(holds) {
  return [...holds.values()].sort((a, b) => b.expiresAt - a.expiresAt);
}

/** Changes only when the listed holds change (not their countdowns), so the panel is rebuilt only then. */
export function holdsKey(holds) {
  return holds.map((h) => `${h.holdId}:${h.busy}`).join("|");
}

/**
 * The boarding time at `fromStop` as timetabled, when ops delayed the trip (the first stop's departure moved away
 * from scheduledDeparture); null when the trip runs to time.
 */
export function timetabledDeparture(trip, fromStop) {
  const delayMs = trip?.scheduledDeparture ? new Date(trip.stops[0].departure) - new Date(trip.scheduledDeparture) : 0;
  return delayMs ? new Date(new Date(fromStop.departure).getTime() - delayMs) : null;
}

/** The search page for the same leg and travel date ("/?from=…&to=…&date=…"). */
export function searchHref(fromStop, toStop, date) {
  const back = new URLSearchParams({ from: String(fromStop.stopId), to: String(toStop.stopId) });
  if (date) back.set("date", date);
  return `/?${back}`;
}

/**
 * Once a second: the holds that ran out by `now`, and those that just entered their last minute (each is warned once:
 * this marks them warned).
 * @param {Map<string, {expiresAt: number, warned: boolean}>} holds
 */
export function holdTicks(holds, now) {
  const expired = [];
  const warn = [];
  for (const hold of holds.values()) {
    const left = hold.expiresAt - now;
    if (left <= 0) {
      expired.push(hold);
    } else if (left <= 60000 && !hold.warned) {
      hold.warned = true;
      warn.push(hold);
    }
  }
  return { expired, warn };
}
