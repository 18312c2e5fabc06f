// Pure logic behind the ops hoarding console (/ops/holders.html): what a row's state is, and the block form's
// "until", which ops type as Dhaka time. No DOM here, so it is tested with plain Node (tests/WebFrontend.Js/).

const DHAKA_OFFSET_MINUTES = 6 * 60;

/**
 * The state a holder row shows: "blocked" (ops block in force), "cooling" (too many unpaid expiries lately),
 * "holding" (live held seats) or "quiet".
 * @param {{blocked: boolean, coolOffUntil?: string|null, heldSeats: number}} holder
 * @param {Date} now
 */
export function holderState(holder, now = new Date()) {
  if (holder.blocked) return "blocked";
  if (holder.coolOffUntil && new Date(holder.coolOffUntil) > now) return "cooling";
  return holder.heldSeats > 0 ? "holding" : "quiet";
}

/**
 * A `datetime-local` value ("2026-12-24T18:30") read as Dhaka time, as the server wants it:
 * "2026-12-24T18:30:00+06:00". Null when the value is not a complete date and time.
 * @param {string} value
 */
export function dhakaUntil(value) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/.exec(String(value ?? "").trim());
  return match ? `${match[1]}T${match[2]}:00+06:00` : null;
}

/**
 * The `datetime-local` value for `hours` after `now`, in Dhaka time (the block form's default).
 * @param {Date} now
 * @param {number} hours
 */
export function dhakaLocalInput(now, hours = 24) {
  const dhaka = new Date(now.getTime() + hours * 3_600_000 + DHAKA_OFFSET_MINUTES * 60_000);
  return dhaka.toISOString().slice(0, 16);
}

/**
 * Why a block form cannot be sent yet: {reason?: key, until?: key} (i18n keys), empty when it can.
 * @param {{reason: string, until: string}} form
 * @param {Date} now
 */
export function blockProblems(form, now = new Date()) {
  const problems = {};
  if (!String(form.reason ?? "").trim()) problems.reason = "ops.form.required";
  const until = dhakaUntil(form.until);
  if (!until) problems.until = "ops.form.required";
  else if (new Date(until) <= now) problems.until = "holders.block.untilPast";
  return problems;
}
