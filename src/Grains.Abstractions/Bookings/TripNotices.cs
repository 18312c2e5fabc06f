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

/// <summary>
/// Ops put another coach on the booking's trip: <paramref name="Registration"/> is the new coach's number plate and
/// <paramref name="CoachClass"/> its class; seat labels stay as they were (the trip only takes a coach that has them).
/// </summary>
[GenerateSerializer, Immutable, Alias("TripCoachChangedNotice")]
public sealed record TripCoachChangedNotice(
    [property: Id(0)] string Registration,
    [property: Id(1)] string CoachClass,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Reason);
