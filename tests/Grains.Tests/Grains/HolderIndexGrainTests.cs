using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using Orleans.Runtime;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// One shard of the hoarding index, fed summaries directly: the newest revision wins, quiet phones leave it, blocks
/// outlive the activation, and past its bound the stalest unblocked phones go first. Each test uses a shard key of its
/// own (beyond the 16 the phones report to), on the fake clock so "quiet later" needs no waiting.
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

    /// <summary>A phone with nothing live, nothing recent and no block: nothing for ops to see.</summary>
    private static HolderSummary Quiet(string phone, long revision) => new(phone, revision, Now, [], [], [], null, null);

    private static PhoneBlockInfo Block() => new("hoarding", Now + TimeSpan.FromDays(1), "user-ops", Now);

    /// <summary>
    /// Reports are one-way, so a list may overtake them: reports a fresh sentinel phone after them and polls until it is
    /// listed (the shard handles one message at a time, in the order one sender's reports arrive), then returns the list
    /// without it.
    /// </summary>
    private static async Task<IReadOnlyList<HolderSummary>> SettledAsync(IHolderIndexGrain shard)
    {
        var sentinel = NewPhone();
        await shard.ReportAsync(Holding(sentinel, revision: 1, seats: 1));
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var listed = await shard.ListAsync();
            if (listed.Any(s => s.Phone == sentinel))
            {
                return listed.Where(s => s.Phone != sentinel).ToList();
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "The shard did not take the reports in within 30 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task OlderOrEqualRevisions_AreIgnored_ANewerOneReplaces()
    {
        var shard = NewShard();
        var phone = NewPhone();
        await shard.ReportAsync(Holding(phone, revision: 2, seats: 3));

        await shard.ReportAsync(Quiet(phone, revision: 1));
        await shard.ReportAsync(Holding(phone, revision: 2, seats: 1));
        Assert.Equal(3, Assert.Single(await SettledAsync(shard), s => s.Phone == phone).HeldSeats(Now));

        await shard.ReportAsync(Holding(phone, revision: 3, seats: 2));
        Assert.Equal(2, Assert.Single(await SettledAsync(shard), s => s.Phone == phone).HeldSeats(Now));
    }

    [Fact]
    public async Task AQuietSummary_RemovesThePhone_AndAQuietNewcomerIsNeverListed()
    {
        var shard = NewShard();
        var phone = NewPhone();
        await shard.ReportAsync(Holding(phone, revision: 1, seats: 2));

        await shard.ReportAsync(Quiet(phone, revision: 2));
        await shard.ReportAsync(Quiet(NewPhone(), revision: 1));

        Assert.Empty(await SettledAsync(shard));
    }

    [Fact]
    public async Task APhoneWhoseHoldsRanOut_IsDroppedWhenListed()
    {
        var shard = NewShard();
        var phone = NewPhone();
        await shard.ReportAsync(Holding(phone, revision: 1, seats: 2));
        Assert.Single(await SettledAsync(shard), s => s.Phone == phone);

        // Past the hold's expiry; it was no recent hold (none listed), so nothing about it is notable any more.
        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromMinutes(11));

        // The sentinel's hold ran out too: only a phone reported after the clock moved could still be listed.
        Assert.DoesNotContain(await shard.ListAsync(), s => s.Phone == phone);
    }

    [Fact]
    public async Task ABlockedPhone_IsStoredAndListedByTheNextActivation_AnUnblockedOneIsNot()
    {
        var shard = NewShard();
        var blocked = NewPhone();
        var holding = NewPhone();
        await shard.ReportAsync(Holding(holding, revision: 1, seats: 2));
        await shard.ReportAsync(Holding(blocked, revision: 1, seats: 1, Block()));
        Assert.Equal(2, (await SettledAsync(shard)).Count);

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
        await shard.ReportAsync(Holding(phone, revision: 2, seats: 1));
        Assert.Null(Assert.Single(await SettledAsync(shard), s => s.Phone == phone).Block);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.Empty(await shard.ListAsync());
    }

    [Fact]
    public async Task PastItsBound_TheStalestUnblockedPhoneGoes_ABlockedOneStays()
    {
        var shard = NewShard();
        var blocked = NewPhone();
        var stalest = NewPhone();
        // The blocked phone and the stalest unblocked one are reported first, with the oldest as-of times.
        await shard.ReportAsync(Holding(blocked, revision: 1, seats: 1, Block()) with { AsOf = Now - TimeSpan.FromMinutes(5) });
        await shard.ReportAsync(Holding(stalest, revision: 1, seats: 1) with { AsOf = Now - TimeSpan.FromMinutes(4) });
        // With these the shard is full; the sentinel SettledAsync reports is one past the bound.
        var others = Enumerable.Range(0, HolderIndexGrain.MaxEntries - 2).Select(i => $"+8801{i:D9}").ToList();
        foreach (var phone in others)
        {
            await shard.ReportAsync(Holding(phone, revision: 1, seats: 1));
        }

        var listed = (await SettledAsync(shard)).Select(s => s.Phone).ToHashSet();

        Assert.Equal(HolderIndexGrain.MaxEntries - 1, listed.Count);
        Assert.Contains(blocked, listed);
        Assert.DoesNotContain(stalest, listed);
        Assert.Contains(others[0], listed);
    }
}
