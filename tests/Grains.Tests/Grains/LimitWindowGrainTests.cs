using DiuParibahan.Grains.Limits;
using DiuParibahan.Grains.Tests.Fixtures;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// One limit window shard, fed reports as two frontends would send them: totals are the sum of every report, a count
/// of zero only reads, and past its bound a new key is reported past any limit. Each test has a window key of its own.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class LimitWindowGrainTests(FakeClockClusterFixture fixture)
{
    private static DateTimeOffset WindowEnd => FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(1);

    private ILimitWindowGrain NewWindow() => fixture.Grains.GetGrain<ILimitWindowGrain>("test/" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Reports_FromTwoFrontends_AddUp_AndEachReadsTheClusterTotalBack()
    {
        var window = NewWindow();

        var first = await window.AddAsync(new LimitCounts(["198.51.100.1", "198.51.100.2"], [3, 1], WindowEnd));
        var second = await window.AddAsync(new LimitCounts(["198.51.100.1"], [2], WindowEnd));
        var read = await window.AddAsync(new LimitCounts(["198.51.100.1", "198.51.100.2", "198.51.100.3"], [0, 0, 0], WindowEnd));

        Assert.Equal([3L, 1L], first);
        Assert.Equal([5L], second);
        Assert.Equal([5L, 1L, 0L], read);
    }

    [Fact]
    public async Task WhenFull_ANewKeyIsReportedPastAnyLimit_WhileKnownKeysKeepCounting()
    {
        var window = NewWindow();
        var keys = Enumerable.Range(0, LimitWindowGrain.MaxKeys).Select(i => "k" + i).ToList();
        await window.AddAsync(new LimitCounts(keys, [.. keys.Select(_ => 1)], WindowEnd));

        var totals = await window.AddAsync(new LimitCounts(["new", "k0"], [1, 1], WindowEnd));

        Assert.Equal([long.MaxValue, 2L], totals);
    }
}
