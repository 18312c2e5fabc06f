using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.LadiesSeats;

/// <summary>
/// An app with the product's ladies-seat rule (the shared test app opens ladies seats to all): the demo coaches' front
/// rows are sold only to women until two hours before departure, and every trip these tests use is days away.
/// </summary>
public sealed class LadiesSeatAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Trips:LadiesSeats:OpenToAllBefore", "02:00:00"),
    ];
}

[CollectionDefinition(Name)]
public sealed class LadiesSeatAppCollection : ICollectionFixture<LadiesSeatAppFixture>
{
    public const string Name = "ladies-seat-app";
}
