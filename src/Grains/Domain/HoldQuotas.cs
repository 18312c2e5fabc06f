using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// The per-trip passenger quotas, checked against the trip's own state so they hold under any race: the trip applies
/// a hold in one synchronous step after this check. Seats count across live holds and sales confirmed from holds of
/// the same phone.
/// </summary>
public static class HoldQuotas
{
    /// <summary>Null if a hold of <paramref name="seats"/> seats for <paramref name="phone"/> fits, else the refusal naming the limit.</summary>
    public static TripFailure? Check(TripState state, string phone, int seats, PassengerQuotas quotas, DateTimeOffset now)
    {
        var routeId = state.Definition?.RouteId ?? "";
        var holds = 0;
        var taken = 0;
        foreach (var hold in state.Holds.Values)
        {
            if (hold.Phone == phone && hold.ExpiresAt > now)
            {
                holds++;
                taken += hold.Seats.Count;
            }
        }
        foreach (var sale in state.Sales.Values)
        {
            if (sale.Phone == phone)
            {
                taken += sale.Seats.Count;
            }
        }
        // The seat limit is named first: it is the one a passenger can do something about by choosing fewer seats.
        var maxSeats = quotas.SeatsPerTripOn(routeId);
        if (taken + seats > maxSeats)
        {
            return Exceeded(QuotaLimits.SeatsPerTrip, maxSeats,
                $"One phone may have at most {maxSeats} seat(s) on a trip, held or bought; this phone has {taken}.");
        }
        var maxHolds = quotas.HoldsPerTripOn(routeId);
        if (holds >= maxHolds)
        {
            return Exceeded(QuotaLimits.HoldsPerTrip, maxHolds,
                $"One phone may have at most {maxHolds} live hold(s) on a trip; pay for or release one first.");
        }
        return null;
    }

    public static TripFailure Exceeded(string limit, int max, string detail) =>
        new(TripErrorCode.QuotaExceeded, detail, [], new QuotaRefusal(limit, max, null, null));
}
