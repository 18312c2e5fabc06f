using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// Anti-hoarding limits per verified passenger phone (configuration section <c>Trips:Quotas</c>). Clerks and ops are
/// not bound by them: a hold without a phone, or sold at a counter, is exempt. The per-trip limits can be overridden
/// per route under <c>Trips:Quotas:Routes:{routeId}</c> (e.g. a tighter seat limit on an Eid corridor).
/// </summary>
public sealed class PassengerQuotas
{
    /// <summary>Most seats one phone may have on one trip across live holds and sold seats of bookings it held.</summary>
    public int SeatsPerTrip { get; init; } = 4;

    /// <summary>Most live holds one phone may have on one trip.</summary>
    public int HoldsPerTrip { get; init; } = 2;

    /// <summary>Most seats one phone may have in live holds over all trips.</summary>
    public int HeldSeatsOverall { get; init; } = 6;

    /// <summary>Unpaid expiries within <see cref="CoolOffWindow"/> that start a cool-off.</summary>
    public int CoolOffLapses { get; init; } = 3;

    /// <summary>The window unpaid expiries are counted in.</summary>
    public TimeSpan CoolOffWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a phone waits, from its last unpaid expiry, once it has <see cref="CoolOffLapses"/> in the window.</summary>
    public TimeSpan CoolOff { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Per-route overrides of the per-trip limits, by route id.</summary>
    public Dictionary<string, RouteQuotas> Routes { get; init; } = new(StringComparer.Ordinal);

    public int SeatsPerTripOn(string routeId) => Routes.GetValueOrDefault(routeId)?.SeatsPerTrip ?? SeatsPerTrip;

    public int HoldsPerTripOn(string routeId) => Routes.GetValueOrDefault(routeId)?.HoldsPerTrip ?? HoldsPerTrip;

    /// <summary>Whether passenger quotas apply to this hold: a verified phone online; never staff or a counter.</summary>
    public static bool Apply(HoldSeats command) => command.Phone is not null && command.Channel != SalesChannel.Counter;

    public bool IsValid() =>
        SeatsPerTrip > 0 && HoldsPerTrip > 0 && HeldSeatsOverall > 0 && CoolOffLapses > 0 && CoolOffWindow > TimeSpan.Zero
        && CoolOff >= TimeSpan.Zero
        && Routes.Values.All(r => r is not null && r.SeatsPerTrip is null or > 0 && r.HoldsPerTrip is null or > 0);
}

/// <summary>A route's own per-trip limits; null keeps the default.</summary>
public sealed class RouteQuotas
{
    public int? SeatsPerTrip { get; init; }

    public int? HoldsPerTrip { get; init; }
}
