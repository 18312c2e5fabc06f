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
/// </summary>
[GenerateSerializer, Immutable, Alias("HoldResult")]
public sealed record HoldResult(
    [property: Id(0)] HoldInfo? Hold,
    [property: Id(1)] TripFailure? Failure,
    [property: Id(2)] long Version = 0);

/// <summary>The result of a sale or of confirming a hold: the sale, or why not.</summary>
[GenerateSerializer, Immutable, Alias("SaleResult")]
public sealed record SaleResult(
    [property: Id(0)] SaleInfo? Sale,
    [property: Id(1)] TripFailure? Failure);

/// <summary>
/// The result of an operation that returns nothing but may fail (release, block, cancel). <paramref name="Version"/>
/// is the trip version the answer reflects where the operation reports it (release), else 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripOpResult")]
public sealed record TripOpResult(
    [property: Id(0)] TripFailure? Failure,
    [property: Id(1)] long Version = 0)
{
    public static readonly TripOpResult Ok = new((TripFailure?)null);
}
