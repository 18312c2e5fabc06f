using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>Sold seats carry their passenger's gender (never a name) into the seat map and the change timeline.</summary>
public sealed class SeatGenderMarkerTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly SeatInventory _inventory = new(NewState(), new InventoryLimits());

    private InventoryOutcome<SaleInfo> Sell(string from, string to, IReadOnlyList<SeatGender>? genders, params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, from, to, Guid.NewGuid().ToString(), SalesChannel.Counter, "DP-TEST01", genders), Now);

    private SeatView SeatOn(string seat, string from, string to) =>
        _inventory.SeatMap(from, to, null, Now).Map!.Seats.Single(s => s.Seat == seat);

    [Fact]
    public void Sell_WithGenders_SeatMapShowsEachSoldSeatsGender()
    {
        Sell(Dhaka, Kolkata, [new("A1", Gender.Female), new("A2", Gender.Male)], "A1", "A2");

        Assert.Equal(Gender.Female, SeatOn("A1", Dhaka, Kolkata).Gender);
        Assert.Equal(Gender.Male, SeatOn("A2", Dhaka, Kolkata).Gender);
        Assert.Null(SeatOn("A3", Dhaka, Kolkata).Gender);
    }

    [Fact]
    public void Sell_WithGenders_TheChangeCarriesTheGenderOnTheSoldIntervalOnly()
    {
        var changes = Sell(Jashore, Benapole, [new("B1", Gender.Female)], "B1").Update!.Changes;

        Assert.Equal(
            [
                new SeatChange("B1", Dhaka, Jashore, SeatState.Free),
                new SeatChange("B1", Jashore, Benapole, SeatState.Sold, Gender.Female),
                new SeatChange("B1", Benapole, Kolkata, SeatState.Free),
            ],
            changes);
    }

    [Fact]
    public void Timeline_TwoPassengersOfDifferentGendersOnOneSeat_SplitsTheSoldRunByGender()
    {
        Sell(Dhaka, Jashore, [new("C1", Gender.Female)], "C1");

        var changes = Sell(Jashore, Kolkata, [new("C1", Gender.Male)], "C1").Update!.Changes;

        Assert.Equal(
            [
                new SeatChange("C1", Dhaka, Jashore, SeatState.Sold, Gender.Female),
                new SeatChange("C1", Jashore, Kolkata, SeatState.Sold, Gender.Male),
            ],
            changes);
        // A viewer of the whole route sees two passengers of different genders: no marker rather than a wrong one.
        Assert.Null(SeatOn("C1", Dhaka, Kolkata).Gender);
        Assert.Equal(Gender.Female, SeatOn("C1", Dhaka, Jashore).Gender);
    }

    [Fact]
    public void Confirm_WithGenders_SoldSeatsCarryThem()
    {
        var hold = _inventory.Hold(new HoldSeats("alice", ["D1", "D2"], Dhaka, Jashore, "r1", SalesChannel.Online), Now).Value!;

        var update = _inventory.Confirm(hold.HoldId, "DP-ABC123", Now, [new("D1", Gender.Female), new("D2", Gender.Female)]).Update!;

        Assert.Equal(Gender.Female, SeatOn("D2", Dhaka, Jashore).Gender);
        Assert.Contains(new SeatChange("D1", Dhaka, Jashore, SeatState.Sold, Gender.Female), update.Changes);
    }

    [Fact]
    public void Sell_WithoutGenders_SoldSeatHasNoMarker()
    {
        Sell(Dhaka, Jashore, null, "E1");

        Assert.Equal(SeatState.Sold, SeatOn("E1", Dhaka, Jashore).State);
        Assert.Null(SeatOn("E1", Dhaka, Jashore).Gender);
    }

    [Fact]
    public void ChangeSaleSeats_ThePassengersGenderMovesWithThem()
    {
        var sale = Sell(Dhaka, Jashore, [new("F1", Gender.Female), new("F2", Gender.Male)], "F1", "F2").Value!;

        _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["F1"], ["G1"]), Now);

        Assert.Equal(Gender.Female, SeatOn("G1", Dhaka, Jashore).Gender);
        Assert.Null(SeatOn("F1", Dhaka, Jashore).Gender);
        Assert.Equal(Gender.Male, SeatOn("F2", Dhaka, Jashore).Gender);
    }

    [Fact]
    public void ReleaseSaleSeats_TheKeptSeatKeepsItsGender()
    {
        var sale = Sell(Dhaka, Jashore, [new("H1", Gender.Female), new("H2", Gender.Male)], "H1", "H2").Value!;

        _inventory.ReleaseSaleSeats(sale.SaleId, ["H2"], Now);

        Assert.Equal(Gender.Female, SeatOn("H1", Dhaka, Jashore).Gender);
        Assert.Equal(SeatState.Free, SeatOn("H2", Dhaka, Jashore).State);
        Assert.Null(SeatOn("H2", Dhaka, Jashore).Gender);
    }
    [Fact]
    public void CorrectSaleGender_ReplacesTheSeatsGender_AndTheChangeCarriesIt()
    {
        var sale = Sell(Dhaka, Jashore, [new("J1", Gender.Male), new("J2", Gender.Male)], "J1", "J2").Value!;

        var update = _inventory.CorrectSaleGender(sale.SaleId, new SeatGender("J1", Gender.Female), Now).Update!;

        Assert.Equal(Gender.Female, SeatOn("J1", Dhaka, Jashore).Gender);
        Assert.Equal(Gender.Male, SeatOn("J2", Dhaka, Jashore).Gender);
        Assert.Contains(new SeatChange("J1", Dhaka, Jashore, SeatState.Sold, Gender.Female), update.Changes);
        Assert.DoesNotContain(update.Changes, c => c.Seat == "J2");
    }

    [Fact]
    public void CorrectSaleGender_OfASaleSoldWithoutGenders_AddsTheMarker()
    {
        var sale = Sell(Dhaka, Jashore, null, "I1").Value!;

        Assert.NotNull(_inventory.CorrectSaleGender(sale.SaleId, new SeatGender("I1", Gender.Female), Now).Update);

        Assert.Equal(Gender.Female, SeatOn("I1", Dhaka, Jashore).Gender);
    }

    [Fact]
    public void CorrectSaleGender_SameGenderAgain_ChangesNothing()
    {
        var sale = Sell(Dhaka, Jashore, [new("I2", Gender.Female)], "I2").Value!;
        var version = _inventory.Version;

        var outcome = _inventory.CorrectSaleGender(sale.SaleId, new SeatGender("I2", Gender.Female), Now);

        Assert.Null(outcome.Failure);
        Assert.Null(outcome.Update);
        Assert.Equal(version, _inventory.Version);
    }

    [Fact]
    public void CorrectSaleGender_SeatNotInTheSaleOrUnknownSale_IsRefusedAndChangesNothing()
    {
        var sale = Sell(Dhaka, Jashore, [new("I3", Gender.Male)], "I3").Value!;
        var version = _inventory.Version;

        Assert.Equal(TripErrorCode.InvalidRequest,
            _inventory.CorrectSaleGender(sale.SaleId, new SeatGender("I4", Gender.Female), Now).Failure?.Code);
        Assert.Equal(TripErrorCode.SaleNotFound,
            _inventory.CorrectSaleGender(Guid.NewGuid(), new SeatGender("I3", Gender.Female), Now).Failure?.Code);
        Assert.Equal(version, _inventory.Version);
        Assert.Equal(Gender.Male, SeatOn("I3", Dhaka, Jashore).Gender);
    }
}
