using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// An app of its own for the fair-access tests, with the production hold and address limits (the shared test app
/// raises them): the hoarding script and the crowd behind one address meet the limits a real deployment has. Only
/// the code-request ceiling stays raised, because every test here signs its passengers in from one address.
/// </summary>
public sealed class FairAccessAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimits:HoldsPerMinute", "60"),
        new("RateLimits:AuthPerMinute", "600"),
        new("RateLimits:AddressCeilingPerMinute", "1200"),
        new("Trips:OnlineHoldDuration", "00:10:00"),
        // The crowd test sends 300 holds at once; on a loaded test machine overload shedding (503 overloaded, tested in
        // AdmissionControlTests) would answer some of them, which says nothing about the per-account limits tested here.
        new("Admission:Enabled", "false"),
    ];
}

[CollectionDefinition(Name)]
public sealed class FairAccessAppCollection : ICollectionFixture<FairAccessAppFixture>
{
    public const string Name = "fair-access-app";
}
