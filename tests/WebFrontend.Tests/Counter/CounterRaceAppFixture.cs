using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Counter;

/// <summary>The embedded app of its own for the online-versus-counter race: every visitor comes from one address.</summary>
public sealed class CounterRaceAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("RateLimits:HoldsPerMinute", "100000"),
    ];
}
