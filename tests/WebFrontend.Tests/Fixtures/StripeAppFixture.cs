namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>The embedded app with Stripe configured against a <see cref="FakeStripe"/> on loopback.</summary>
public sealed class StripeAppFixture : WebAppFixture
{
    public FakeStripe Stripe { get; } = FakeStripe.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Stripe:SecretKey", FakeStripe.SecretKey),
        new("Stripe:PublishableKey", FakeStripe.PublishableKey),
        new("Stripe:WebhookSecret", FakeStripe.WebhookSecret),
        new("Stripe:ApiBase", Stripe.BaseAddress.ToString()),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StripeAppCollection : ICollectionFixture<StripeAppFixture>
{
    public const string Name = "stripe-app";
}
