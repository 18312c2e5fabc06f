namespace DiuParibahan.Grains.Catalog;

/// <summary>A stop of one trip with its scheduled departure time.</summary>
[GenerateSerializer, Immutable, Alias("TripStop")]
public sealed record TripStop(
    [property: Id(0)] string StopId,
    [property: Id(1)] DateTimeOffset Departure);

/// <summary>
/// Everything a trip grain needs to know about its departure: stops in order (legs are consecutive pairs),
/// the whole-taka fare of each leg for this coach's class, the seat layout and when sales close.
/// <paramref name="ScheduledDeparture"/> is the timetabled departure when ops has delayed the trip (null otherwise).
/// <paramref name="CrossBorder"/> is the route's; <paramref name="AbroadStops"/> its stops outside Bangladesh. A journey
/// with one end abroad and the other at home crosses the border, and its passengers need passport details.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripDefinition")]
public sealed record TripDefinition(
    [property: Id(0)] string TripId,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string RouteCode,
    [property: Id(3)] string RouteNameEn,
    [property: Id(4)] string RouteNameBn,
    [property: Id(5)] string CoachId,
    [property: Id(6)] string CoachRegistration,
    [property: Id(7)] CoachClass CoachClass,
    [property: Id(8)] SeatLayout Layout,
    [property: Id(9)] IReadOnlyList<TripStop> Stops,
    [property: Id(10)] IReadOnlyList<int> LegFares,
    [property: Id(11)] TimeSpan SalesCloseBefore,
    [property: Id(12)] DateTimeOffset? ScheduledDeparture = null,
    [property: Id(20)] bool CrossBorder = false,
    [property: Id(21)] IReadOnlyList<string>? AbroadStops = null)
{
    /// <summary>Whether a journey from <paramref name="from"/> to <paramref name="to"/> crosses the border.</summary>
    public bool CrossesBorder(string from, string to) =>
        CrossBorder && (AbroadStops ?? []).Contains(from) != (AbroadStops ?? []).Contains(to);

    /// <summary>Local service date of the departure from the first stop (Asia/Dhaka).</summary>
    public DateTimeOffset Departure => Stops[0].Departure;

    /// <summary>Index of <paramref name="stopId"/> on this trip, or -1.</summary>
    public int IndexOf(string stopId) => IndexOf(Stops, stopId);

    /// <summary>Fare in whole taka for one seat from stop index <paramref name="from"/> to <paramref name="to"/>.</summary>
    public int FareFor(int from, int to) => FareFor(LegFares, from, to);

    internal static int IndexOf(IReadOnlyList<TripStop> stops, string stopId)
    {
        for (var i = 0; i < stops.Count; i++)
        {
            if (stops[i].StopId == stopId)
            {
                return i;
            }
        }
        return -1;
    }

    internal static int FareFor(IReadOnlyList<int> legFares, int from, int to)
    {
        var sum = 0;
        for (var i = from; i < to; i++)
        {
            sum += legFares[i];
        }
        return sum;
    }
}
