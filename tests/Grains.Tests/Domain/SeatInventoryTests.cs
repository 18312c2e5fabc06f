using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class SeatInventoryTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly TripState _state = NewState();
    private readonly SeatInventory _inventory;

    public SeatInventoryTests() => _inventory = new SeatInventory(_state, new InventoryLimits());

    private InventoryOutcome<HoldInfo> Hold(string owner, string from, string to, params string[] seats) =>
        _inventory.Hold(new HoldSeats(owner, seats, from, to, Guid.NewGuid().ToString(), SalesChannel.Online), Now);

    private InventoryOutcome<SaleInfo> Sell(string from, string to, params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, from, to, Guid.NewGuid().ToString(), SalesChannel.Counter, "DP-TEST01"), Now);

    private SeatState StateOn(string seat, string from, string to) =>
        _inventory.SeatMap(from, to, null, Now).Map!.Seats.Single(s => s.Seat == seat).State;

    [Fact]
    public void Hold_WhenSeatsFree_HoldsThemWithFareAndExpiryAndBumpsVersion()
    {
        var outcome = Hold("alice", Dhaka, Jashore, "A1", "A2");

        Assert.Null(outcome.Failure);
        Assert.Equal(["A1", "A2"], outcome.Value!.Seats);
        Assert.Equal(2 * 1000, outcome.Value.Amount);
        Assert.Equal(Now + TimeSpan.FromMinutes(10), outcome.Value.ExpiresAt);
        Assert.Equal(1, _inventory.Version);
        Assert.Equal(1, outcome.Update!.Version);
        Assert.Equal(SeatState.Held, StateOn("A1", Dhaka, Jashore));
    }

    [Fact]
    public void Sell_DhakaToJashoreThenJashoreToKolkata_BothSucceedOnTheSameSeat()
    {
        Assert.Null(Sell(Dhaka, Jashore, "C3").Failure);
        Assert.Null(Sell(Jashore, Kolkata, "C3").Failure);

        Assert.Equal(SeatState.Sold, StateOn("C3", Dhaka, Jashore));
        Assert.Equal(SeatState.Sold, StateOn("C3", Benapole, Kolkata));
    }

    [Theory]
    [InlineData(Dhaka, Kolkata)]
    [InlineData(Dhaka, Benapole)]
    [InlineData(Jashore, Benapole)]
    [InlineData(Benapole, Kolkata)]
    public void Hold_WhenSeatSoldOnOverlappingLeg_ReturnsConflict(string from, string to)
    {
        Sell(Jashore, Kolkata, "B2");
        var version = _inventory.Version;

        var outcome = Hold("alice", from, to, "B2");

        Assert.Equal(TripErrorCode.SeatsUnavailable, outcome.Failure!.Code);
        Assert.Equal(["B2"], outcome.Failure.Conflicts);
        Assert.Equal(version, _inventory.Version);
        Assert.False(outcome.Changed);
    }

    [Fact]
    public void Hold_WhenOneSeatIsTaken_HoldsNothingAndNamesOnlyThatSeat()
    {
        Hold("bob", Dhaka, Kolkata, "A3");

        var outcome = Hold("alice", Dhaka, Jashore, "A1", "A3", "A4");

        Assert.Equal(["A3"], outcome.Failure!.Conflicts);
        Assert.Equal(SeatState.Free, StateOn("A1", Dhaka, Jashore));
        Assert.Equal(SeatState.Free, StateOn("A4", Dhaka, Jashore));
    }

    [Fact]
    public void Hold_RepeatedRequestId_ReturnsTheFirstHoldWithoutAChange()
    {
        var command = new HoldSeats("alice", ["D1"], Dhaka, Jashore, "req-1", SalesChannel.Online);
        var first = _inventory.Hold(command, Now);

        var again = _inventory.Hold(command with { Seats = ["D2"] }, Now.AddSeconds(5));

        Assert.Equal(first.Value!.HoldId, again.Value!.HoldId);
        Assert.Equal(["D1"], again.Value.Seats);
        Assert.False(again.Changed);
        Assert.Equal(1, _inventory.Version);
        Assert.Equal(SeatState.Free, StateOn("D2", Dhaka, Jashore));
    }

    [Fact]
    public void Hold_SameRequestIdFromAnotherOwner_IsADifferentRequest()
    {
        _inventory.Hold(new HoldSeats("alice", ["D1"], Dhaka, Jashore, "req-1", SalesChannel.Online), Now);

        var bob = _inventory.Hold(new HoldSeats("bob", ["D1"], Dhaka, Jashore, "req-1", SalesChannel.Online), Now);

        Assert.Equal(TripErrorCode.SeatsUnavailable, bob.Failure!.Code);
    }

    [Fact]
    public void Hold_MoreSeatsThanTheOnlineLimit_IsRefusedButACounterMayTakeThem()
    {
        var online = Hold("alice", Dhaka, Jashore, "A1", "A2", "A3", "A4", "B1");
        var counter = _inventory.Hold(new HoldSeats("clerk", ["A1", "A2", "A3", "A4", "B1"], Dhaka, Jashore, "r", SalesChannel.Counter), Now);

        Assert.Equal(TripErrorCode.TooManySeats, online.Failure!.Code);
        Assert.Null(counter.Failure);
    }

    [Fact]
    public void Hold_ThirdLiveHoldOfOneOwner_IsRefused()
    {
        Hold("alice", Dhaka, Jashore, "A1");
        Hold("alice", Dhaka, Jashore, "A2");

        var third = Hold("alice", Dhaka, Jashore, "A3");

        Assert.Equal(TripErrorCode.HoldLimitReached, third.Failure!.Code);
        Assert.Null(Hold("bob", Dhaka, Jashore, "A3").Failure);
    }

    [Theory]
    [InlineData("nowhere", Jashore, new[] { "A1" }, TripErrorCode.UnknownStop)]
    [InlineData(Jashore, Dhaka, new[] { "A1" }, TripErrorCode.InvalidLeg)]
    [InlineData(Jashore, Jashore, new[] { "A1" }, TripErrorCode.InvalidLeg)]
    [InlineData(Dhaka, Jashore, new[] { "Z9" }, TripErrorCode.UnknownSeat)]
    [InlineData(Dhaka, Jashore, new[] { "A1", "A1" }, TripErrorCode.DuplicateSeat)]
    [InlineData(Dhaka, Jashore, new string[0], TripErrorCode.NoSeats)]
    public void Hold_BadInput_IsRefusedWithItsCodeAndChangesNothing(string from, string to, string[] seats, TripErrorCode expected)
    {
        var outcome = Hold("alice", from, to, seats);

        Assert.Equal(expected, outcome.Failure!.Code);
        Assert.Equal(0, _inventory.Version);
        Assert.Empty(_state.Holds);
    }

    [Fact]
    public void Release_ByAnotherOwner_IsRefused_ByTheOwner_FreesTheSeats()
    {
        var hold = Hold("alice", Dhaka, Kolkata, "E1").Value!;

        Assert.Equal(TripErrorCode.NotHoldOwner, _inventory.Release(hold.HoldId, "bob", Now).Failure!.Code);
        Assert.Null(_inventory.Release(hold.HoldId, "alice", Now).Failure);
        Assert.Equal(SeatState.Free, StateOn("E1", Dhaka, Kolkata));
    }

    [Fact]
    public void Holds_ExpireAtTheirExpiryTime()
    {
        var hold = Hold("alice", Dhaka, Jashore, "F1").Value!;

        Assert.Empty(_inventory.ExpireHolds(hold.ExpiresAt.AddTicks(-1)).Value!);
        var expired = _inventory.ExpireHolds(hold.ExpiresAt);

        Assert.Equal(hold.HoldId, Assert.Single(expired.Value!).Id);
        Assert.Contains(expired.Update!.Changes, c => c.Seat == "F1" && c.State == SeatState.Free);
        Assert.Equal(SeatState.Free, StateOn("F1", Dhaka, Jashore));
        Assert.Null(_inventory.NextExpiry);
    }

    [Fact]
    public void SeatMap_AfterExpiryTimeButBeforeTheSweep_ShowsTheSeatFree()
    {
        var hold = Hold("alice", Dhaka, Jashore, "F1").Value!;

        var map = _inventory.SeatMap(Dhaka, Jashore, null, hold.ExpiresAt).Map!;

        Assert.Equal(SeatState.Free, map.Seats.Single(s => s.Seat == "F1").State);
    }

    [Fact]
    public void Confirm_TurnsTheHoldIntoASale_AndIsIdempotent()
    {
        var hold = Hold("alice", Dhaka, Jashore, "G1", "G2").Value!;

        var sale = _inventory.Confirm(hold.HoldId, "DP-ABC123", Now);
        var again = _inventory.Confirm(hold.HoldId, "DP-ABC123", Now);

        Assert.Equal(["G1", "G2"], sale.Value!.Seats);
        Assert.Equal(sale.Value, again.Value);
        Assert.False(again.Changed);
        Assert.Equal(SeatState.Sold, StateOn("G2", Dhaka, Jashore));
        Assert.Empty(_state.Holds);
    }

    [Fact]
    public void Confirm_AfterTheHoldExpired_IsRefused()
    {
        var hold = Hold("alice", Dhaka, Jashore, "G1").Value!;

        var late = _inventory.Confirm(hold.HoldId, "DP-ABC123", hold.ExpiresAt);

        Assert.Equal(TripErrorCode.HoldExpired, late.Failure!.Code);
    }

    [Fact]
    public void Extend_WorksOnce_ThenIsRefused()
    {
        var hold = Hold("alice", Dhaka, Jashore, "H1").Value!;

        var extended = _inventory.Extend(hold.HoldId, hold.ExpiresAt.AddMinutes(15), Now);
        var twice = _inventory.Extend(hold.HoldId, hold.ExpiresAt.AddMinutes(30), Now);

        Assert.Equal(hold.ExpiresAt.AddMinutes(15), extended.Value!.ExpiresAt);
        Assert.True(extended.Changed);
        Assert.Equal(TripErrorCode.AlreadyExtended, twice.Failure!.Code);
    }

    [Fact]
    public void Hold_AfterSalesClose_IsRefusedOnline_ButACounterSellsUntilDeparture()
    {
        var late = Departure.AddMinutes(-10);

        var online = _inventory.Hold(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online), late);
        var counter = _inventory.Sell(new SellSeats("clerk", ["A1"], Dhaka, Jashore, "r2", SalesChannel.Counter, "DP-X"), late);
        var departed = _inventory.Sell(new SellSeats("clerk", ["A2"], Dhaka, Jashore, "r3", SalesChannel.Counter, "DP-Y"), Departure);
        var laterBoarding = _inventory.Hold(new HoldSeats("alice", ["A3"], Jashore, Kolkata, "r4", SalesChannel.Online), late);

        Assert.Equal(TripErrorCode.SalesClosed, online.Failure!.Code);
        Assert.Null(counter.Failure);
        Assert.Equal(TripErrorCode.SalesClosed, departed.Failure!.Code);
        Assert.Null(laterBoarding.Failure);
    }

    [Fact]
    public void Block_RefusesHeldSeats_AndUnblockFreesExactlyThatInterval()
    {
        Hold("alice", Dhaka, Jashore, "J1");

        var refused = _inventory.Block(new BlockSeats(["J1", "J2"], Dhaka, Kolkata, "staff"), Now);
        var blocked = _inventory.Block(new BlockSeats(["J2"], Dhaka, Kolkata, "staff"), Now);

        Assert.Equal(["J1"], refused.Failure!.Conflicts);
        Assert.Null(blocked.Failure);
        Assert.Equal(SeatState.Blocked, StateOn("J2", Benapole, Kolkata));
        Assert.Equal(TripErrorCode.SeatsUnavailable, Hold("bob", Benapole, Kolkata, "J2").Failure!.Code);

        _inventory.Unblock(new BlockSeats(["J2"], Dhaka, Kolkata, ""), Now);
        Assert.Equal(SeatState.Free, StateOn("J2", Benapole, Kolkata));
    }

    [Fact]
    public void Changes_ListTheWholeTimelineOfEachChangedSeat()
    {
        Sell(Jashore, Benapole, "A1");

        var changes = Hold("alice", Benapole, Kolkata, "A1").Update!.Changes;

        Assert.Equal(
            [
                new SeatChange("A1", Dhaka, Jashore, SeatState.Free),
                new SeatChange("A1", Jashore, Benapole, SeatState.Sold),
                new SeatChange("A1", Benapole, Kolkata, SeatState.Held),
            ],
            changes);
    }

    [Fact]
    public void SeatMap_MarksTheOwnersHeldSeatsAsMine()
    {
        Hold("alice", Dhaka, Jashore, "A1");
        Hold("bob", Dhaka, Jashore, "A2");

        var map = _inventory.SeatMap(Dhaka, Kolkata, "alice", Now).Map!;

        Assert.True(map.Seats.Single(s => s.Seat == "A1").Mine);
        Assert.False(map.Seats.Single(s => s.Seat == "A2").Mine);
        Assert.Single(map.MyHolds);
    }

    [Fact]
    public void Availability_CountsFreeSeatsPerLegInterval()
    {
        Sell(Dhaka, Jashore, "A1", "A2");
        Sell(Benapole, Kolkata, "A1");

        var availability = _inventory.Availability(Now);

        Assert.Equal(38, availability.FreeSeats(0, 1));
        Assert.Equal(40, availability.FreeSeats(1, 2));
        Assert.Equal(39, availability.FreeSeats(1, 3));
        Assert.Equal(38, availability.FreeSeats(0, 3));
    }
}
