using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class TripGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset FutureDeparture = DateTimeOffset.UtcNow.AddDays(3);

    private static TripDefinition NewTrip(int rows = 10)
    {
        var id = $"TST-{Guid.NewGuid():N}";
        var trip = Kolkata40(id, rows);
        var shift = FutureDeparture - trip.Departure;
        return trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
    }

    private async Task<ITripGrain> ScheduledAsync(TripDefinition trip)
    {
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    [Fact]
    public async Task Hold_OnAnUnknownTrip_ReturnsTripNotFound()
    {
        var result = await fixture.Grains.GetGrain<ITripGrain>("NOPE-1").HoldAsync(
            new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r", SalesChannel.Online));

        Assert.Equal(TripErrorCode.TripNotFound, result.Failure!.Code);
    }

    [Fact]
    public async Task Hold_WhenTheWriteFails_ThrowsAndLeavesNoTraceOfTheChange()
    {
        var trip = NewTrip();
        var grain = await ScheduledAsync(trip);
        // Faults are keyed by state name.
        var faults = fixture.Grains.GetGrain<IStorageFaultGrain>("trip");
        await faults.AddFaultOnWrite(grain.GetGrainId(), new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAnyAsync<Exception>(() =>
            grain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online)));

        // The next call reaches a fresh activation that reloads what storage has: the seat was never taken.
        var map = (await RetryAsync(() => grain.GetSeatMapAsync(Dhaka, Jashore, "alice"))).Map!;
        Assert.Equal(SeatState.Free, map.Seats.Single(s => s.Seat == "A1").State);
        Assert.Empty(map.MyHolds);
        var retry = await grain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online));
        Assert.Null(retry.Failure);
    }

    [Fact]
    public async Task Watch_StartsWithTheVersionMarker_ThenDeliversEveryPersistedChangeInOrder()
    {
        var grain = await ScheduledAsync(NewTrip());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var updates = grain.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync());
        var marker = updates.Current;
        Assert.Empty(marker.Changes);

        var holds = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            grain.HoldAsync(new HoldSeats($"owner-{i}", [$"B{(i % 4) + 1}", $"C{i % 4 + 1}"], Dhaka, Jashore, $"r{i}", SalesChannel.Online))));
        var succeeded = holds.Count(h => h.Failure is null);

        for (var expected = marker.Version + 1; expected <= marker.Version + succeeded; expected++)
        {
            Assert.True(await updates.MoveNextAsync());
            Assert.Equal(expected, updates.Current.Version);
            Assert.NotEmpty(updates.Current.Changes);
        }
    }

    [Fact]
    public async Task HoldAndRelease_AnswerWithTheirOwnDurableChange_TheSameUpdateWatchersGet()
    {
        var grain = await ScheduledAsync(NewTrip());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var updates = grain.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync());

        var held = await grain.HoldAsync(new HoldSeats("alice", ["A2"], Dhaka, Jashore, "r-change", SalesChannel.Online));
        Assert.True(await updates.MoveNextAsync());
        var heldChange = held.Change!;
        Assert.Equal(updates.Current.Version, heldChange.Version);
        Assert.Equal(updates.Current.Changes, heldChange.Changes);
        Assert.Equal(held.Version, heldChange.Version);
        Assert.Contains(heldChange.Changes, c => c.Seat == "A2" && c.State == SeatState.Held);
        Assert.Equal([held.Hold!.HoldId], heldChange.Holds!.Select(h => h.HoldId));

        var released = await grain.ReleaseAsync(held.Hold.HoldId, "alice");
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(updates.Current.Version, released.Change!.Version);
        Assert.Equal(updates.Current.Changes, released.Change.Changes);
        Assert.Equal(held.Version + 1, released.Change.Version);
        Assert.All(released.Change.Changes.Where(c => c.Seat == "A2"), c => Assert.Equal(SeatState.Free, c.State));
    }

    [Fact]
    public async Task Hold_RefusedOrRepeated_CarriesNoChange()
    {
        var grain = await ScheduledAsync(NewTrip());
        var first = await grain.HoldAsync(new HoldSeats("alice", ["A3"], Dhaka, Jashore, "r-first", SalesChannel.Online));
        Assert.NotNull(first.Change);

        var repeated = await grain.HoldAsync(new HoldSeats("alice", ["A3"], Dhaka, Jashore, "r-first", SalesChannel.Online));
        var refused = await grain.HoldAsync(new HoldSeats("bob", ["A3"], Dhaka, Jashore, "r-bob", SalesChannel.Online));
        var notReleased = await grain.ReleaseAsync(first.Hold!.HoldId, "bob");

        Assert.Equal(first.Hold.HoldId, repeated.Hold!.HoldId);
        Assert.Null(repeated.Change);
        Assert.Equal(TripErrorCode.SeatsUnavailable, refused.Failure!.Code);
        Assert.Null(refused.Change);
        Assert.NotNull(notReleased.Failure);
        Assert.Null(notReleased.Change);
    }

    [Fact]
    public async Task OnlineHold_ExpiresOnItsTimer_WithNobodyCallingTheTrip()
    {
        var grain = await ScheduledAsync(NewTrip());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var updates = grain.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync());

        var hold = (await grain.HoldAsync(new HoldSeats("alice", ["D4"], Dhaka, Kolkata, "r", SalesChannel.Online))).Hold!;
        Assert.True(await updates.MoveNextAsync());
        Assert.All(updates.Current.Changes.Where(c => c.Seat == "D4"), c => Assert.Equal(SeatState.Held, c.State));

        // The next update can only come from the expiry timer: no other call is made.
        Assert.True(await updates.MoveNextAsync());
        Assert.All(updates.Current.Changes.Where(c => c.Seat == "D4"), c => Assert.Equal(SeatState.Free, c.State));
        Assert.True(DateTimeOffset.UtcNow >= hold.ExpiresAt);
        Assert.Null(await grain.GetHoldAsync(hold.HoldId));
    }

    [Fact]
    public async Task Activation_ReleasesHoldsThatExpiredWhileTheTripWasInactive()
    {
        var trip = NewTrip();
        var expired = new HoldRecord(Guid.NewGuid(), "alice", ["A1", "A2"], 0, 3, DateTimeOffset.UtcNow.AddMinutes(-1), 4700, SalesChannel.Online, false);
        var stored = new TripState { Definition = trip, Version = 7, Holds = { [expired.Id] = expired } };
        var storage = ((InProcessSiloHandle)fixture.Cluster.Primary).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        await storage.WriteStateAsync("trip", fixture.Grains.GetGrain<ITripGrain>(trip.TripId).GetGrainId(), new GrainState<TripState>(stored));

        var map = (await fixture.Grains.GetGrain<ITripGrain>(trip.TripId).GetSeatMapAsync(Dhaka, Kolkata, "alice")).Map!;

        Assert.Equal(8, map.Version);
        Assert.All(map.Seats, s => Assert.Equal(SeatState.Free, s.State));
        Assert.Empty(map.MyHolds);
    }

    [Fact]
    public async Task RepeatedHoldRequest_ReturnsTheSameHold()
    {
        var grain = await ScheduledAsync(NewTrip());
        var command = new HoldSeats("alice", ["E1"], Dhaka, Jashore, "same-request", SalesChannel.Online);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => grain.HoldAsync(command)));

        Assert.Single(results.Select(r => r.Hold!.HoldId).Distinct());
    }

    [Fact]
    public async Task Snapshot_HoldsWhatIsStored_NotAChangeStillBeingWritten()
    {
        var grain = await ScheduledAsync(NewTrip());
        var before = (await grain.GetSnapshotAsync())!;
        var write = fixture.Writes.StallNextWrite(grain.GetGrainId());
        // A counter hold: it outlives a slow test run, unlike the 3 s online hold.
        var hold = grain.HoldAsync(new HoldSeats("clerk-1", ["E2"], Dhaka, Jashore, "snapshot", SalesChannel.Counter));
        await write.Started;

        var during = (await grain.GetSnapshotAsync())!;
        write.Complete();
        var held = (await hold).Hold!;
        var after = (await grain.GetSnapshotAsync())!;

        Assert.Equal(before.Version, during.Version);
        Assert.Empty(during.Holds);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(held.HoldId, Assert.Single(after.Holds).HoldId);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TripUnavailableException) when (attempt < 50)
            {
                await Task.Yield();
            }
        }
    }
}
