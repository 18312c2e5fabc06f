// Pure rules of the counter console, kept apart from the page so they can be tested without a browser.

/**
 * The leg a freshly loaded trip starts with: from the clerk's own counter (where most passengers board) to the
 * destination picked under "Today's departures to" when the trip stops there later, else to the last stop.
 */
export function defaultLeg(stops, counterId, destination) {
  const from = stops.findIndex((s) => String(s.stopId) === String(counterId));
  const start = from >= 0 ? from : 0;
  const to = stops.findIndex((s, i) => i > start && String(s.stopId) === String(destination ?? ""));
  return { from: stops[start].stopId, to: stops[to > start ? to : stops.length - 1].stopId };
}

/** Whether a listed departure is still to leave at `now` (a departure that has left cannot be sold). */
export function isUpcoming(trip, now) {
  return new Date(trip.departure).getTime() > now.getTime();
}
