using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Catalog;

/// <summary>A boarding or dropping point of one trip: the point, its stop, and its time on this trip.</summary>
public sealed record TripPoint(StopPoint Point, string StopId, DateTimeOffset At);

/// <summary>
/// The boarding and dropping points of a trip, from its stops' points. A boarding point's time is when to report: the
/// coach's time at the stop less the point's reporting minutes; a dropping point's is the coach's time at the stop.
/// </summary>
public static class TripPoints
{
    /// <summary>Reporting minutes of a stop that has no points of its own (it is its one point).</summary>
    public const int DefaultReportMinutes = 15;

    /// <summary>The points of <paramref name="stop"/>: its configured ones, else the stop itself as one point.</summary>
    public static IReadOnlyList<StopPoint> Of(Stop stop) =>
        stop.Points is { Count: > 0 } points ? points : [new StopPoint(stop.Id, stop.NameEn, stop.NameBn, DefaultReportMinutes)];

    /// <summary>Where a passenger may get on: the points of every stop but the last, in route order.</summary>
    public static IReadOnlyList<TripPoint> Boarding(TripDefinition trip, IReadOnlyDictionary<string, Stop> stops) =>
        trip.Stops.Take(trip.Stops.Count - 1)
            .SelectMany(s => PointsAt(s, stops).Where(p => p.Boarding)
                .Select(p => new TripPoint(p, s.StopId, s.Departure.AddMinutes(-p.ReportMinutesBefore))))
            .ToList();

    /// <summary>Where a passenger may get off: the points of every stop but the first, in route order.</summary>
    public static IReadOnlyList<TripPoint> Dropping(TripDefinition trip, IReadOnlyDictionary<string, Stop> stops) =>
        trip.Stops.Skip(1)
            .SelectMany(s => PointsAt(s, stops).Where(p => p.Dropping).Select(p => new TripPoint(p, s.StopId, s.Departure)))
            .ToList();

    /// <summary>
    /// The points for a journey from <paramref name="from"/> to <paramref name="to"/> on the trip: the named ones (null
    /// or blank: the first point of the stop), or null when a named point is not a point of that stop on this trip.
    /// </summary>
    public static BookingPoints? Resolve(TripDefinition trip, IReadOnlyDictionary<string, Stop> stops, string from, string to,
        string? boardingId, string? droppingId)
    {
        var boarding = Pick(Boarding(trip, stops), from, boardingId);
        var dropping = Pick(Dropping(trip, stops), to, droppingId);
        return boarding is null || dropping is null ? null : new BookingPoints(Booked(boarding), Booked(dropping));
    }

    private static TripPoint? Pick(IReadOnlyList<TripPoint> points, string stopId, string? id)
    {
        var atStop = points.Where(p => p.StopId == stopId);
        return string.IsNullOrWhiteSpace(id) ? atStop.FirstOrDefault() : atStop.FirstOrDefault(p => p.Point.Id == id.Trim());
    }

    private static BookingPoint Booked(TripPoint p) => new(p.Point.Id, p.StopId, p.Point.NameEn, p.Point.NameBn, p.At);

    private static IReadOnlyList<StopPoint> PointsAt(TripStop s, IReadOnlyDictionary<string, Stop> stops) =>
        stops.GetValueOrDefault(s.StopId) is { } stop ? Of(stop) : [new StopPoint(s.StopId, s.StopId, s.StopId, DefaultReportMinutes)];
}
