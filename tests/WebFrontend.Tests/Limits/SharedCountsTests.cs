using DiuParibahan.Grains.Limits;
using DiuParibahan.WebFrontend.Limits;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Limits;

/// <summary>
/// The counting logic of the cluster-wide limits on its own, with a fake clock: two frontends' <see cref="SharedCounts"/>
/// report to one in-memory stand-in for the limit window grains, as the flusher does, and read the totals back.
/// </summary>
public sealed class SharedCountsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, long> _cluster = [];

    private SharedCounts Frontend(int capacity = 1000) => new(_clock, capacity);

    /// <summary>What <see cref="SharedCountFlusher"/> does against the grains, with <see cref="_cluster"/> as the grains' totals.</summary>
    private void Flush(SharedCounts frontend)
    {
        foreach (var batch in frontend.TakeBatches())
        {
            var totals = new long[batch.Keys.Count];
            for (var i = 0; i < totals.Length; i++)
            {
                var key = batch.Grain + "|" + batch.Keys[i].Key;
                totals[i] = _cluster[key] = _cluster.GetValueOrDefault(key) + batch.Counts[i];
            }
            frontend.Apply(batch, totals);
        }
    }

    [Fact]
    public void Add_CountsLocallyAtOnce_WithoutWaitingForAFlush()
    {
        var a = Frontend();

        Assert.Equal(1, a.Add("l", "k", Minute));
        Assert.Equal(2, a.Add("l", "k", Minute));
        Assert.Equal(1, a.Add("l", "other", Minute));
        Assert.Empty(_cluster);
    }

    [Fact]
    public void AfterFlushes_EachFrontendSeesTheClusterTotal_NotOnlyItsOwnCounts()
    {
        var a = Frontend();
        var b = Frontend();
        for (var i = 0; i < 3; i++)
        {
            a.Add("l", "k", Minute);
        }
        b.Add("l", "k", Minute);
        b.Add("l", "k", Minute);

        Flush(a);
        Flush(b);
        // A counted nothing since, but a key it counted is read back on its next rounds.
        Flush(a);

        Assert.Equal(5, a.Peek("l", "k", Minute));
        Assert.Equal(5, b.Peek("l", "k", Minute));
        Assert.Equal(6, a.Add("l", "k", Minute));
    }

    [Fact]
    public void TwoFrontendsSharingAnAllowance_OvershootItByAtMostWhatEachCountsBetweenFlushes()
    {
        const int allowance = 100;
        const int perFrontendPerRound = 7;
        var frontends = new[] { Frontend(), Frontend() };
        var admitted = 0;
        for (var round = 0; round < 50; round++)
        {
            foreach (var frontend in frontends)
            {
                for (var i = 0; i < perFrontendPerRound; i++)
                {
                    if (frontend.Add("l", "k", Minute) <= allowance)
                    {
                        admitted++;
                    }
                }
            }
            foreach (var frontend in frontends)
            {
                Flush(frontend);
            }
            _clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        // Without sharing each would admit 100 (200 together); shared, at most one round's local counts get through twice.
        Assert.InRange(admitted, allowance, allowance + perFrontendPerRound);
    }

    [Fact]
    public void Reads_StopAfterTwoRoundsWithoutACount_SoQuietKeysCostNoCalls()
    {
        var a = Frontend();
        a.Add("l", "k", Minute);

        Assert.Equal([1], a.TakeBatches().SelectMany(b => b.Counts));
        Assert.Equal([0], a.TakeBatches().SelectMany(b => b.Counts));
        Assert.Empty(a.TakeBatches());
    }

    [Fact]
    public void Keys_GoToTheShardOfTheirHash_AndToTheGrainOfTheirWindow()
    {
        var a = Frontend();
        a.Add("otp-address", "198.51.100.1", Minute);

        var batch = Assert.Single(a.TakeBatches());
        var start = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(ILimitWindowGrain.KeyOf("otp-address", Minute, start, ILimitWindowGrain.ShardOf("198.51.100.1")), batch.Grain);
        Assert.Equal(start + Minute, batch.WindowEnd);
    }

    [Fact]
    public void AFailedFlush_KeepsItsCounts_InTheEstimateAndForTheNextReport()
    {
        var a = Frontend();
        a.Add("l", "k", Minute);
        a.Add("l", "k", Minute);

        foreach (var batch in a.TakeBatches())
        {
            a.Restore(batch);
        }

        Assert.Equal(2, a.Peek("l", "k", Minute));
        Flush(a);
        Assert.Equal(2, Assert.Single(_cluster.Values));
        Assert.Equal(2, a.Peek("l", "k", Minute));
    }

    [Fact]
    public void CountsInFlight_AreNotCountedTwice_WhenTheTotalComesBack()
    {
        var a = Frontend();
        a.Add("l", "k", Minute);
        var first = a.TakeBatches();
        a.Add("l", "k", Minute);
        Assert.Equal(2, a.Peek("l", "k", Minute));

        a.Apply(Assert.Single(first), [1]);

        Assert.Equal(2, a.Peek("l", "k", Minute));
    }

    [Fact]
    public void AddSliding_CountsTheShareOfLastMinuteStillInside_FromTheWholeCluster()
    {
        var a = Frontend();
        var b = Frontend();
        _clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 6; i++)
        {
            a.AddSliding("l", "k", Minute);
        }
        for (var i = 0; i < 4; i++)
        {
            b.AddSliding("l", "k", Minute);
        }
        Flush(a);
        Flush(b);
        Flush(a);

        // Into the next minute by a quarter: three quarters of last minute's ten (six here, four there) still count.
        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(1 + 7.5, a.AddSliding("l", "k", Minute), precision: 6);

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, a.AddSliding("l", "k", Minute));
    }

    [Fact]
    public void AWindowThatCloses_StartsTheNextFromZero()
    {
        var a = Frontend();
        a.Add("l", "k", Minute);
        a.Add("l", "k", Minute);
        Flush(a);

        _clock.Advance(Minute);

        Assert.Equal(1, a.Add("l", "k", Minute));
    }

    [Fact]
    public void WhenFullOfOpenWindows_ANewKeyIsPastAnyLimit_UntilTheyClose()
    {
        var a = Frontend(capacity: 2);
        a.Add("l", "k1", Minute);
        a.Add("l", "k2", Minute);

        Assert.Equal(long.MaxValue, a.Add("l", "k3", Minute));
        Assert.Equal(double.PositiveInfinity, a.AddSliding("l", "k3", Minute));
        Assert.Equal(2, a.Add("l", "k1", Minute));

        Flush(a);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, a.Add("l", "k3", Minute));
    }

    [Fact]
    public void WhenFull_AnEssentialKeyStillGetsRoom_SoAFloodOfAddressesCannotTripTheClusterWideBudget()
    {
        var a = Frontend(capacity: 2);
        a.Add("l", "k1", Minute);
        a.Add("l", "k2", Minute);

        Assert.Equal(0, a.Peek("budget", "all", TimeSpan.FromHours(1), essential: true));
        Assert.Equal(1, a.Add("budget", "all", TimeSpan.FromHours(1), essential: true));
        Assert.Equal(long.MaxValue, a.Add("l", "k3", Minute));
    }

    [Fact]
    public void WhenFull_ANewKeySweepsClosedWindowsAtMostOnceASecond()
    {
        var tick = TimeSpan.FromMilliseconds(100);
        var a = Frontend(capacity: 2);
        a.Add("l", "k1", tick);
        a.Add("l", "k2", tick);
        Assert.Equal(long.MaxValue, a.Add("l", "k3", tick));

        // Both windows (and the ones after them) have closed, but the last forced sweep was under a second ago.
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(long.MaxValue, a.Add("l", "k3", tick));

        _clock.Advance(TimeSpan.FromMilliseconds(800));
        Assert.Equal(1, a.Add("l", "k3", tick));
    }

    [Fact]
    public void AKeyTheGrainsHaveNoRoomFor_StaysPastAnyLimit()
    {
        var a = Frontend();
        a.Add("l", "k", Minute);
        a.Apply(Assert.Single(a.TakeBatches()), [long.MaxValue]);

        Assert.Equal(long.MaxValue, a.Add("l", "k", Minute));
    }
}
