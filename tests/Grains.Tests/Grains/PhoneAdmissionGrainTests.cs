using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Phones;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// The phone's group commit: admissions are answered from memory and share the phone's next write, the trip waits for
/// that write alongside its own, and a failed write refuses (and undoes) every hold that waited on it. On the fake
/// clock, so the phone's deferred write (<see cref="PhoneGrain.DeferredWriteDelay"/>) happens only when a test moves time.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class PhoneAdmissionGrainTests(FakeClockClusterFixture fixture)
{
    private static string NewPhone() => "+88018" + Random.Shared.Next(10_000_000, 99_999_999);

    private async Task<ITripGrain> NewTripAsync(int rows = 10)
    {
        var trip = Kolkata40($"PA-{Guid.NewGuid():N}", rows);
        var shift = FakeClockClusterFixture.Clock.GetUtcNow().AddDays(3) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    private static HoldSeats Online(string phone, params string[] seats) =>
        new($"session-{Guid.NewGuid():N}", seats, Dhaka, Kolkata, Guid.NewGuid().ToString("N"), SalesChannel.Online, phone);

    private static async Task<SeatState> StateOfAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!.Seats.Single(s => s.Seat == seat).State;

    /// <summary>Starts holds on <paramref name="trips"/> while the phone's first write is stalled, and waits until the phone admitted them all.</summary>
    private async Task<(WriteGate.StalledWrite Write, List<Task<HoldResult>> Holds)> HoldWhileFirstWriteStalledAsync(
        IPhoneGrain phone, IReadOnlyList<ITripGrain> trips, string phoneNumber)
    {
        await phone.GetSummaryAsync();
        var write = fixture.Writes.StallNextWrite(phone.GetGrainId());
        var holds = new List<Task<HoldResult>> { trips[0].HoldAsync(Online(phoneNumber, "A1")) };
        await write.Started;
        holds.AddRange(trips.Skip(1).Select(t => t.HoldAsync(Online(phoneNumber, "A1"))));
        // The phone answers admissions from memory while its write is stalled; its summary shows them once admitted.
        await Eventually.ReachedAsync(phone.GetSummaryAsync, s => s.LiveHolds.Count == trips.Count);
        Assert.All(holds, h => Assert.False(h.IsCompleted, "a hold was acknowledged before the phone's write of it"));
        return (write, holds);
    }

    [Fact]
    public async Task AdmissionsArrivingDuringAWrite_ShareTheNextWrite()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trips = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewTripAsync()));
        var writesBefore = fixture.Writes.WritesOf(phone.GetGrainId());

        var (write, holds) = await HoldWhileFirstWriteStalledAsync(phone, trips, number);
        write.Complete();
        var results = await Task.WhenAll(holds);

        Assert.All(results, r => Assert.Null(r.Failure));
        // One write for the first admission, one shared by the three admitted while it was in flight.
        Assert.Equal(2, fixture.Writes.WritesOf(phone.GetGrainId()) - writesBefore);
        foreach (var trip in trips)
        {
            Assert.Equal(SeatState.Held, await StateOfAsync(trip, "A1"));
        }
    }

    [Fact]
    public async Task FailedPhoneWrite_RefusesAndUndoesEveryHoldWaitingOnIt()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trips = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NewTripAsync()));

        var (write, holds) = await HoldWhileFirstWriteStalledAsync(phone, trips, number);
        write.Fail(new InvalidOperationException("disk on fire"));

        foreach (var hold in holds)
        {
            await Assert.ThrowsAsync<TripUnavailableException>(() => hold);
        }
        foreach (var trip in trips)
        {
            Assert.Equal(SeatState.Free, await StateOfAsync(trip, "A1"));
        }
        Assert.Equal(0, (await phone.GetSummaryAsync()).HeldSeats(FakeClockClusterFixture.Clock.GetUtcNow()));
        // Nothing of the failed write counts: the phone may hold its full quota again, on the very same seats.
        var again = await Task.WhenAll(trips.Select(t => t.HoldAsync(Online(number, "A1", "A2"))));
        Assert.All(again, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task RepeatOfAHoldWhosePhoneWriteFails_IsNotAcknowledged()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trip = await NewTripAsync();
        await phone.GetSummaryAsync();
        var command = Online(number, "A1");
        var write = fixture.Writes.StallNextWrite(phone.GetGrainId());
        var first = trip.HoldAsync(command);
        await write.Started;
        // The trip applies the hold (its own write is not stalled) and waits for the phone's write.
        await Eventually.ReachedAsync(() => StateOfAsync(trip, "A1"), state => state == SeatState.Held);

        var repeat = trip.HoldAsync(command);
        // A read is answered from memory at once; the repeat was sent before it, so by its answer the repeat has run up to its wait.
        await trip.GetDefinitionAsync();
        var answeredEarly = repeat.IsCompleted;
        write.Fail(new InvalidOperationException("disk on fire"));

        Assert.False(answeredEarly, "the repeat was answered while the phone's write of its hold was still in flight");
        await Assert.ThrowsAsync<TripUnavailableException>(() => first);
        await Assert.ThrowsAsync<TripUnavailableException>(() => repeat);
        Assert.Equal(SeatState.Free, await StateOfAsync(trip, "A1"));
        // The undone hold's request id is forgotten: asking again is a new hold, not the undone one.
        var again = await trip.HoldAsync(command);
        Assert.Null(again.Failure);
        Assert.Equal(SeatState.Held, await StateOfAsync(trip, "A1"));
    }

    [Fact]
    public async Task ManyRacingHoldsAcrossTrips_NeverExceedTheOverallQuota_EvenWhileWritesAreSlow()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trips = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => NewTripAsync()));
        await phone.GetSummaryAsync();
        var write = fixture.Writes.StallNextWrite(phone.GetGrainId());
        using var start = new ManualResetEventSlim();

        // 12 trips × 2 one-seat holds from one phone (distinct sessions and seats, within the per-trip quotas): only
        // the overall quota of 6 seats stops them, so exactly 6 are held.
        var racers = trips.SelectMany(t => new[] { "A1", "A2" }.Select(seat => (Trip: t, Seat: seat)))
            .Select(h => Task.Run(async () =>
            {
                start.Wait(TestContext.Current.CancellationToken);
                return await h.Trip.HoldAsync(Online(number, h.Seat));
            }))
            .ToList();
        start.Set();
        await write.Started;
        write.Complete();
        var results = await Task.WhenAll(racers);

        var held = results.Where(r => r.Hold is not null).Sum(r => r.Hold!.Seats.Count);
        Assert.Equal(6, held);
        Assert.All(results.Where(r => r.Failure is not null), r => Assert.Equal(TripErrorCode.QuotaExceeded, r.Failure!.Code));
        var onTrips = 0;
        foreach (var trip in trips)
        {
            var map = (await trip.GetSeatMapAsync(Dhaka, Kolkata, null)).Map!;
            onTrips += map.Seats.Count(s => s.State == SeatState.Held);
        }
        Assert.Equal(6, onTrips);
        Assert.Equal(6, (await phone.GetSummaryAsync()).HeldSeats(FakeClockClusterFixture.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task HoldOnATakenSeat_IsRefusedWithoutAskingThePhone()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trip = await NewTripAsync();
        Assert.Null((await trip.SellAsync(new SellSeats("clerk-1", ["A1"], Dhaka, Kolkata, "s1", SalesChannel.Counter, "DP-TAKEN2"))).Failure);
        var writesBefore = fixture.Writes.WritesOf(phone.GetGrainId());

        var refused = await trip.HoldAsync(Online(number, "A1", "A2"));

        Assert.Equal(TripErrorCode.SeatsUnavailable, refused.Failure!.Code);
        Assert.Empty((await phone.GetSummaryAsync()).RecentHolds);
        Assert.Equal(writesBefore, fixture.Writes.WritesOf(phone.GetGrainId()));
    }

    [Fact]
    public async Task PlacedNote_CostsNoWriteOfItsOwn_AndRidesAlongWithTheNextWrite()
    {
        var number = NewPhone();
        var phone = fixture.Grains.GetGrain<IPhoneGrain>(number);
        var trip = await NewTripAsync();
        var writesBefore = fixture.Writes.WritesOf(phone.GetGrainId());
        var request = Online(number, "A1");

        var hold = (await trip.HoldAsync(request)).Hold!;
        // The trip tells the phone one-way that the reservation became the hold; the binding is not written at once.
        await Eventually.ReachedAsync(phone.GetSummaryAsync, s => s.LiveHolds.Any(h => h.HoldId == hold.HoldId));
        Assert.Equal(1, fixture.Writes.WritesOf(phone.GetGrainId()) - writesBefore);
        var next = fixture.Writes.StallNextWrite(phone.GetGrainId());

        // Nor after the delay: nothing but the binding is unwritten, and it changes no count.
        FakeClockClusterFixture.Clock.Advance(PhoneGrain.DeferredWriteDelay);
        Assert.Null((await trip.ReleaseAsync(hold.HoldId, request.OwnerId)).Failure);
        await Eventually.ReachedAsync(phone.GetSummaryAsync, s => s.LiveHolds.Count == 0);
        Assert.False(next.Started.IsCompleted);

        // The release is written after the delay, and the binding with it.
        FakeClockClusterFixture.Clock.Advance(PhoneGrain.DeferredWriteDelay);
        await next.Started.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        next.Complete();
        await Eventually.ReachedAsync(() => Task.FromResult(fixture.Writes.WritesOf(phone.GetGrainId()) - writesBefore), writes => writes == 2);
    }
}
