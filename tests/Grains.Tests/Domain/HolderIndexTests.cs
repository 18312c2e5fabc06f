using DiuParibahan.Grains.Phones;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// The books of one hoarding-index shard, in the order reports are taken in (the grain gets them one-way, in whatever
/// order they arrive): the newest revision wins, quiet phones leave, phones whose holds ran out are dropped when
/// listed, past the bound the stalest unblocked phones go first, and only blocked phones are what the shard stores.
/// </summary>
public sealed class HolderIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static string NewPhone() => "+88019" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A phone holding <paramref name="seats"/> seats for ten minutes from <see cref="Now"/>.</summary>
    private static HolderSummary Holding(string phone, long revision, int seats, PhoneBlockInfo? block = null) =>
        new(phone, revision, Now, [new HolderHold("trip-1", Guid.NewGuid(), seats, Now + TimeSpan.FromMinutes(10))], [], [], null, block);

    /// <summary>A phone with nothing live, nothing recent and no block: nothing for ops to see.</summary>
    private static HolderSummary Quiet(string phone, long revision) => new(phone, revision, Now, [], [], [], null, null);

    private static PhoneBlockInfo Block() => new("hoarding", Now + TimeSpan.FromDays(1), "user-ops", Now);

    private readonly HolderIndex _index = new([]);

    [Fact]
    public void OlderOrEqualRevisions_AreIgnored_ANewerOneReplaces()
    {
        var phone = NewPhone();
        _index.Report(Holding(phone, revision: 2, seats: 3), Now);

        Assert.False(_index.Report(Quiet(phone, revision: 1), Now));
        Assert.False(_index.Report(Holding(phone, revision: 2, seats: 1), Now));
        Assert.Equal(3, Assert.Single(_index.List(Now)).HeldSeats(Now));

        _index.Report(Holding(phone, revision: 3, seats: 2), Now);
        Assert.Equal(2, Assert.Single(_index.List(Now)).HeldSeats(Now));
    }

    [Fact]
    public void AQuietSummary_RemovesThePhone_AndAQuietNewcomerIsNeverListed()
    {
        var phone = NewPhone();
        _index.Report(Holding(phone, revision: 1, seats: 2), Now);

        _index.Report(Quiet(phone, revision: 2), Now);
        _index.Report(Quiet(NewPhone(), revision: 1), Now);

        Assert.Empty(_index.List(Now));
    }

    [Fact]
    public void APhoneWhoseHoldsRanOut_IsDroppedWhenListed()
    {
        var phone = NewPhone();
        _index.Report(Holding(phone, revision: 1, seats: 2), Now);
        Assert.Single(_index.List(Now));

        // Past the hold's expiry; it was no recent hold (none listed), so nothing about it is notable any more.
        Assert.Empty(_index.List(Now + TimeSpan.FromMinutes(11)));
        Assert.Empty(_index.List(Now));
    }

    [Fact]
    public void PastItsBound_TheStalestUnblockedPhoneGoes_ABlockedOneStays()
    {
        var blocked = NewPhone();
        var stalest = NewPhone();
        _index.Report(Holding(blocked, revision: 1, seats: 1, Block()) with { AsOf = Now - TimeSpan.FromMinutes(5) }, Now);
        _index.Report(Holding(stalest, revision: 1, seats: 1) with { AsOf = Now - TimeSpan.FromMinutes(4) }, Now);
        var others = Enumerable.Range(0, HolderIndex.MaxEntries - 2).Select(i => $"+8801{i:D9}").ToList();
        foreach (var phone in others)
        {
            _index.Report(Holding(phone, revision: 1, seats: 1), Now);
        }
        Assert.Equal(HolderIndex.MaxEntries, _index.List(Now).Count);

        _index.Report(Holding(NewPhone(), revision: 1, seats: 1), Now);

        var listed = _index.List(Now).Select(s => s.Phone).ToHashSet();
        Assert.Equal(HolderIndex.MaxEntries, listed.Count);
        Assert.Contains(blocked, listed);
        Assert.DoesNotContain(stalest, listed);
        Assert.Contains(others[0], listed);
    }

    [Fact]
    public void OnlyABlockChange_AsksForAWrite_AndOnlyBlockedPhonesAreStored()
    {
        var phone = NewPhone();
        var other = NewPhone();

        Assert.False(_index.Report(Holding(other, revision: 1, seats: 1), Now));
        Assert.True(_index.Report(Holding(phone, revision: 1, seats: 1, Block()), Now));
        Assert.False(_index.Report(Holding(phone, revision: 2, seats: 2, Block()), Now));
        Assert.Equal([phone], _index.Blocked(Now).Keys);
        Assert.Empty(_index.Blocked(Now + TimeSpan.FromDays(2)));

        Assert.True(_index.Report(Holding(phone, revision: 3, seats: 1), Now));
        Assert.Empty(_index.Blocked(Now));
    }

    [Fact]
    public void StoredBlockedPhones_AreListedByANewIndex()
    {
        var phone = NewPhone();
        var stored = new HolderIndex([Holding(phone, revision: 4, seats: 0, Block())]);

        var listed = Assert.Single(stored.List(Now));
        Assert.Equal(phone, listed.Phone);
        Assert.False(stored.Report(Holding(phone, revision: 4, seats: 3), Now));
    }
}
