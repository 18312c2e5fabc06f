namespace DiuParibahan.Grains.Queue;

/// <summary>
/// Seats left on one trip of a sale window as a frontend counted them, with the trip's availability
/// <paramref name="Version"/> the count was read at (-1: the trip had not reported to its board yet). Versions only
/// grow, so the queue can tell a count read before another frontend's from one read after it, whatever order the
/// reports arrive in.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripSeatsLeft")]
public sealed record TripSeatsLeft(
    [property: Id(0)] string TripId,
    [property: Id(1)] long Version,
    [property: Id(2)] int SeatsLeft);
