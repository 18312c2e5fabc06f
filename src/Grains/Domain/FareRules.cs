using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Domain;

/// <summary>Prices a sale: the legs of the journey, the charges its terms add and the discount they give.</summary>
public static class FareRules
{
    /// <summary>
    /// The breakdown of <paramref name="seats"/> seats from <paramref name="from"/> to <paramref name="to"/> on
    /// <paramref name="trip"/>. <paramref name="heldAmount"/> is what the trip priced the seats at; if the leg fares no
    /// longer add up to it (fares changed after the hold), the held price wins as one leg, since that is what was quoted.
    /// </summary>
    public static FareBreakdown Price(TripDefinition trip, string from, string to, int seats, int heldAmount, FareTerms? terms)
    {
        var (start, end) = (trip.IndexOf(from), trip.IndexOf(to));
        var legs = new List<FareLeg>();
        for (var i = start; i >= 0 && i < end; i++)
        {
            legs.Add(new FareLeg(trip.Stops[i].StopId, trip.Stops[i + 1].StopId, trip.LegFares[i]));
        }
        if (seats <= 0 || legs.Sum(l => l.PerSeat) * seats != heldAmount)
        {
            legs = [new FareLeg(from, to, seats > 0 ? heldAmount / seats : heldAmount)];
        }
        return WithTerms(legs, Math.Max(seats, 1), terms ?? FareTerms.None);
    }

    /// <summary>The legs with the service charge, discount (never more than the fare) and payment fee of <paramref name="terms"/>.</summary>
    public static FareBreakdown WithTerms(IReadOnlyList<FareLeg> legs, int seats, FareTerms terms)
    {
        var fare = legs.Sum(l => l.PerSeat) * seats;
        var charges = new List<FareCharge>();
        var service = Math.Max(terms.ServiceChargePerSeat, 0) * seats;
        if (service > 0)
        {
            charges.Add(new FareCharge(FareBreakdown.ServiceCharge, service));
        }
        var discount = Math.Min(Math.Max(terms.DiscountPerSeat, 0) * seats, fare);
        // The payment provider takes its cut of everything it moves, so the fee is on the amount after charges and discount.
        var fee = (int)Math.Round((fare + service - discount) * Math.Max(terms.PaymentFeePercent, 0) / 100m, MidpointRounding.AwayFromZero)
            + Math.Max(terms.PaymentFeeFlat, 0);
        if (fee > 0)
        {
            charges.Add(new FareCharge(FareBreakdown.PaymentFee, fee));
        }
        return new FareBreakdown(legs, seats, charges, discount);
    }
}
