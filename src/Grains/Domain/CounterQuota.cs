using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// A sale window's share for counters: while it gates a trip, counters may have sold at most its cap of seats on the
/// trip, so the queue's passengers are not left waiting for seats the counters took. Counted from the trip's own
/// sales in the same turn as the sale, so two clerks selling at once cannot both slip under the cap; every counter sale
/// still on the trip counts (also those made before the window was announced), a cancelled one no longer does.
/// </summary>
public static class CounterQuota
{
    /// <summary>Null if <paramref name="command"/> may sell on a trip whose live sales are <paramref name="sales"/>, else the refusal.</summary>
    public static TripFailure? Check(SellSeats command, IEnumerable<SaleRecord> sales)
    {
        if (command.Channel != SalesChannel.Counter || command.CounterSeatCap is not { } cap)
        {
            return null;
        }
        var sold = sales.Where(s => s.Channel == SalesChannel.Counter).Sum(s => s.Seats.Count);
        if (sold + command.Seats.Count <= cap)
        {
            return null;
        }
        var left = Math.Max(0, cap - sold);
        return new TripFailure(TripErrorCode.CounterQuotaReached,
            $"Counters may sell {cap} seats on this trip during the sale; {left} left. The other seats are sold through the waiting room.",
            [], new QuotaRefusal(QuotaLimits.CounterSeatsPerTrip, cap, null, null));
    }
}
