// The seat map's model for one viewed leg [from, to) of a trip, kept equal to the trip grain's by the
// live seat protocol (SPEC §6): a snapshot sets it and its version; each `seatsChanged` is applied only
// when its version is exactly the next one; an older one is ignored; a newer one means a change was
// missed and the caller must fetch a new snapshot. No DOM here, so it can be tested with plain Node.

/** Stronger states win when a seat has several intervals on the viewed leg. */
export const STATE_RANK = { free: 0, held: 1, sold: 2, blocked: 3 };

/**
 * The state of one seat on [viewFrom, viewTo) from its whole timeline.
 * @param {{from: string, to: string, state: string}[]} timeline consecutive intervals by stop id
 * @param {Map<string, number>} stopIndex stop id -> position in the route
 */
export function stateOnLeg(timeline, stopIndex, viewFrom, viewTo) {
  const a = stopIndex.get(String(viewFrom));
  const b = stopIndex.get(String(viewTo));
  let best = "free";
  for (const entry of timeline) {
    const from = stopIndex.get(String(entry.from));
    const to = stopIndex.get(String(entry.to));
    if (from === undefined || to === undefined) continue;
    // Half-open intervals overlap when each starts before the other ends.
    if (from < b && a < to && (STATE_RANK[entry.state] ?? 0) > STATE_RANK[best]) best = entry.state;
  }
  return best;
}

/**
 * The gender of the passengers sold the seat on [viewFrom, viewTo), as the server puts it on sold intervals
 * ("female", "male", "other"): theirs when every sold interval overlapping the leg has the same one, else null
 * (no marker rather than a wrong one). Mirrors the server's seat map.
 */
export function genderOnLeg(timeline, stopIndex, viewFrom, viewTo) {
  const a = stopIndex.get(String(viewFrom));
  const b = stopIndex.get(String(viewTo));
  let found = null;
  for (const entry of timeline) {
    const from = stopIndex.get(String(entry.from));
    const to = stopIndex.get(String(entry.to));
    if (from === undefined || to === undefined || entry.state !== "sold" || !(from < b && a < to)) continue;
    if (!entry.gender || (found !== null && found !== entry.gender)) return null;
    found = entry.gender;
  }
  return found;
}

export class SeatModel {
  /**
   * @param {{tripId: string, stopIds: string[], from: string, to: string}} options
   */
  constructor({ tripId, stopIds, from, to }) {
    this.tripId = String(tripId);
    this.stopIndex = new Map(stopIds.map((id, index) => [String(id), index]));
    this.from = String(from);
    this.to = String(to);
    /** @type {Map<string, {state: string, mine: boolean, gender: string | null}>} */
    this.seats = new Map();
    this.version = null;
    this.cancelled = false;
  }

  /** True once a snapshot has been applied. */
  get ready() {
    return this.version !== null;
  }

  /**
   * Replaces everything with a snapshot (GET seats or hub Watch).
   * @returns {Set<string>} seats whose state changed
   */
  applySnapshot(snapshot) {
    const changed = new Set();
    const next = new Map();
    for (const seat of snapshot.seats ?? []) {
      const label = String(seat.seat);
      const state = seat.state ?? "free";
      next.set(label, { state, mine: Boolean(seat.mine), gender: state === "sold" ? (seat.gender ?? null) : null });
    }
    for (const [label, value] of next) {
      const before = this.seats.get(label);
      if (!before || before.state !== value.state || before.mine !== value.mine || before.gender !== value.gender) changed.add(label);
    }
    for (const label of this.seats.keys()) if (!next.has(label)) changed.add(label);
    this.seats = next;
    this.version = Number(snapshot.version);
    this.cancelled = Boolean(snapshot.cancelled);
    return changed;
  }

  /**
   * Offers a `seatsChanged` message.
   * @returns {{result: "applied" | "ignored" | "gap", changed: Set<string>}}
   */
  offer(message) {
    const changed = new Set();
    if (String(message.tripId) !== this.tripId || !this.ready) return { result: "ignored", changed };
    const version = Number(message.version);
    if (version <= this.version) return { result: "ignored", changed };
    if (version !== this.version + 1) return { result: "gap", changed };

    const timelines = new Map();
    for (const change of message.changes ?? []) {
      const label = String(change.seat);
      if (!timelines.has(label)) timelines.set(label, []);
      timelines.get(label).push(change);
    }
    for (const [label, timeline] of timelines) {
      const state = stateOnLeg(timeline, this.stopIndex, this.from, this.to);
      const before = this.seats.get(label);
      // `mine` comes only from snapshots; a seat that stopped being held stops being mine.
      const mine = state === "held" ? Boolean(before?.mine) : false;
      const gender = state === "sold" ? genderOnLeg(timeline, this.stopIndex, this.from, this.to) : null;
      if (!before || before.state !== state || before.mine !== mine || (before.gender ?? null) !== gender) changed.add(label);
      this.seats.set(label, { state, mine, gender });
    }
    this.version = version;
    return { result: "applied", changed };
  }

  /** Local, optimistic state (e.g. seats of my hold that just expired); the next change or snapshot wins. */
  setLocal(label, state, mine = false) {
    this.seats.set(String(label), { state, mine, gender: null });
  }

  stateOf(label) {
    return this.seats.get(String(label))?.state ?? "free";
  }

  /** The sold seat's passenger gender ("female", "male", "other"), or null. */
  genderOf(label) {
    return this.seats.get(String(label))?.gender ?? null;
  }

  isMine(label) {
    return Boolean(this.seats.get(String(label))?.mine);
  }

  /** Index of a stop in the route, or undefined. */
  indexOf(stopId) {
    return this.stopIndex.get(String(stopId));
  }

  /** Whether [from, to) overlaps the viewed leg. */
  overlapsView(from, to) {
    const a = this.indexOf(from);
    const b = this.indexOf(to);
    if (a === undefined || b === undefined) return true;
    return a < this.indexOf(this.to) && this.indexOf(this.from) < b;
  }
}
