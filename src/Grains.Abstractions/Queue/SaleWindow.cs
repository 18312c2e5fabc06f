namespace DiuParibahan.Grains.Queue;

/// <summary>
/// What ops ask for when they announce a sale: the routes and travel days it covers, when it opens, how many waiting
/// phones are admitted per minute, and how long an admission lets its phone hold seats.
/// <paramref name="CounterSeatsPerTrip"/> caps the seats counters may have sold on each of the window's trips while it
/// gates them (counter sales on the trip so far count, cancelled ones do not); null leaves counters uncapped.
/// </summary>
[GenerateSerializer, Immutable, Alias("SaleWindowInput")]
public sealed record SaleWindowInput(
    [property: Id(0)] IReadOnlyList<string> RouteIds,
    [property: Id(1)] IReadOnlyList<DateOnly> TravelDates,
    [property: Id(2)] DateTimeOffset OpensAt,
    [property: Id(3)] int AdmissionPerMinute,
    [property: Id(4)] TimeSpan AdmissionValidity,
    [property: Id(5)] int? CounterSeatsPerTrip = null);

/// <summary>Whether a sale window still gates holds on its trips (announced, open or sold out) or was closed by ops.</summary>
public enum SaleWindowStatus
{
    Announced,
    Closed,
}

/// <summary>
/// An announced sale window (key <see cref="Id"/>), as the registry keeps it. <paramref name="CounterSeatsPerTrip"/>:
/// as in <see cref="SaleWindowInput"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("SaleWindow")]
public sealed record SaleWindow(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<string> RouteIds,
    [property: Id(2)] IReadOnlyList<DateOnly> TravelDates,
    [property: Id(3)] DateTimeOffset OpensAt,
    [property: Id(4)] int AdmissionPerMinute,
    [property: Id(5)] TimeSpan AdmissionValidity,
    [property: Id(6)] SaleWindowStatus Status,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? ClosedAt,
    [property: Id(9)] int? CounterSeatsPerTrip = null)
{
    /// <summary>Whether the window covers departures of <paramref name="routeId"/> on <paramref name="day"/>.</summary>
    public bool Covers(string routeId, DateOnly day) => RouteIds.Contains(routeId, StringComparer.Ordinal) && TravelDates.Contains(day);

    /// <summary>Whether holds on the window's trips need an admission: from its announcement until ops close it.</summary>
    public bool Gates => Status == SaleWindowStatus.Announced;
}
