using DiuParibahan.Grains.Boarding;
using DiuParibahan.Grains.Tests.Fixtures;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// The door's boarding records of one trip: one per booking seat, kept with the first scan's time and actor, and a
/// second scan of the same seats writes nothing and says so.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BoardingGrainTests(ClusterFixture fixture)
{
    private IBoardingGrain NewTrip() => fixture.Grains.GetGrain<IBoardingGrain>($"BRD-{Guid.NewGuid():N}");

    [Fact]
    public async Task Board_TwoSeats_RecordsEachWithTheActor_AndListsThemInBoardingOrder()
    {
        var trip = NewTrip();

        var result = await trip.BoardAsync(new BoardPassengers("DP-100001", ["A2", "A1"], "staff-door"));
        await trip.BoardAsync(new BoardPassengers("DP-100002", ["B1"], "staff-door"));

        Assert.False(result.AlreadyBoarded);
        Assert.Equal(["A2", "A1"], result.Records.Select(r => r.Seat));
        Assert.All(result.Records, r => Assert.Equal(("DP-100001", "staff-door"), (r.Pnr, r.Actor)));
        var listed = await trip.ListAsync();
        Assert.Equal([("DP-100001", "A2"), ("DP-100001", "A1"), ("DP-100002", "B1")], listed.Select(r => (r.Pnr, r.Seat)));
    }

    [Fact]
    public async Task Board_Again_KeepsTheFirstTimeAndActor_AndSaysAlreadyBoarded()
    {
        var trip = NewTrip();
        var first = await trip.BoardAsync(new BoardPassengers("DP-200001", ["C1", "C2"], "staff-first"));

        var again = await trip.BoardAsync(new BoardPassengers("DP-200001", ["C2", "C1"], "staff-second"));

        Assert.True(again.AlreadyBoarded);
        Assert.Equal(first.Records.OrderBy(r => r.Seat), again.Records.OrderBy(r => r.Seat));
        Assert.All(again.Records, r => Assert.Equal("staff-first", r.Actor));
        Assert.Equal(2, (await trip.ListAsync()).Count);
    }

    [Fact]
    public async Task Board_ASeatListedTwice_RecordsItOnce()
    {
        var trip = NewTrip();

        var result = await trip.BoardAsync(new BoardPassengers("DP-300001", ["D1", "D1"], "staff-door"));

        Assert.False(result.AlreadyBoarded);
        Assert.Equal("D1", Assert.Single(result.Records).Seat);
        Assert.Single(await trip.ListAsync());
    }

    [Fact]
    public async Task Board_OneBoardedAndOneNewSeat_AddsOnlyTheNewOne_AndIsNotAlreadyBoarded()
    {
        var trip = NewTrip();
        var first = Assert.Single((await trip.BoardAsync(new BoardPassengers("DP-400001", ["E1"], "staff-first"))).Records);

        var result = await trip.BoardAsync(new BoardPassengers("DP-400001", ["E1", "E2"], "staff-second"));

        Assert.False(result.AlreadyBoarded);
        Assert.Equal([("E1", "staff-first"), ("E2", "staff-second")], result.Records.Select(r => (r.Seat, r.Actor)));
        Assert.Equal(first, result.Records[0]);
        Assert.Equal(2, (await trip.ListAsync()).Count);
    }

    [Fact]
    public async Task Board_AnswersOnlyTheAskedSeatsOfThatBooking_AndAnotherBookingsSameSeatIsItsOwnRecord()
    {
        var trip = NewTrip();
        await trip.BoardAsync(new BoardPassengers("DP-500001", ["F1", "F2"], "staff-door"));

        // F1 again, for another booking (the seat was sold again after a change): not the first booking's record.
        var other = await trip.BoardAsync(new BoardPassengers("DP-500002", ["F1"], "staff-door"));
        var part = await trip.BoardAsync(new BoardPassengers("DP-500001", ["F2"], "staff-door"));

        Assert.False(other.AlreadyBoarded);
        Assert.Equal(("DP-500002", "F1"), (Assert.Single(other.Records).Pnr, other.Records[0].Seat));
        Assert.True(part.AlreadyBoarded);
        Assert.Equal(("DP-500001", "F2"), (Assert.Single(part.Records).Pnr, part.Records[0].Seat));
        Assert.Equal(3, (await trip.ListAsync()).Count);
    }

    [Fact]
    public async Task Board_Again_WritesNothing()
    {
        var trip = NewTrip();
        await trip.BoardAsync(new BoardPassengers("DP-700001", ["H1"], "staff-door"));
        // Any write from here on fails: a second scan that wrote would throw.
        await fixture.Grains.GetGrain<IStorageFaultGrain>("boarding")
            .AddFaultOnWrite(trip.GetGrainId(), new InvalidOperationException("disk on fire"));

        var again = await trip.BoardAsync(new BoardPassengers("DP-700001", ["H1"], "staff-second"));

        Assert.True(again.AlreadyBoarded);
        Assert.Equal("staff-door", Assert.Single(again.Records).Actor);
    }

    [Fact]
    public async Task Board_WhenTheWriteFails_Throws_AndTheNextActivationHasNoRecord()
    {
        var trip = NewTrip();
        await trip.ListAsync();
        await fixture.Grains.GetGrain<IStorageFaultGrain>("boarding")
            .AddFaultOnWrite(trip.GetGrainId(), new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAnyAsync<Exception>(() => trip.BoardAsync(new BoardPassengers("DP-600001", ["G1"], "staff-door")));

        Assert.Empty(await trip.ListAsync());
        var retried = await trip.BoardAsync(new BoardPassengers("DP-600001", ["G1"], "staff-door"));
        Assert.False(retried.AlreadyBoarded);
        Assert.Single(await trip.ListAsync());
    }
}
