using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The persisted state of one trip. Bounded by the coach: live holds, sales and blocks only; history goes to events.
/// Seat intervals are stop indexes of the trip ([From, To) in legs).
/// </summary>
[GenerateSerializer, Alias("TripState")]
public sealed class TripState
{
    [Id(0)] public TripDefinition? Definition { get; set; }
    [Id(1)] public long Version { get; set; }
    [Id(2)] public Dictionary<Guid, HoldRecord> Holds { get; set; } = [];
    [Id(3)] public Dictionary<Guid, SaleRecord> Sales { get; set; } = [];
    [Id(4)] public List<BlockRecord> Blocks { get; set; } = [];

    /// <summary>Acknowledged requests by "owner|requestId", so a retry returns the first answer.</summary>
    [Id(5)] public Dictionary<string, RequestRecord> Requests { get; set; } = [];
    [Id(6)] public bool Cancelled { get; set; }

    /// <summary>Set when ops cancelled the trip; lists the bookings whose refunds are still to be settled.</summary>
    [Id(7)] public TripCancellation? Cancellation { get; set; }

    /// <summary>Ops actions stored but not yet appended to the events log (an outbox, like a booking's).</summary>
    [Id(8)] public List<TripAuditRecord> PendingAudit { get; set; } = [];
}

/// <summary>An ops action on the trip for the events log: kind (<c>trip.*</c>), who, why, and what it did.</summary>
[GenerateSerializer, Immutable, Alias("TripAuditRecord")]
public sealed record TripAuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Detail);

/// <summary>A live hold; <see cref="Phone"/> is the verified phone it counts against (null: staff, exempt).</summary>
[GenerateSerializer, Immutable, Alias("HoldRecord")]
public sealed record HoldRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] IReadOnlyList<string> Seats,
    [property: Id(3)] int From,
    [property: Id(4)] int To,
    [property: Id(5)] DateTimeOffset ExpiresAt,
    [property: Id(6)] int Amount,
    [property: Id(7)] SalesChannel Channel,
    [property: Id(8)] bool Extended,
    [property: Id(9)] string? Phone = null);

/// <summary>
/// Sold seats; <see cref="Phone"/> is carried over from the hold it confirmed, so they count toward its quota.
/// <see cref="Genders"/> are the passengers' genders by seat for the live map (sales stored before it have none).
/// </summary>
[GenerateSerializer, Immutable, Alias("SaleRecord")]
public sealed record SaleRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string OwnerId,
    [property: Id(2)] string BookingRef,
    [property: Id(3)] IReadOnlyList<string> Seats,
    [property: Id(4)] int From,
    [property: Id(5)] int To,
    [property: Id(6)] int Amount,
    [property: Id(7)] SalesChannel Channel,
    [property: Id(8)] string? Phone = null,
    [property: Id(9)] IReadOnlyList<SeatGender>? Genders = null)
{
    /// <summary>The gender of the passenger on <paramref name="seat"/>, if the sale knows it.</summary>
    public Bookings.Gender? GenderOf(string seat) => Genders?.FirstOrDefault(g => g.Seat == seat)?.Gender;
}

[GenerateSerializer, Immutable, Alias("BlockRecord")]
public sealed record BlockRecord(
    [property: Id(0)] string Seat,
    [property: Id(1)] int From,
    [property: Id(2)] int To,
    [property: Id(3)] string Reason);

/// <summary>The first answer to an acknowledged request: a hold or a sale.</summary>
[GenerateSerializer, Immutable, Alias("RequestRecord")]
public sealed record RequestRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] HoldInfo? Hold,
    [property: Id(2)] SaleInfo? Sale);
