using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Grains.Tests.Fixtures;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class TripOperationsTests
{
    private static readonly DateTimeOffset Leaves = TestTrips.Departure;
    private static readonly DateTimeOffset Now = Leaves.AddDays(-1);

    private static TripState WithSale(params string[] seats)
    {
        var state = NewState();
        state.Sales[Guid.NewGuid()] = new SaleRecord(Guid.NewGuid(), "alice", "DP-AAAAAA", seats, 0, 1, 1000 * seats.Length, SalesChannel.Online);
        return state;
    }

    private static (Coach Coach, SeatLayout Layout) CoachWith(int rows, CoachClass coachClass = CoachClass.AcEconomy)
    {
        var layout = SeatLayouts.Grid("S" + rows, "Smaller", rows, 2, 2);
        return (new Coach("coach-x", "Dhaka Metro Ba-99-0001", coachClass, layout.Code, "Hino"), layout);
    }

    [Fact]
    public void Delay_MovesEveryStopByTheSameAmount_AndRemembersTheTimetabledDeparture()
    {
        var state = NewState();

        var (trip, changed, failure) = TripOperations.Delay(state, new DelayTrip(Leaves.AddMinutes(90), "ops-1", "Fog"), Now);

        Assert.Null(failure);
        Assert.True(changed);
        Assert.Equal(state.Definition!.Stops.Select(s => s.Departure.AddMinutes(90)), trip!.Stops.Select(s => s.Departure));
        Assert.Equal(Leaves, trip.ScheduledDeparture);
    }

    [Fact]
    public void Delay_RepeatedToTheSameTime_ChangesNothing()
    {
        var state = NewState();
        state.Definition = TripOperations.Delay(state, new DelayTrip(Leaves.AddMinutes(90), "ops-1", "Fog"), Now).Trip;

        var (trip, changed, failure) = TripOperations.Delay(state, new DelayTrip(Leaves.AddMinutes(90), "ops-1", "Fog"), Now);

        Assert.Null(failure);
        Assert.False(changed);
        Assert.Same(state.Definition, trip);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(0)]
    [InlineData(13 * 60)]
    public void Delay_EarlierOrTooLate_IsRefused(int minutes)
    {
        var (_, _, failure) = TripOperations.Delay(NewState(), new DelayTrip(Leaves.AddMinutes(minutes), "ops-1", "Fog"), Now);

        Assert.Equal(TripErrorCode.InvalidRequest, failure!.Code);
    }

    [Fact]
    public void Delay_AfterDeparture_IsTripDeparted()
    {
        var (_, _, failure) = TripOperations.Delay(NewState(), new DelayTrip(Leaves.AddHours(1), "ops-1", "Fog"), Leaves.AddMinutes(1));

        Assert.Equal(TripErrorCode.TripDeparted, failure!.Code);
    }

    [Fact]
    public void Cancel_AfterDeparture_IsTripDeparted_AndWithoutAReason_IsInvalid()
    {
        Assert.Equal(TripErrorCode.TripDeparted, TripOperations.CheckCancel(NewState(), new CancelTrip("ops-1", "Flood"), Leaves)!.Code);
        Assert.Equal(TripErrorCode.InvalidRequest, TripOperations.CheckCancel(NewState(), new CancelTrip("ops-1", " "), Now)!.Code);
        Assert.Null(TripOperations.CheckCancel(NewState(), new CancelTrip("ops-1", "Flood"), Now));
    }

    [Fact]
    public void ChangeCoach_WhenSoldSeatsAreMissingFromTheNewLayout_NamesThem()
    {
        var (coach, layout) = CoachWith(rows: 2);

        var (_, _, failure) = TripOperations.ChangeCoach(WithSale("A1", "C1", "D1"), new ChangeCoach(coach, layout, "ops-1", "Breakdown"), Now);

        Assert.Equal(TripErrorCode.CoachIncompatible, failure!.Code);
        Assert.Equal(["C1", "D1"], failure.Conflicts);
    }

    [Fact]
    public void ChangeCoach_OfAnotherClass_IsRefused()
    {
        var (coach, layout) = CoachWith(rows: 10, CoachClass.AcBusiness);

        var (_, _, failure) = TripOperations.ChangeCoach(NewState(), new ChangeCoach(coach, layout, "ops-1", "Upgrade"), Now);

        Assert.Equal(TripErrorCode.CoachIncompatible, failure!.Code);
    }

    [Fact]
    public void ChangeCoach_WhenEveryTakenSeatExists_PutsTheCoachAndLayoutOnTheTrip()
    {
        var (coach, layout) = CoachWith(rows: 2);

        var (trip, changed, failure) = TripOperations.ChangeCoach(WithSale("A1", "B2"), new ChangeCoach(coach, layout, "ops-1", "Breakdown"), Now);

        Assert.Null(failure);
        Assert.True(changed);
        Assert.Equal(("coach-x", "S2"), (trip!.CoachId, trip.Layout.Code));
    }
}
