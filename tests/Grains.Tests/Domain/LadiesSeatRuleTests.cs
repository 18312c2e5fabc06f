using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class LadiesSeatRuleTests
{
    // Row A (A1–A4) are ladies seats on this coach.
    private static readonly TripDefinition Trip = Kolkata40() with { Layout = SeatLayouts.Grid("T", "Test", 10, 2, 2, ladiesRows: 1) };

    private readonly FakeTimeProvider _clock = new(TestTrips.Departure.AddDays(-1));
    private readonly LadiesSeatRule _rule = new(new LadiesSeatOptions { OpenToAllBefore = TimeSpan.FromHours(2) });

    private static Passenger On(string seat, Gender gender) => new("P", "+8801712345678", gender, seat);

    [Fact]
    public void Check_FemalePassengerOnLadiesSeatBeforeOpening_IsAllowed()
    {
        Assert.Null(_rule.Check(Trip, [On("A1", Gender.Female)], _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(Gender.Male)]
    [InlineData(Gender.Other)]
    public void Check_PassengerWhoIsNotFemaleOnLadiesSeatBeforeOpening_IsRefusedNamingTheSeat(Gender gender)
    {
        var failure = _rule.Check(Trip, [On("A2", gender)], _clock.GetUtcNow());

        Assert.NotNull(failure);
        Assert.Equal(BookingErrorCode.LadiesSeat, failure.Code);
        Assert.Equal(["A2"], failure.Seats);
        Assert.Contains("A2", failure.Detail);
    }

    [Fact]
    public void Check_MalePassengerOnOrdinarySeatBeforeOpening_IsAllowed()
    {
        Assert.Null(_rule.Check(Trip, [On("B1", Gender.Male)], _clock.GetUtcNow()));
    }

    [Fact]
    public void Check_MixedPartyBeforeOpening_RefusesOnlyTheMenOnLadiesSeats()
    {
        var party = new[] { On("A1", Gender.Female), On("A2", Gender.Male), On("B1", Gender.Male), On("A3", Gender.Other) };

        var failure = _rule.Check(Trip, party, _clock.GetUtcNow());

        Assert.Equal(["A2", "A3"], failure!.Seats);
    }

    [Fact]
    public void Check_MixedPartyWithWomenOnTheLadiesSeats_IsAllowed()
    {
        var party = new[] { On("A1", Gender.Female), On("A2", Gender.Female), On("B1", Gender.Male), On("B2", Gender.Male) };

        Assert.Null(_rule.Check(Trip, party, _clock.GetUtcNow()));
    }

    [Fact]
    public void Check_MalePassengerOnLadiesSeat_IsRefusedUntilTheOpeningAndAllowedFromIt()
    {
        _clock.SetUtcNow(TestTrips.Departure - TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.NotNull(_rule.Check(Trip, [On("A1", Gender.Male)], _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(_rule.Check(Trip, [On("A1", Gender.Male)], _clock.GetUtcNow()));
    }

    [Fact]
    public void OpensToAllAt_IsTheConfiguredTimeBeforeDepartureFromTheFirstStop()
    {
        var rule = new LadiesSeatRule(new LadiesSeatOptions { OpenToAllBefore = TimeSpan.FromMinutes(45) });

        Assert.Equal(TestTrips.Departure - TimeSpan.FromMinutes(45), rule.OpensToAllAt(Trip));
    }

    [Fact]
    public void Check_OnACoachWithoutLadiesSeats_IsAllowedForAnyone()
    {
        Assert.Null(_rule.Check(Kolkata40(), [On("A1", Gender.Male)], _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("-00:00:01", false)]
    [InlineData("00:00:00", true)]
    [InlineData("02:00:00", true)]
    [InlineData("401.00:00:00", false)]
    public void Options_AreValidOnlyBetweenZeroAnd400Days(string openToAllBefore, bool valid)
    {
        Assert.Equal(valid, new LadiesSeatOptions { OpenToAllBefore = TimeSpan.Parse(openToAllBefore) }.IsValid());
    }
}
