using DiuParibahan.WebFrontend.Payments.Bkash;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>The embedded app with bKash configured against a <see cref="FakeBkash"/> on loopback (cards stay simulated).</summary>
public sealed class BkashAppFixture : WebAppFixture
{
    public FakeBkash Bkash { get; } = FakeBkash.Start();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Bkash:AppKey", FakeBkash.AppKey),
        new("Bkash:AppSecret", FakeBkash.AppSecret),
        new("Bkash:Username", FakeBkash.Username),
        new("Bkash:Password", FakeBkash.Password),
        new("Bkash:BaseUrl", Bkash.BaseUrl),
        new("Bkash:CallbackUrl", "https://tickets.example/api/payments/bkash/callback"),
        // Tests run reconciliation passes themselves; every payment counts as due at once.
        new("Bkash:ReconcileInterval", "01:00:00"),
        new("Bkash:ReconcileAfter", "00:00:00"),
        new("Bkash:RequestTimeout", "00:00:10"),
    ];

    public BkashReconciler Reconciler => Services.GetRequiredService<BkashReconciler>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Bkash.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BkashAppCollection : ICollectionFixture<BkashAppFixture>
{
    public const string Name = "bkash-app";
}
