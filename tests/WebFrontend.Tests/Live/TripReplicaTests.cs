using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Live;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Live;

/// <summary>The frontend replica on handmade snapshots and deltas: ordering, gaps, resync, waiting for a version.</summary>
public sealed class TripReplicaTests
{
    private const string Trip = "DHK-KOL-20261210-2230";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Stops = ["a", "b", "c"];

    private readonly FakeTimeProvider _time = new(Now);

    private static TripDefinition Definition() => new(Trip, "R1", "DHK-KOL", "Dhaka–Kolkata", "ঢাকা–কলকাতা", "C1", "DHK-1",
        CoachClass.AcBusiness,
        new SeatLayout("L", "Layout", 1, 3, 1, CoachSide.Right, CoachSide.Left, 0,
            [new LayoutSeat("A1", 0, 0), new LayoutSeat("A2", 0, 1), new LayoutSeat("A3", 0, 2)]),
        Stops.Select((s, i) => new TripStop(s, Now.AddHours(10 + i))).ToList(), [100, 100], TimeSpan.FromHours(1));

    private static HoldInfo Hold(string owner, string seat, string from, string to) =>
        new(Guid.NewGuid(), Trip, owner, [seat], from, to, Now.AddMinutes(10), 100, SalesChannel.Online, false);

    private static SeatChange[] Seat(string seat, params (string From, string To, SeatState State)[] runs) =>
        runs.Select(r => new SeatChange(seat, r.From, r.To, r.State)).ToArray();

    private static TripSnapshot Snapshot(long version, params HoldInfo[] holds) => new(Definition(), version, false,
        [.. Seat("A1", ("a", "c", SeatState.Free)), .. Seat("A2", ("a", "c", SeatState.Free)), .. Seat("A3", ("a", "c", SeatState.Free))],
        holds);

    private static TripUpdate Update(long version, SeatChange[] changes, params HoldInfo[] holds) =>
        new(Trip, version, changes, Holds: holds);

    private SeatState StateOf(TripReplica replica, string seat, string from = "a", string to = "c") =>
        replica.WaitForAsync(0, TimeSpan.Zero, CancellationToken.None).AsTask().Result!
            .SeatMap(from, to, null, _time.GetUtcNow())!.Seats.Single(s => s.Seat == seat).State;

