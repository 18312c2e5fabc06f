using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Queue;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// Seats left on a window's trips, counted from the departure boards (one call per travel day per count, however many
/// windows and waiters there are): a seat counts while any leg of it is free, so a trip is sold out only when every
/// seat is taken end to end. Cancelled trips count nothing; a trip that has not reported yet counts every seat.
/// </summary>
public sealed class SeatsLeftCounter(IGrainFactory grains)
{
    /// <summary>
    /// Seats left per window and trip, with the availability version each count was read at (so the queue grain can
    /// keep the newest count per trip across frontends), reading each day's board once.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TripSeatsLeft>>> CountAsync(IReadOnlyCollection<SaleWindow> windows)
    {
        var days = windows.SelectMany(w => w.TravelDates).Distinct().ToList();
        var boards = await Task.WhenAll(days.Select(d => grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(d)).GetSummariesAsync()));
        var byDay = days.Zip(boards).ToDictionary(p => p.First, p => p.Second);
        return windows.ToDictionary(w => w.Id, IReadOnlyList<TripSeatsLeft> (w) => w.TravelDates
            .SelectMany(d => byDay[d])
            .Where(s => w.RouteIds.Contains(s.RouteId, StringComparer.Ordinal))
            .Select(s => new TripSeatsLeft(s.TripId, s.Availability?.Version ?? -1, SeatsLeft(s)))
            .ToList());
    }

    public static int SeatsLeft(DepartureSummary trip)
    {
        if (trip.Availability is not { } availability)
        {
            return trip.SeatCount;
        }
        if (availability.Cancelled)
        {
            return 0;
        }
        var everyLeg = TripAvailability.LegMask(0, trip.Stops.Count - 1);
        return availability.SeatLegMasks.Count(mask => (mask & everyLeg) != everyLeg);
    }
}
