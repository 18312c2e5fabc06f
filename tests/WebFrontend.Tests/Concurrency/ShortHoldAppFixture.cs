using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Concurrency;

/// <summary>The embedded app of its own, with holds that expire after two seconds so a short race sees expiries.</summary>
public sealed class ShortHoldAppFixture : WebAppFixture
{
    public static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(2);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Trips:OnlineHoldDuration", HoldDuration.ToString()),
        new("RateLimits:HoldsPerMinute", "100000"),
    ];
}
