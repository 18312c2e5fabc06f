namespace DiuParibahan.Grains.Phones;

/// <summary>
/// The persisted state of one phone. Bounded: reservations are admitted only within the overall held-seat quota and
/// dropped at expiry; hold times, lapses and ended hold ids keep a short window with a hard cap; history goes to events.
/// </summary>
[GenerateSerializer, Alias("PhoneState")]
public sealed class PhoneState
{
    /// <summary>Grows with every stored change, so the hoarding index keeps the newest summary.</summary>
    [Id(0)] public long Revision { get; set; }

    /// <summary>Admitted holds, live until they expire or the trip says they ended.</summary>
    [Id(1)] public List<PhoneReservation> Holds { get; set; } = [];

    /// <summary>When holds were admitted (the last hour, at most <see cref="Domain.PhoneLedger.MaxRecentHolds"/>).</summary>
    [Id(2)] public List<DateTimeOffset> RecentHolds { get; set; } = [];

    /// <summary>Holds that expired unpaid within the cool-off window, at most <see cref="Domain.PhoneLedger.MaxLapses"/>.</summary>
    [Id(3)] public List<PhoneLapse> Lapses { get; set; } = [];

    [Id(4)] public PhoneBlockInfo? Block { get; set; }

    /// <summary>Ops actions stored but not yet appended to the events log (an outbox, like a trip's).</summary>
    [Id(5)] public List<HolderAuditRecord> PendingAudit { get; set; } = [];

    /// <summary>Holds that ended lately, so a late "placed" notification does not bring one back.</summary>
    [Id(6)] public List<Guid> RecentlyEnded { get; set; } = [];
}

/// <summary>
/// A hold admitted for the phone on a trip under <see cref="ReservationKey"/>; <see cref="HoldId"/> is set once the trip
/// applied it. An unbound reservation whose trip write failed simply lapses at <see cref="ExpiresAt"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("PhoneReservation")]
public sealed record PhoneReservation(
    [property: Id(0)] string TripId,
    [property: Id(1)] string ReservationKey,
    [property: Id(2)] Guid? HoldId,
    [property: Id(3)] int Seats,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>A hold of the phone that expired unpaid.</summary>
[GenerateSerializer, Immutable, Alias("PhoneLapse")]
public sealed record PhoneLapse(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] Guid HoldId);

/// <summary>An ops action on a phone for the events log: kind (<c>holder.*</c>), who and why, and what it did.</summary>
[GenerateSerializer, Immutable, Alias("HolderAuditRecord")]
public sealed record HolderAuditRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] HolderAction Action,
    [property: Id(3)] string Detail);

/// <summary>The <c>holder.*</c> event kinds.</summary>
public static class HolderAuditKinds
{
    public const string Released = "holder.released";
    public const string Blocked = "holder.blocked";
    public const string Unblocked = "holder.unblocked";
}
