using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// A repeated request (same owner and request id) is answered from memory, but only once the write holding the first
/// request's change is durable: answering earlier would acknowledge a change storage may never hold.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TripGrainRepeatTests(ClusterFixture fixture)
{
    private async Task<ITripGrain> ScheduledAsync()
    {
        var trip = Kolkata40($"RPT-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow.AddDays(3) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    /// <summary>Sends the repeat while the first write is stalled, and makes sure the grain has taken it in.</summary>
    private static async Task<Task<HoldResult>> RepeatWhileStalledAsync(ITripGrain grain, HoldSeats command)
    {
        var repeat = grain.HoldAsync(command);
        // A read is answered from memory at once; the repeat was sent before it, so by its answer the repeat has run up to its wait.
        await grain.GetDefinitionAsync();
        return repeat;
    }

    [Fact]
    public async Task RepeatedRequestWhileWriteFailsIsNotAcknowledged()
    {
        var grain = await ScheduledAsync();
        var command = new HoldSeats("alice", ["F1"], Dhaka, Jashore, "repeat-fails", SalesChannel.Online);
        var write = fixture.Writes.StallNextWrite(grain.GetGrainId());
        var first = grain.HoldAsync(command);
        await write.Started;

        var repeat = await RepeatWhileStalledAsync(grain, command);
        write.Fail(new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        await Assert.ThrowsAnyAsync<Exception>(() => repeat);
    }

    [Fact]
    public async Task RepeatedRequestWhileWriteIsSlow_IsAcknowledgedOnlyOnceTheWriteIsDurable()
    {
        var grain = await ScheduledAsync();
        var command = new HoldSeats("alice", ["F2"], Dhaka, Jashore, "repeat-slow", SalesChannel.Online);
        var write = fixture.Writes.StallNextWrite(grain.GetGrainId());
        var first = grain.HoldAsync(command);
        await write.Started;

        var repeat = await RepeatWhileStalledAsync(grain, command);
        var answeredEarly = repeat.IsCompleted;
        write.Complete();

        Assert.False(answeredEarly, "the repeat was answered while the write holding its change was still in flight");
        Assert.Equal((await first).Hold!.HoldId, (await repeat).Hold!.HoldId);
    }

    [Fact]
    public async Task RepeatOfAChangeQueuedBehindAWriteInFlight_FailsWhenItsOwnWriteFails()
    {
        var grain = await ScheduledAsync();
        var firstWrite = fixture.Writes.StallNextWrite(grain.GetGrainId());
        var first = grain.HoldAsync(new HoldSeats("alice", ["F3"], Dhaka, Jashore, "queued-first", SalesChannel.Online));
        await firstWrite.Started;
        // Applied while the first write is in flight, so it waits for the next write; so must its repeat.
        var command = new HoldSeats("bob", ["F4"], Dhaka, Jashore, "queued-second", SalesChannel.Online);
        var second = grain.HoldAsync(command);
        var repeat = await RepeatWhileStalledAsync(grain, command);

        var secondWrite = fixture.Writes.StallNextWrite(grain.GetGrainId());
        firstWrite.Complete();
        Assert.Null((await first).Failure);
        await secondWrite.Started;
        secondWrite.Fail(new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAnyAsync<Exception>(() => second);
        await Assert.ThrowsAnyAsync<Exception>(() => repeat);
    }
}
