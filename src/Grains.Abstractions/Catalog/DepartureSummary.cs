namespace DiuParibahan.Grains.Catalog;

/// <summary>
/// What a search needs to know about one departure: the trip without its seat layout (a seat count instead) and its
/// latest known availability. A day's board answers every search with these, so they are kept small: the full
/// <see cref="TripDefinition"/> is several times larger, mostly layout.
/// </summary>
[GenerateSerializer, Immutable, Alias("DepartureSummary")]
public sealed record DepartureSummary(
    [property: Id(0)] string TripId,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string RouteCode,
    [property: Id(3)] string RouteNameEn,
    [property: Id(4)] string RouteNameBn,
    [property: Id(5)] CoachClass CoachClass,
    [property: Id(6)] string CoachRegistration,
    [property: Id(7)] int SeatCount,
    [property: Id(8)] IReadOnlyList<TripStop> Stops,
    [property: Id(9)] IReadOnlyList<int> LegFares,
    [property: Id(10)] TimeSpan SalesCloseBefore,
    [property: Id(11)] TripAvailability? Availability,
    [property: Id(12)] DateTimeOffset? ScheduledDeparture)
{
    /// <inheritdoc cref="TripDefinition.Departure"/>
    public DateTimeOffset Departure => Stops[0].Departure;

    public static DepartureSummary Of(Departure departure)
    {
        var trip = departure.Trip;
        return new(trip.TripId, trip.RouteId, trip.RouteCode, trip.RouteNameEn, trip.RouteNameBn, trip.CoachClass,
            trip.CoachRegistration, trip.Layout.Seats.Count, trip.Stops, trip.LegFares, trip.SalesCloseBefore, departure.Availability,
            trip.ScheduledDeparture);
    }

    /// <inheritdoc cref="TripDefinition.IndexOf(string)"/>
    public int IndexOf(string stopId) => TripDefinition.IndexOf(Stops, stopId);

    /// <inheritdoc cref="TripDefinition.FareFor(int, int)"/>
    public int FareFor(int from, int to) => TripDefinition.FareFor(LegFares, from, to);
}
