namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The online hold limits passengers are told about, bound from the same <c>Trips</c> configuration section (same
/// property names) as the limits the trip grains enforce, whose defaults are these.
/// </summary>
public sealed record OnlineHoldLimits
{
    public const int DefaultMaxSeatsPerHold = 4;
    public const int DefaultMaxHoldsPerOwner = 2;
    public static readonly TimeSpan DefaultHoldDuration = TimeSpan.FromMinutes(10);

    /// <summary>Most seats one online hold may take.</summary>
    public int MaxSeatsPerOnlineHold { get; init; } = DefaultMaxSeatsPerHold;

    /// <summary>Most live holds one online owner may have on one trip.</summary>
    public int MaxOnlineHoldsPerOwner { get; init; } = DefaultMaxHoldsPerOwner;

    /// <summary>How long an online hold lives before it expires.</summary>
    public TimeSpan OnlineHoldDuration { get; init; } = DefaultHoldDuration;
}
