using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Charges on top of the fare (section <c>Fares</c>), all whole taka unless a percent: a service charge per seat, an
/// online discount per seat, and a fee per payment method (<c>bkash</c>, <c>card</c>, <c>cash</c>) as a percent of
/// what the provider moves plus a flat part. None is charged unless configured. Every booking records the terms it was
/// priced with, so changing them never reprices a booking already made.
/// </summary>
public sealed class FareOptions
{
    public int ServiceChargePerSeat { get; set; }

    public int OnlineDiscountPerSeat { get; set; }

    public Dictionary<string, PaymentFee> PaymentFees { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsValid() =>
        ServiceChargePerSeat >= 0 && OnlineDiscountPerSeat >= 0
        && PaymentFees.Values.All(f => f.Percent is >= 0 and <= 20 && f.Flat >= 0);

    /// <summary>The terms of a sale paid by <paramref name="method"/> (<c>bkash</c>, <c>card</c> or <c>cash</c>).</summary>
    public FareTerms TermsFor(string method, bool online)
    {
        var fee = PaymentFees.GetValueOrDefault(method) ?? new PaymentFee();
        return new FareTerms(ServiceChargePerSeat, online ? OnlineDiscountPerSeat : 0, fee.Percent, fee.Flat);
    }

    /// <summary>A payment method's fee: <see cref="Percent"/> of the amount plus <see cref="Flat"/> taka.</summary>
    public sealed class PaymentFee
    {
        public decimal Percent { get; set; }

        public int Flat { get; set; }
    }
}
