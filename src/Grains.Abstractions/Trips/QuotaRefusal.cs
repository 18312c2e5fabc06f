namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The details of a per-phone refusal. For <see cref="TripErrorCode.QuotaExceeded"/>: <paramref name="Limit"/>
/// (one of <see cref="QuotaLimits"/>) and its <paramref name="Max"/>. For <see cref="TripErrorCode.HoldCooloff"/>:
/// <paramref name="Until"/>, when the phone may hold again. For <see cref="TripErrorCode.PhoneBlocked"/>:
/// <paramref name="Until"/> and the ops <paramref name="Reason"/>. <paramref name="RetryAfterSeconds"/> is how long
/// from the refusal until the phone may try again (cool-off and block), rounded up. For
/// <see cref="TripErrorCode.CounterQuotaReached"/> (a sale window's cap, not a phone's): <paramref name="Limit"/>
/// <see cref="QuotaLimits.CounterSeatsPerTrip"/> and the cap as <paramref name="Max"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("QuotaRefusal")]
public sealed record QuotaRefusal(
    [property: Id(0)] string? Limit,
    [property: Id(1)] int? Max,
    [property: Id(2)] DateTimeOffset? Until,
    [property: Id(3)] string? Reason,
    [property: Id(4)] int? RetryAfterSeconds = null);

/// <summary>The names of the per-phone limits and of the counters' share of a sale, as problems report them.</summary>
public static class QuotaLimits
{
    /// <summary>Seats on one trip across live holds and sold seats of bookings held by the phone.</summary>
    public const string SeatsPerTrip = "seats-per-trip";

    /// <summary>Live holds on one trip.</summary>
    public const string HoldsPerTrip = "holds-per-trip";

    /// <summary>Seats in live holds over all trips.</summary>
    public const string HeldSeatsOverall = "held-seats-overall";

    /// <summary>Seats counters may have sold on one trip of a sale window that caps them (not a per-phone limit).</summary>
    public const string CounterSeatsPerTrip = "counter-seats-per-trip";
}
