using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// One shard of the hoarding index as a grain: blocks outlive the activation, a lifted block is no longer stored. The
/// rules of its books (revisions, quiet phones, the bound) are tested in order on <see cref="HolderIndex"/>: reports
/// are one-way, and Orleans does not promise that two of them arrive in the order sent, so each step here waits until
/// its report shows. Each test uses a shard key of its own (beyond the 16 the phones report to), on the fake clock.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class HolderIndexGrainTests(FakeClockClusterFixture fixture)
{
    private static DateTimeOffset Now => FakeClockClusterFixture.Clock.GetUtcNow();

    private IHolderIndexGrain NewShard() => fixture.Grains.GetGrain<IHolderIndexGrain>(Random.Shared.NextInt64(1_000, long.MaxValue));

    private static string NewPhone() => "+88019" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A phone holding <paramref name="seats"/> seats for ten minutes, as of now.</summary>
    private static HolderSummary Holding(string phone, long revision, int seats, PhoneBlockInfo? block = null) =>
        new(phone, revision, Now, [new HolderHold("trip-1", Guid.NewGuid(), seats, Now + TimeSpan.FromMinutes(10))], [], [], null, block);

    private static PhoneBlockInfo Block() => new("hoarding", Now + TimeSpan.FromDays(1), "user-ops", Now);

    /// <summary>Polls the shard's list until <paramref name="shown"/> holds for it (a one-way report has been taken in).</summary>
    private static async Task<IReadOnlyList<HolderSummary>> ListedAsync(IHolderIndexGrain shard, Func<IReadOnlyList<HolderSummary>, bool> shown)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var listed = await shard.ListAsync();
            if (shown(listed))
            {
                return listed;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "The shard did not take the reports in within 30 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task ABlockedPhone_IsStoredAndListedByTheNextActivation_AnUnblockedOneIsNot()
    {
        var shard = NewShard();
        var blocked = NewPhone();
        var holding = NewPhone();
        await shard.ReportAsync(Holding(holding, revision: 1, seats: 2));
        await shard.ReportAsync(Holding(blocked, revision: 1, seats: 1, Block()));
        await ListedAsync(shard, listed => listed.Count == 2);

        // Every idle activation goes; the shard comes back with only what it stored.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var listed = Assert.Single(await shard.ListAsync());
        Assert.Equal(blocked, listed.Phone);
        Assert.NotNull(listed.BlockAt(Now));
    }

    [Fact]
    public async Task ALiftedBlock_IsNoLongerStored()
    {
        var shard = NewShard();
        var phone = NewPhone();
        await shard.ReportAsync(Holding(phone, revision: 1, seats: 1, Block()));
        await ListedAsync(shard, listed => listed.Any(s => s.Phone == phone && s.Block is not null));
        await shard.ReportAsync(Holding(phone, revision: 2, seats: 1));
        await ListedAsync(shard, listed => listed.Any(s => s.Phone == phone && s.Block is null));

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Empty(await shard.ListAsync());
    }
}
