// Pure rules of the search results, tested with plain Node (tests/WebFrontend.Js/).

/**
 * How many days ahead trips are on sale: the demo network's seeder (SeedingOptions.DaysAhead) creates trips this many
 * days ahead, so a later date has none yet.
 */
export const SALES_WINDOW_DAYS = 14;

/**
 * Why a search found no trips: "past" (the date has gone), "notYetOnSale" (beyond the sales window; `opensOn` is the
 * first day its trips are sold) or "none". Dates are Dhaka calendar days, YYYY-MM-DD.
 */
export function emptyReason(date, today, windowDays = SALES_WINDOW_DAYS) {
  if (date < today) return { reason: "past" };
  const last = shiftDays(today, windowDays);
  if (date > last) return { reason: "notYetOnSale", opensOn: shiftDays(date, -windowDays) };
  return { reason: "none" };
}

function shiftDays(ymd, days) {
  const date = new Date(`${ymd}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
