namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// The embedded app with fare charges configured (a service charge, an online discount, a fee per payment method) and
/// bKash against a <see cref="FakeBkash"/>, so every method's charged amount can be checked against the fare breakdown.
/// </summary>
public sealed class FareChargesAppFixture : WebAppFixture
{
    public const int ServiceChargePerSeat = 20;
    public const int OnlineDiscountPerSeat = 10;
    public const decimal BkashFeePercent = 1.5m;
    public const int CardFeeFlat = 15;
    public const int CashFeeFlat = 0;

    public FakeBkash Bkash { get; } = FakeBkash.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Bkash:AppKey", FakeBkash.AppKey),
        new("Bkash:AppSecret", FakeBkash.AppSecret),
        new("Bkash:Username", FakeBkash.Username),
        new("Bkash:Password", FakeBkash.Password),
        new("Bkash:BaseUrl", Bkash.BaseUrl),
        new("Bkash:CallbackUrl", "https://tickets.example/api/payments/bkash/callback"),
        new("Bkash:ReconcileInterval", "01:00:00"),
        new("Bkash:RequestTimeout", "00:00:10"),
        new("Fares:ServiceChargePerSeat", ServiceChargePerSeat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Fares:OnlineDiscountPerSeat", OnlineDiscountPerSeat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Fares:PaymentFees:bkash:Percent", BkashFeePercent.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Fares:PaymentFees:card:Flat", CardFeeFlat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Fares:PaymentFees:cash:Flat", CashFeeFlat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Bkash.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FareChargesAppCollection : ICollectionFixture<FareChargesAppFixture>
{
    public const string Name = "fare-charges-app";
}
