using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

public sealed class SeatInventoryChangeTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly TripState _state = NewState();
    private readonly SeatInventory _inventory;

    public SeatInventoryChangeTests() => _inventory = new SeatInventory(_state, new InventoryLimits());

    private SaleInfo Sell(string from, string to, params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, from, to, Guid.NewGuid().ToString(), SalesChannel.Counter, "DP-TEST01"), Now).Value!;

    private SeatState StateOn(string seat, string from = Dhaka, string to = Jashore) =>
        _inventory.SeatMap(from, to, null, Now).Map!.Seats.Single(s => s.Seat == seat).State;

    [Fact]
    public void ChangeSaleSeats_ToFreeSeats_SwapsInOneVersionWithBothFlipsInTheUpdate()
    {
        var sale = Sell(Dhaka, Jashore, "A1", "A2");
        var before = _inventory.Version;

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A2"], ["C3"]), Now);

        Assert.Null(outcome.Failure);
        Assert.Equal(["A1", "C3"], outcome.Value!.Seats);
        Assert.Equal(sale.SaleId, outcome.Value.SaleId);
        Assert.Equal(sale.Amount, outcome.Value.Amount);
        Assert.Equal(before + 1, _inventory.Version);
        Assert.Equal(before + 1, outcome.Update!.Version);
        Assert.Contains(outcome.Update.Changes, c => c.Seat == "A2" && c.From == Dhaka && c.State == SeatState.Free);
        Assert.Contains(outcome.Update.Changes, c => c.Seat == "C3" && c.From == Dhaka && c.State == SeatState.Sold);
        Assert.Equal(SeatState.Free, StateOn("A2"));
        Assert.Equal(SeatState.Sold, StateOn("C3"));
        Assert.Equal(SeatState.Sold, StateOn("A1"));
    }

    [Fact]
    public void ChangeSaleSeats_ShuffleWithinTheSale_IsNotAConflictWithItself()
    {
        var sale = Sell(Dhaka, Jashore, "A1", "A2");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1", "A2"], ["A2", "B1"]), Now);

        Assert.Null(outcome.Failure);
        Assert.Equal(["A2", "B1"], outcome.Value!.Seats);
        Assert.Equal(SeatState.Free, StateOn("A1"));
    }

    [Fact]
    public void ChangeSaleSeats_WhenATargetSeatIsTakenOnAnOverlappingLeg_ChangesNothingAndNamesIt()
    {
        var sale = Sell(Dhaka, Jashore, "A1");
        Sell(Dhaka, Kolkata, "B2");
        var version = _inventory.Version;

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1"], ["B2"]), Now);

        Assert.Equal(TripErrorCode.SeatsUnavailable, outcome.Failure!.Code);
        Assert.Equal(["B2"], outcome.Failure.Conflicts);
        Assert.Null(outcome.Update);
        Assert.Equal(version, _inventory.Version);
        Assert.Equal(SeatState.Sold, StateOn("A1"));
    }

    [Fact]
    public void ChangeSaleSeats_ToASeatTakenOnlyOnAnotherLeg_Succeeds()
    {
        var sale = Sell(Dhaka, Jashore, "A1");
        Sell(Jashore, Kolkata, "B2");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1"], ["B2"]), Now);

        Assert.Null(outcome.Failure);
        Assert.Equal(SeatState.Sold, StateOn("B2"));
    }

    [Fact]
    public void ChangeSaleSeats_Repeated_ReturnsTheSaleWithoutAnotherVersion()
    {
        var sale = Sell(Dhaka, Jashore, "A1");
        var command = new ChangeSaleSeats(sale.SaleId, ["A1"], ["D4"]);
        _inventory.ChangeSaleSeats(command, Now);
        var version = _inventory.Version;

        var again = _inventory.ChangeSaleSeats(command, Now);

        Assert.Null(again.Failure);
        Assert.Equal(["D4"], again.Value!.Seats);
        Assert.Null(again.Update);
        Assert.Equal(version, _inventory.Version);
    }

    [Theory]
    [InlineData(new[] { "A1" }, new[] { "Z9" }, TripErrorCode.UnknownSeat)]
    [InlineData(new[] { "A1" }, new[] { "B1", "B2" }, TripErrorCode.InvalidRequest)]
    [InlineData(new[] { "C1" }, new[] { "B1" }, TripErrorCode.InvalidRequest)]
    [InlineData(new[] { "A1" }, new[] { "B1" }, null)]
    public void ChangeSaleSeats_BadInput_IsRefusedWithItsCode(string[] release, string[] take, TripErrorCode? expected)
    {
        var sale = Sell(Dhaka, Jashore, "A1");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, release, take), Now);

        Assert.Equal(expected, outcome.Failure?.Code);
    }

    [Fact]
    public void ChangeSaleSeats_OfAnUnknownSale_IsSaleNotFound()
    {
        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(Guid.NewGuid(), ["A1"], ["B1"]), Now);

        Assert.Equal(TripErrorCode.SaleNotFound, outcome.Failure!.Code);
    }

    [Fact]
    public void ChangeSaleSeats_AfterTheCoachLeft_IsRefused()
    {
        var sale = Sell(Dhaka, Jashore, "A1");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1"], ["B1"]), Departure);

        Assert.Equal(TripErrorCode.SalesClosed, outcome.Failure!.Code);
        Assert.Equal(SeatState.Sold, StateOn("A1"));
    }

    [Fact]
    public void ReleaseSaleSeats_OneSeat_KeepsTheSaleIdAndTheRestAndLowersTheAmount()
    {
        var sale = Sell(Dhaka, Jashore, "A1", "A2", "A3");

        var outcome = _inventory.ReleaseSaleSeats(sale.SaleId, ["A2"], Now);

        Assert.Null(outcome.Failure);
        Assert.Equal(["A2"], outcome.Update!.Changes.Select(c => c.Seat).Distinct());
        var kept = _inventory.FindSale(sale.SaleId)!;
        Assert.Equal(["A1", "A3"], kept.Seats);
        Assert.Equal(2 * 1000, kept.Amount);
        Assert.Equal(SeatState.Free, StateOn("A2"));
        Assert.Equal(SeatState.Sold, StateOn("A3"));
    }

    [Fact]
    public void ReleaseSaleSeats_Repeated_IsANoOp_AndTheLastSeatEndsTheSale()
    {
        var sale = Sell(Dhaka, Jashore, "A1", "A2");
        _inventory.ReleaseSaleSeats(sale.SaleId, ["A2"], Now);
        var version = _inventory.Version;

        Assert.Null(_inventory.ReleaseSaleSeats(sale.SaleId, ["A2"], Now).Update);
        Assert.Equal(version, _inventory.Version);

        _inventory.ReleaseSaleSeats(sale.SaleId, ["A1"], Now);
        Assert.Null(_inventory.FindSale(sale.SaleId));
        Assert.Equal(SeatState.Free, StateOn("A1"));
    }
}
