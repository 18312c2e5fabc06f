namespace DiuParibahan.Grains.Phones;

/// <summary>
/// A trip asks to hold <paramref name="Seats"/> seats for the phone until <paramref name="ExpiresAt"/>.
/// <paramref name="ReservationKey"/> identifies the request on that trip (its idempotency key), so a retry reserves once.
/// </summary>
[GenerateSerializer, Immutable, Alias("PhoneHoldRequest")]
public sealed record PhoneHoldRequest(
    [property: Id(0)] string TripId,
    [property: Id(1)] string ReservationKey,
    [property: Id(2)] int Seats,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>The trip applied the hold reserved under <paramref name="ReservationKey"/> as <paramref name="HoldId"/>.</summary>
[GenerateSerializer, Immutable, Alias("PhoneHoldPlaced")]
public sealed record PhoneHoldPlaced(
    [property: Id(0)] string TripId,
    [property: Id(1)] string ReservationKey,
    [property: Id(2)] Guid HoldId,
    [property: Id(3)] int Seats,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>How a phone's hold ended. Only <see cref="Expired"/> (unpaid) counts toward the cool-off.</summary>
[GenerateSerializer, Alias("PhoneHoldEnd")]
public enum PhoneHoldEnd
{
    Released = 1,
    Confirmed = 2,
    Expired = 3,
}

/// <summary>Who acts on a phone from the ops console (their user id, login and role), and why.</summary>
[GenerateSerializer, Immutable, Alias("HolderAction")]
public sealed record HolderAction(
    [property: Id(0)] string ActorId,
    [property: Id(1)] string ActorLogin,
    [property: Id(2)] string ActorRole,
    [property: Id(3)] string Reason);

/// <summary>A live hold of a phone, as the phone grain knows it.</summary>
[GenerateSerializer, Immutable, Alias("HolderHold")]
public sealed record HolderHold(
    [property: Id(0)] string TripId,
    [property: Id(1)] Guid? HoldId,
    [property: Id(2)] int Seats,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>An ops block on a phone.</summary>
[GenerateSerializer, Immutable, Alias("PhoneBlockInfo")]
public sealed record PhoneBlockInfo(
    [property: Id(0)] string Reason,
    [property: Id(1)] DateTimeOffset Until,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At);

/// <summary>
/// What ops see of one phone at <paramref name="AsOf"/>: its live holds, when it took holds in the last hour, how many
/// holds it let expire unpaid in the cool-off window, when its cool-off ends, and its block. <paramref name="Revision"/>
/// grows with every change, so the index keeps the newest report whatever order reports arrive in.
/// </summary>
[GenerateSerializer, Immutable, Alias("HolderSummary")]
public sealed record HolderSummary(
    [property: Id(0)] string Phone,
    [property: Id(1)] long Revision,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] IReadOnlyList<HolderHold> LiveHolds,
    [property: Id(4)] IReadOnlyList<DateTimeOffset> RecentHolds,
    [property: Id(5)] IReadOnlyList<DateTimeOffset> Lapses,
    [property: Id(6)] DateTimeOffset? CoolOffUntil,
    [property: Id(7)] PhoneBlockInfo? Block)
{
    /// <summary>Seats in holds that are still live at <paramref name="now"/>.</summary>
    public int HeldSeats(DateTimeOffset now) => LiveHolds.Where(h => h.ExpiresAt > now).Sum(h => h.Seats);

    /// <summary>Distinct trips with a live hold at <paramref name="now"/>.</summary>
    public int Trips(DateTimeOffset now) => LiveHolds.Where(h => h.ExpiresAt > now).Select(h => h.TripId).Distinct().Count();

    /// <summary>Holds admitted in the hour before <paramref name="now"/>.</summary>
    public int HoldsInLastHour(DateTimeOffset now) => RecentHolds.Count(t => t > now - TimeSpan.FromHours(1));

    /// <summary>The block, if it is still in force at <paramref name="now"/>.</summary>
    public PhoneBlockInfo? BlockAt(DateTimeOffset now) => Block is { } block && block.Until > now ? block : null;

    /// <summary>Whether ops have any reason to see this phone at <paramref name="now"/>.</summary>
    public bool IsNotable(DateTimeOffset now) =>
        HeldSeats(now) > 0 || HoldsInLastHour(now) > 0 || BlockAt(now) is not null || CoolOffUntil > now;
}

/// <summary>What an ops release did: the holds and seats freed, and on how many trips.</summary>
[GenerateSerializer, Immutable, Alias("HolderReleaseResult")]
public sealed record HolderReleaseResult(
    [property: Id(0)] int Holds,
    [property: Id(1)] int Seats,
    [property: Id(2)] int Trips,
    [property: Id(3)] HolderSummary Summary);
