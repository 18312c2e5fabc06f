// The waiting page's pure logic: where a passenger stands, from their place (GET /api/queue/{id}/me) and the window's
// live status (hub /hubs/queue, `queueChanged`). The status is the same for every waiter; a page works out its own
// position as its place minus the places admitted so far.

/** The newer of two statuses (by version); a late or repeated push never moves the page backwards. */
export function newerStatus(current, incoming) {
  if (!incoming) return current ?? null;
  if (!current || incoming.windowId !== current.windowId) return incoming;
  return Number(incoming.version) >= Number(current.version) ? incoming : current;
}

/**
 * What the page shows.
 * @param {{state: string, place: number|null, position: number|null, seatsLeft: number|null, opensAt: string,
 *          admittedUntil: string|null, inLottery: number}|null} me the passenger's place
 * @param {{state: string, admitted: number, inLine: number, seatsLeft: number|null, opensAt: string,
 *          admissionPerMinute: number}|null} status the window's live status
 * @param {Date} now
 * @returns {{state: "lottery"|"waiting"|"admitted"|"expired"|"soldout"|"closed", position: number|null,
 *            progress: number, seatsLeft: number|null, opensAt: string|null, waitMinutes: number|null,
 *            inLottery: number, refresh: boolean, nextKey: string}}
 */
export function queueView(me, status, now) {
  const seatsLeft = status?.seatsLeft ?? me?.seatsLeft ?? null;
  const opensAt = status?.opensAt ?? me?.opensAt ?? null;
  const admitted = Number(status?.admitted ?? 0);
  const place = me?.place ?? null;
  const opened = status ? status.state !== "announced" : opensAt !== null && new Date(opensAt) <= now;
  let state;
  if (status?.state === "closed" || me?.state === "closed") state = "closed";
  else if (me?.state === "admitted" && me.admittedUntil && new Date(me.admittedUntil) > now) state = "admitted";
  else if (me?.state === "admitted" || me?.state === "expired") state = "expired";
  else if (status?.state === "soldout" || me?.state === "soldout") state = "soldout";
  else if (place === null) state = opened ? "waiting" : "lottery";
  else state = "waiting";

  const position = state === "waiting" && place !== null ? Math.max(0, place - admitted) : null;
  const perMinute = Number(status?.admissionPerMinute ?? 0);
  // Ask for the place again when the live view says our turn came (position 0) or the lottery was drawn.
  const refresh = (state === "waiting" && place !== null && position === 0) || (state === "waiting" && place === null && opened);
  return {
    state,
    position: position === 0 ? null : position,
    progress: progressOf(state, place, admitted),
    seatsLeft,
    opensAt,
    waitMinutes: position && perMinute > 0 ? Math.ceil(position / perMinute) : null,
    inLottery: Number(me?.inLottery ?? 0),
    refresh,
    nextKey: `queue.next.${state}`,
  };
}

/** Share of the way to the front, 0–100: admitted places over one's own place. */
export function progressOf(state, place, admitted) {
  if (state === "admitted") return 100;
  if (!place || place <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((Math.min(admitted, place) / place) * 100)));
}

/** Where to go once admitted: the trip page the passenger came from (same origin only), else the search page. */
export function returnUrl(stored, origin) {
  if (typeof stored !== "string" || stored.length === 0) return "/";
  try {
    const url = new URL(stored, origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : "/";
  } catch {
    return "/";
  }
}

/** The sessionStorage key under which the trip page leaves its address for the waiting page. */
export const returnKey = (windowId) => `dp.queue.return.${windowId}`;
