namespace DiuParibahan.Grains.Bookings;

/// <summary>The whole-taka fare of one leg (stop to next stop) for one seat.</summary>
[GenerateSerializer, Immutable, Alias("FareLeg")]
public sealed record FareLeg(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] int PerSeat);

/// <summary>A charge on top of the fare, whole taka: <paramref name="Code"/> <c>payment-fee</c>, <c>service-charge</c> or <c>change-fee</c>.</summary>
[GenerateSerializer, Immutable, Alias("FareCharge")]
public sealed record FareCharge(
    [property: Id(0)] string Code,
    [property: Id(1)] int Amount);

/// <summary>
/// What a booking costs: the legs it rides (per seat), charges on top and a discount off, all whole taka.
/// The total is <see cref="Base"/> + charges − discount, and is what the payer is charged.
/// </summary>
[GenerateSerializer, Immutable, Alias("FareBreakdown")]
public sealed record FareBreakdown(
    [property: Id(0)] IReadOnlyList<FareLeg> Legs,
    [property: Id(1)] int Seats,
    [property: Id(2)] IReadOnlyList<FareCharge> Charges,
    [property: Id(3)] int Discount)
{
    public const string PaymentFee = "payment-fee";
    public const string ServiceCharge = "service-charge";
    public const string ChangeFee = "change-fee";

    public int PerSeat => Legs.Sum(l => l.PerSeat);

    public int Base => PerSeat * Seats;

    public int Total => Base + Charges.Sum(c => c.Amount) - Discount;
}

/// <summary>
/// The charges a sale carries, set by the frontend's fare options for the payment method and channel:
/// <paramref name="ServiceChargePerSeat"/> and <paramref name="DiscountPerSeat"/> in whole taka,
/// <paramref name="PaymentFeePercent"/> of the fare after service charge and discount plus <paramref name="PaymentFeeFlat"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("FareTerms")]
public sealed record FareTerms(
    [property: Id(0)] int ServiceChargePerSeat,
    [property: Id(1)] int DiscountPerSeat,
    [property: Id(2)] decimal PaymentFeePercent,
    [property: Id(3)] int PaymentFeeFlat)
{
    public static readonly FareTerms None = new(0, 0, 0, 0);
}
