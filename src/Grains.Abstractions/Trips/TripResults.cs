namespace DiuParibahan.Grains.Trips;

/// <summary>A live hold. <paramref name="Amount"/> is the whole-taka total for all its seats on its leg.</summary>
[GenerateSerializer, Immutable, Alias("HoldInfo")]
public sealed record HoldInfo(
    [property: Id(0)] Guid HoldId,
    [property: Id(1)] string TripId,
    [property: Id(2)] string OwnerId,
    [property: Id(3)] IReadOnlyList<string> Seats,
    [property: Id(4)] string From,
    [property: Id(5)] string To,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7)] int Amount,
    [property: Id(8)] SalesChannel Channel,
    [property: Id(9)] bool Extended);

/// <summary>Seats sold on a leg interval, under a booking reference.</summary>
[GenerateSerializer, Immutable, Alias("SaleInfo")]
public sealed record SaleInfo(
    [property: Id(0)] Guid SaleId,
    [property: Id(1)] string TripId,
    [property: Id(2)] string BookingRef,
    [property: Id(3)] IReadOnlyList<string> Seats,
    [property: Id(4)] string From,
    [property: Id(5)] string To,
    [property: Id(6)] int Amount,
    [property: Id(7)] SalesChannel Channel);

/// <summary>
/// The result of a hold: the hold, or why not. <paramref name="Version"/> is the trip version the answer reflects (the
/// hold's own change once durable), so the client can ask replicas for at least that version; 0 when not known.
/// <paramref name="Change"/> is the durable change the hold made (the same update the trip's watchers get, at
/// <paramref name="Version"/>), so the frontend that made the write can apply it to its replica at once instead of
/// waiting for the stream; null for a refusal or a repeat answered with an earlier hold.
/// </summary>
[GenerateSerializer, Immutable, Alias("HoldResult")]
public sealed record HoldResult(
    [property: Id(0)] HoldInfo? Hold,
    [property: Id(1)] TripFailure? Failure,
    [property: Id(2)] long Version = 0,
    [property: Id(3)] TripUpdate? Change = null);

/// <summary>The result of a sale or of confirming a hold: the sale, or why not.</summary>
[GenerateSerializer, Immutable, Alias("SaleResult")]
public sealed record SaleResult(
    [property: Id(0)] SaleInfo? Sale,
    [property: Id(1)] TripFailure? Failure);

/// <summary>
/// The result of an operation that returns nothing but may fail (release, block, cancel). <paramref name="Version"/>
/// is the trip version the answer reflects where the operation reports it (release), else 0. <paramref name="Change"/>
/// is the durable change it made where the operation reports it (release), for the writing frontend's replica (see
/// <see cref="HoldResult"/>); null when nothing changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripOpResult")]
public sealed record TripOpResult(
    [property: Id(0)] TripFailure? Failure,
    [property: Id(1)] long Version = 0,
    [property: Id(2)] TripUpdate? Change = null)
{
    public static readonly TripOpResult Ok = new((TripFailure?)null);
}
