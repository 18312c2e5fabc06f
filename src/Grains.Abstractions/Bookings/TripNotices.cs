using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Bookings;

/// <summary>The booking's trip was cancelled by ops user <paramref name="Actor"/> for <paramref name="Reason"/>.</summary>
[GenerateSerializer, Immutable, Alias("TripCancelledNotice")]
public sealed record TripCancelledNotice(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Reason);

/// <summary>The booking's trip was delayed by ops user <paramref name="Actor"/>: <paramref name="Stops"/> are its new stop times.</summary>
[GenerateSerializer, Immutable, Alias("TripDelayedNotice")]
public sealed record TripDelayedNotice(
    [property: Id(0)] IReadOnlyList<TripStop> Stops,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Reason);
