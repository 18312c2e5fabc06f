using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// One end of a search: a city (every stop of it) or a single stop. <paramref name="CityId"/> is the city either way, so
/// a city searched to itself (or to one of its own stops) can be refused.
/// </summary>
public sealed record SearchPlace(string Id, bool IsCity, string CityId, IReadOnlySet<string> StopIds);

/// <summary>
/// Trip search by city or stop, answered from departure-board summaries (never a trip grain): which departures of a
/// service day serve a from-place before a to-place, and at which stops the passenger boards and gets off.
/// </summary>
public static class TripSearch
{
    /// <summary>
    /// The place <paramref name="id"/> names: a city id first (a city whose only stop has the city's own id, such as
    /// <c>jashore</c>, is the same either way), else a stop id. Null when it names neither.
    /// </summary>
    public static SearchPlace? Resolve(NetworkCache.Snapshot network, string? id)
    {
        if (id is null)
        {
            return null;
        }
        if (network.Cities.TryGetValue(id, out var city))
        {
            return new SearchPlace(id, true, city.Id, network.StopsByCity[city.Id].Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
        }
        return network.Stops.TryGetValue(id, out var stop)
            ? new SearchPlace(id, false, stop.City, new HashSet<string>(StringComparer.Ordinal) { stop.Id })
            : null;
    }

    /// <summary>The boards to read for <paramref name="day"/>: a night coach of the day before may reach the boarding stop after midnight.</summary>
    public static IEnumerable<DateOnly> BoardDaysFor(DateOnly day) => [day.AddDays(-1), day];

    /// <summary>
    /// The departures among <paramref name="summaries"/> that a passenger can take from <paramref name="from"/> to
    /// <paramref name="to"/> on <paramref name="day"/>, one row per trip, ordered by boarding time. Each trip boards at
    /// its first stop in the from-place and sets down at the first stop in the to-place after it (the earliest arrival,
    /// the lowest fare); trips that do not serve both in that order are left out.
    /// </summary>
    public static List<TripListingDto> Find(IEnumerable<DepartureSummary> summaries, SearchPlace from, SearchPlace to, DateOnly day,
        NetworkCache.Snapshot network, DateTimeOffset now)
    {
        var results = new List<TripListingDto>();
        foreach (var trip in summaries)
        {
            var i = IndexIn(trip, from.StopIds, 0);
            var j = i < 0 ? -1 : IndexIn(trip, to.StopIds, i + 1);
            // A delayed trip stays listed on the day it was timetabled for, even if the delay pushed it past midnight.
            var delay = trip.ScheduledDeparture is { } timetabled ? trip.Departure - timetabled : TimeSpan.Zero;
            if (j < 0 || ServiceDay.Of(trip.Stops[i].Departure - delay) != day)
            {
                continue;
            }
            var cancelled = trip.Availability?.Cancelled ?? false;
            results.Add(new TripListingDto(trip.TripId, trip.RouteId, trip.RouteCode, trip.RouteNameEn, trip.RouteNameBn,
                trip.CoachClass, trip.CoachRegistration, trip.Stops[i].Departure, trip.Stops[j].Departure,
                trip.FareFor(i, j),
                trip.Availability?.FreeSeats(i, j) ?? trip.SeatCount,
                trip.SeatCount,
                !cancelled && now < trip.Stops[i].Departure - trip.SalesCloseBefore,
                cancelled, trip.ScheduledDeparture is null ? null : trip.Stops[i].Departure - delay,
                StopRefDto.Of(network, trip.Stops[i].StopId), StopRefDto.Of(network, trip.Stops[j].StopId)));
        }
        return results.OrderBy(r => r.Departure).ThenBy(r => r.TripId, StringComparer.Ordinal).ToList();
    }

    private static int IndexIn(DepartureSummary trip, IReadOnlySet<string> stops, int start)
    {
        for (var k = start; k < trip.Stops.Count; k++)
        {
            if (stops.Contains(trip.Stops[k].StopId))
            {
                return k;
            }
        }
        return -1;
    }
}