    [Fact]
    public void Deltas_InVersionOrder_AreAppliedPerLeg_AndMarkTheHoldersOwnSeats()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));
        var alice = Hold("user:alice", "A1", "a", "b");

        Assert.True(replica.Apply(Update(4, Seat("A1", ("a", "b", SeatState.Held), ("b", "c", SeatState.Free)), alice)));
        Assert.True(replica.Apply(Update(5, Seat("A2", ("a", "c", SeatState.Sold)))));

        var view = replica.WaitForAsync(5, TimeSpan.Zero, CancellationToken.None).AsTask().Result!;
        Assert.Equal(5, view.Version);
        var aliceMap = view.SeatMap("a", "c", "user:alice", Now)!;
        Assert.Equal(SeatState.Held, aliceMap.Seats.Single(s => s.Seat == "A1").State);
        Assert.True(aliceMap.Seats.Single(s => s.Seat == "A1").Mine);
        Assert.Equal([alice.HoldId], aliceMap.MyHolds.Select(h => h.HoldId));
        Assert.Equal(SeatState.Sold, aliceMap.Seats.Single(s => s.Seat == "A2").State);
        // The second leg does not touch A1's hold, and someone else never sees it as theirs.
        Assert.Equal(SeatState.Free, view.SeatMap("b", "c", "user:alice", Now)!.Seats.Single(s => s.Seat == "A1").State);
        Assert.False(view.SeatMap("a", "b", "user:bob", Now)!.Seats.Single(s => s.Seat == "A1").Mine);
        Assert.Null(view.SeatMap("c", "a", null, Now));
    }

    [Fact]
    public void Delta_AtOrBelowTheHeldVersion_IsIgnored()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(7));

        Assert.True(replica.Apply(Update(6, Seat("A3", ("a", "c", SeatState.Sold)))));

        Assert.Equal(7, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A3"));
    }

    [Fact]
    public void Delta_AfterAGap_IsRefused_AndANewSnapshotBringsTheReplicaBack()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));

        Assert.False(replica.Apply(Update(5, Seat("A3", ("a", "c", SeatState.Sold)))));
        Assert.Equal(3, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A3"));

        var resynced = Snapshot(5) with { Seats = [.. Seat("A1", ("a", "c", SeatState.Free)), .. Seat("A2", ("a", "c", SeatState.Free)),
            .. Seat("A3", ("a", "c", SeatState.Sold))] };
        replica.Reset(resynced);
        Assert.Equal(5, replica.Version);
        Assert.Equal(SeatState.Sold, StateOf(replica, "A3"));
        Assert.True(replica.Apply(Update(6, Seat("A3", ("a", "c", SeatState.Free)))));
        Assert.Equal(SeatState.Free, StateOf(replica, "A3"));
    }

    [Fact]
    public void ResyncUpdate_IsNotAppliedAsADelta()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));

        Assert.False(replica.Apply(new TripUpdate(Trip, 4, [], Resync: true)));
        Assert.Equal(3, replica.Version);
    }

    [Fact]
    public void OlderSnapshot_NeverTakesTheReplicaBack()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(9));
        replica.MarkStale();

        replica.Reset(Snapshot(8));

        Assert.Equal(9, replica.Version);
        Assert.False(replica.IsFresh);
    }

    [Fact]
    public async Task WaitFor_AVersionThatArrivesInTime_ReturnsIt()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));

        var waiting = replica.WaitForAsync(4, TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        replica.Apply(Update(4, Seat("A1", ("a", "c", SeatState.Sold))));

        Assert.Equal(4, (await waiting)!.Version);
    }

    [Fact]
    public async Task WaitFor_AVersionThatDoesNotArrive_GivesUpAtTheDeadline()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));

        var waiting = replica.WaitForAsync(4, TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Null(await waiting);
    }

    [Fact]
    public async Task StaleReplica_AnswersNothing_UntilTheNextSnapshot()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));
        replica.MarkStale();

        Assert.Null(await replica.WaitForAsync(0, TimeSpan.Zero, CancellationToken.None));
        replica.Reset(Snapshot(4));
        Assert.Equal(4, (await replica.WaitForAsync(0, TimeSpan.Zero, CancellationToken.None))!.Version);
    }
    [Fact]
    public async Task OwnWrite_AtTheNextVersion_IsAppliedAtOnce_AndReleasesItsWaitingReader()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));
        var alice = Hold("user:alice", "A1", "a", "c");
        var waiting = replica.WaitForAsync(4, TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask();

        Assert.True(replica.ApplyWrite(Update(4, Seat("A1", ("a", "c", SeatState.Held)), alice)));

        var view = (await waiting)!;
        Assert.Equal(4, view.Version);
        Assert.True(view.SeatMap("a", "c", "user:alice", Now)!.Seats.Single(s => s.Seat == "A1").Mine);
        // The same change arriving on the stream afterwards is already held: ignored, still in order.
        Assert.True(replica.Apply(Update(4, Seat("A1", ("a", "c", SeatState.Held)), alice)));
        Assert.True(replica.Apply(Update(5, Seat("A2", ("a", "c", SeatState.Sold)))));
        Assert.Equal(5, replica.Version);
        Assert.Equal(SeatState.Held, StateOf(replica, "A1"));
    }

    [Fact]
    public void OwnWrite_AfterAGap_IsLeftToTheStream_WhichAppliesEverythingInOrder()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));
        var later = Update(5, Seat("A2", ("a", "c", SeatState.Sold)));

        Assert.False(replica.ApplyWrite(later));
        Assert.Equal(3, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A2"));

        Assert.True(replica.Apply(Update(4, Seat("A1", ("a", "c", SeatState.Sold)))));
        Assert.True(replica.Apply(later));
        Assert.Equal(5, replica.Version);
        Assert.Equal(SeatState.Sold, StateOf(replica, "A1"));
        Assert.Equal(SeatState.Sold, StateOf(replica, "A2"));
    }

    [Fact]
    public void OwnWrite_AlreadyHeld_ReportsTheReplicaHasIt()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(6));

        Assert.True(replica.ApplyWrite(Update(5, Seat("A2", ("a", "c", SeatState.Sold)))));

        Assert.Equal(6, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A2"));
    }

    [Fact]
    public void OwnWrite_ToAStaleReplica_WaitsForTheSnapshot_SoTheSnapshotIsNeverRefused()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));
        replica.MarkStale();

        Assert.False(replica.ApplyWrite(Update(4, Seat("A1", ("a", "c", SeatState.Sold)))));
        Assert.Equal(3, replica.Version);

        replica.Reset(Snapshot(4) with { Seats = [.. Seat("A1", ("a", "c", SeatState.Sold)), .. Seat("A2", ("a", "c", SeatState.Free)),
            .. Seat("A3", ("a", "c", SeatState.Free))] });
        Assert.True(replica.IsFresh);
        Assert.Equal(4, replica.Version);
        Assert.Equal(SeatState.Sold, StateOf(replica, "A1"));
    }

    [Fact]
    public void OwnWrite_OfAnotherTripOrOfTheTripItself_IsNotApplied()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(3));

        Assert.False(replica.ApplyWrite(new TripUpdate("OTHER-TRIP", 4, Seat("A1", ("a", "c", SeatState.Sold)))));
        Assert.False(replica.ApplyWrite(new TripUpdate(Trip, 4, [], Resync: true)));

        Assert.Equal(3, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A1"));
    }

    [Fact]
    public async Task OwnWritesAndTheStream_RacingOnManyThreads_LeaveEveryVersionAppliedOnceInOrder()
    {
        var replica = new TripReplica(Trip, _time);
        replica.Reset(Snapshot(0));
        // A writer that published a view built on an older one would take the replica back, and the stream's next
        // delta would then look like a gap (Apply false).
        var updates = Enumerable.Range(1, 400)
            .Select(v => Update(v, Seat("A1", ("a", "c", v % 2 == 1 ? SeatState.Sold : SeatState.Free))))
            .ToArray();

        var stream = Task.Run(() =>
        {
            foreach (var update in updates)
            {
                Assert.True(replica.Apply(update));
            }
        }, TestContext.Current.CancellationToken);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            foreach (var update in updates.Where(u => u.Version % 4 == w))
            {
                replica.ApplyWrite(update);
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll([stream, .. writers]);

        Assert.Equal(400, replica.Version);
        Assert.Equal(SeatState.Free, StateOf(replica, "A1"));
    }
}
