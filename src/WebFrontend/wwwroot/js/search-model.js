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
