using System.Globalization;

namespace DiuParibahan.Grains.Catalog;

/// <summary>Turns schedules into concrete trips for a service day. Plain C#, no Orleans.</summary>
public static class TripPlanner
{
    /// <summary>How long before departure from the boarding stop online sales close.</summary>
    public static readonly TimeSpan DefaultSalesCloseBefore = TimeSpan.FromMinutes(30);

    /// <summary>The trip id of a departure, e.g. <c>DHK-KOL-20261127-2230</c>: readable at a counter, stable, URL-safe.</summary>
    public static string TripId(string routeCode, DateOnly day, TimeOnly departure) =>
        string.Create(CultureInfo.InvariantCulture, $"{routeCode}-{day:yyyyMMdd}-{departure:HHmm}");

    /// <summary>Every trip the network runs on <paramref name="day"/> (only <paramref name="scheduleId"/>'s, if given).</summary>
    public static IReadOnlyList<TripDefinition> TripsOn(Network network, DateOnly day, string? scheduleId = null)
    {
        var routes = network.Routes.ToDictionary(r => r.Id);
        var coaches = network.Coaches.ToDictionary(c => c.Id);
        var layouts = network.Layouts.ToDictionary(l => l.Code);
        var trips = new List<TripDefinition>();
        var abroad = network.Stops.Where(s => s.Country is not null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var schedule in network.Schedules)
        {
            if ((scheduleId is not null && schedule.Id != scheduleId)
                || day < schedule.FromDate || day > schedule.ToDate
                || !routes.TryGetValue(schedule.RouteId, out var route)
                || !coaches.TryGetValue(schedule.CoachId, out var coach)
                || !layouts.TryGetValue(coach.LayoutCode, out var layout)
                || route.Fares.FirstOrDefault(f => f.Class == coach.Class) is not { } fares)
            {
                continue;
            }
            var departure = ServiceDay.At(day, schedule.DepartureLocal);
            trips.Add(new TripDefinition(
                TripId(route.Code, day, schedule.DepartureLocal),
                route.Id, route.Code, route.NameEn, route.NameBn,
                coach.Id, coach.Registration, coach.Class, layout,
                route.Stops.Select(s => new TripStop(s.StopId, departure.AddMinutes(s.OffsetMinutes))).ToList(),
                fares.LegFares,
                DefaultSalesCloseBefore,
                CrossBorder: route.CrossBorder,
                AbroadStops: route.CrossBorder ? route.Stops.Select(s => s.StopId).Where(abroad.Contains).ToList() : null));
        }
        return trips;
    }
}
