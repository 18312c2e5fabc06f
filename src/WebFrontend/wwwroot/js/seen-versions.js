// The newest version of each trip this page has seen: the Trip-Version of its own holds and releases, and the
// version of every seat map it applied. Seat-map reads over HTTP ask for at least that version (minVersion), so a
// frontend's replica never shows this browser an older trip than it already saw, nor a map without its own hold. The
// server fences each read only at what its client says it has seen; this is that client's half.

export class SeenVersions {
  constructor() {
    /** @type {Map<string, number>} */
    this.newest = new Map();
  }

  /** Remembers version of tripId if it is newer; anything but a positive whole number (a missing header) is ignored. */
  saw(tripId, version) {
    const value = typeof version === "string" ? Number.parseInt(version, 10) : version;
    if (tripId === undefined || tripId === null || !Number.isSafeInteger(value) || value <= 0) return;
    const key = String(tripId);
    if (value > (this.newest.get(key) ?? 0)) this.newest.set(key, value);
  }

  /** The newest version seen of tripId, or of atLeast when that is newer; 0 when none. */
  minimum(tripId, atLeast = 0) {
    const seen = this.newest.get(String(tripId)) ?? 0;
    const floor = Number.isSafeInteger(Number(atLeast)) ? Number(atLeast) : 0;
    return Math.max(seen, floor, 0);
  }
}

/** The page's one record: api.js notes writes' versions in it and asks seat maps for at least it. */
export const seenVersions = new SeenVersions();
