// Pure logic of the boarding scanner (/staff/scan.html), kept apart from the page so Node can test it: what a scan or a
// typed entry is, and what to tell the supervisor at the door.
import { normalizePnr } from "./booking-model.js";

const PNR = /^DP-[A-Z0-9]{6}$/;

/**
 * What the supervisor scanned or typed: a ticket's QR payload ({qr}), a PNR ({pnr}, normalised, the dash optional),
 * or null for anything else.
 * @param {string} text
 */
export function readEntry(text) {
  const value = String(text ?? "").trim();
  if (/^DP[12]\./.test(value)) return { qr: value };
  let pnr = normalizePnr(value);
  if (/^DP[A-Z0-9]{6}$/.test(pnr)) pnr = `DP-${pnr.slice(2)}`;
  return PNR.test(pnr) ? { pnr } : null;
}

/**
 * Whether a decoded QR should be sent: the camera reports the same code many times a second, so the same payload is
 * ignored for `quietMs` after it was last sent.
 */
export class RepeatFilter {
  constructor(quietMs = 3000) {
    this.quietMs = quietMs;
    this.last = null;
    this.at = -Infinity;
  }

  accept(payload, now) {
    if (payload === this.last && now - this.at < this.quietMs) return false;
    this.last = payload;
    this.at = now;
    return true;
  }
}

/**
 * The line to show for a boarding answer: {key, params} for t(). A second scan says when the passenger boarded.
 * @param {{pnr: string, alreadyBoarded: boolean, boardedAt: string, passengers: {name: string, seat: string}[]}} result
 * @param {(iso: string) => string} formatTime
 */
export function boardingMessage(result, formatTime) {
  const names = result.passengers.map((p) => `${p.name} (${p.seat})`).join(", ");
  return result.alreadyBoarded
    ? { key: "scan.alreadyBoarded", params: { time: formatTime(result.boardedAt), names, pnr: result.pnr } }
    : { key: "scan.boarded", params: { names, pnr: result.pnr } };
}
