using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>Anti-hoarding limits and hold lifetimes per sales channel.</summary>
public sealed record InventoryLimits
{
    /// <summary>Most seats one online hold may take.</summary>
    public int MaxSeatsPerOnlineHold { get; init; } = OnlineHoldLimits.DefaultMaxSeatsPerHold;

    /// <summary>Most live holds one online owner may have on one trip.</summary>
    public int MaxOnlineHoldsPerOwner { get; init; } = OnlineHoldLimits.DefaultMaxHoldsPerOwner;

    /// <summary>Most seats one counter hold or sale may take (a clerk sells for a family or a group).</summary>
    public int MaxSeatsPerCounterHold { get; init; } = 12;

    /// <summary>Most live holds one clerk may have on one trip.</summary>
    public int MaxCounterHoldsPerOwner { get; init; } = 10;

    /// <summary>How long an online hold lives before it expires.</summary>
    public TimeSpan OnlineHoldDuration { get; init; } = OnlineHoldLimits.DefaultHoldDuration;

    /// <summary>How long a counter hold lives before it expires.</summary>
    public TimeSpan CounterHoldDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a request id is remembered for idempotent retries.</summary>
    public TimeSpan RequestRetention { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Per-phone passenger quotas (section <c>Trips:Quotas</c>).</summary>
    public PassengerQuotas Quotas { get; init; } = new();

    public int MaxSeatsPerHold(SalesChannel channel) =>
        channel == SalesChannel.Counter ? MaxSeatsPerCounterHold : MaxSeatsPerOnlineHold;

    public int MaxHoldsPerOwner(SalesChannel channel) =>
        channel == SalesChannel.Counter ? MaxCounterHoldsPerOwner : MaxOnlineHoldsPerOwner;

    public TimeSpan HoldDuration(SalesChannel channel) =>
        channel == SalesChannel.Counter ? CounterHoldDuration : OnlineHoldDuration;
}
