using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>Ops cancels the whole trip: <paramref name="Actor"/> is the ops user id, <paramref name="Reason"/> is shown to passengers.</summary>
[GenerateSerializer, Immutable, Alias("CancelTrip")]
public sealed record CancelTrip(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Reason);

/// <summary>
/// Ops delays the trip so it leaves the first stop at <paramref name="NewDeparture"/>; every stop moves by the same amount.
/// Repeating the same delay changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("DelayTrip")]
public sealed record DelayTrip(
    [property: Id(0)] DateTimeOffset NewDeparture,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Reason);

/// <summary>Ops puts another coach (<paramref name="Coach"/> with <paramref name="Layout"/>) on the trip.</summary>
[GenerateSerializer, Immutable, Alias("ChangeCoach")]
public sealed record ChangeCoach(
    [property: Id(0)] Coach Coach,
    [property: Id(1)] SeatLayout Layout,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Reason);
