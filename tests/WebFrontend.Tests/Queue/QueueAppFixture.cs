using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Queue;

/// <summary>
/// An app of its own for the waiting-room tests: sale windows gate holds on their routes and days, so they must not
/// meet the trips other test collections hold. Queue pushes every 200 ms, so sold-out notices arrive quickly.
/// </summary>
public sealed class QueueAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Queue:PollInterval", "00:00:00.200"),
        new("Queue:WindowCacheAge", "00:00:00.200"),
    ];
}

[CollectionDefinition(Name)]
public sealed class QueueCollection : ICollectionFixture<QueueAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "waiting-room";
}
