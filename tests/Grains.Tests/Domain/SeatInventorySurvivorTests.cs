using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// Seat-inventory refusals and no-ops that mutation testing reported no test checked (docs/testing.md, "Survivors worth
/// killing"): each test fails with the mutant named in its comment put back.
/// </summary>
public sealed class SeatInventorySurvivorTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly SeatInventory _inventory = new(NewState(), new InventoryLimits());

    private SaleInfo Sell(params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Counter, "DP-TEST01"), Now).Value!;

    private SeatState StateOf(string seat) => _inventory.SeatMap(Dhaka, Jashore, null, Now).Map!.Seats.Single(s => s.Seat == seat).State;

    // Mutant: the "booking reference required" refusal of Confirm removed.
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Confirm_WithABlankBookingReference_IsRefused_AndTheHoldStays(string bookingRef)
    {
        var hold = _inventory.Hold(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online), Now).Value!;
        var before = _inventory.Version;

        var outcome = _inventory.Confirm(hold.HoldId, bookingRef, Now);

        Assert.Equal(TripErrorCode.InvalidRequest, outcome.Failure!.Code);
        Assert.Equal(before, _inventory.Version);
        Assert.Equal(SeatState.Held, StateOf("A1"));
    }

    // Mutant: the unknown-sale branch of ReleaseSaleSeats answering false (or touching anything).
    [Fact]
    public void ReleaseSaleSeats_OfAnUnknownSale_IsDone_AndChangesNothing()
    {
        Sell("A1");
        var before = _inventory.Version;

        var outcome = _inventory.ReleaseSaleSeats(Guid.NewGuid(), ["A1"], Now);

        Assert.Null(outcome.Failure);
        Assert.True(outcome.Value);
        Assert.Null(outcome.Update);
        Assert.Equal(before, _inventory.Version);
        Assert.Equal(SeatState.Sold, StateOf("A1"));
    }

    // Mutant: `Release is null || Take is null` → `&&` (a missing list would then throw instead of being refused).
    [Fact]
    public void ChangeSaleSeats_WithOneListMissing_IsRefused()
    {
        var sale = Sell("A1");

        var noRelease = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, null!, ["C1"]), Now);
        var noTake = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1"], null!), Now);

        Assert.Equal(TripErrorCode.InvalidRequest, noRelease.Failure!.Code);
        Assert.Equal(TripErrorCode.InvalidRequest, noTake.Failure!.Code);
        Assert.Equal(SeatState.Sold, StateOf("A1"));
    }

    // Mutant: `Take.All(seats.Contains)` → `Any`: taking one seat the sale has and one it has not, while giving up seats
    // it does not have, would pass for a repeat of a change already made.
    [Fact]
    public void ChangeSaleSeats_TakingOneOwnSeatWhileGivingUpForeignSeats_IsRefused_NotTakenForARepeat()
    {
        var sale = Sell("A1", "A2");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["C1", "C2"], ["A1", "C3"]), Now);

        Assert.Equal(TripErrorCode.InvalidRequest, outcome.Failure!.Code);
        Assert.Equal(SeatState.Free, StateOf("C3"));
    }

    // Mutant: `released.Any(seats.Contains)` → `All`: giving up one own seat and one foreign seat for seats the sale
    // already has would pass for a repeat.
    [Fact]
    public void ChangeSaleSeats_GivingUpAnOwnAndAForeignSeat_ForOwnSeats_IsRefused_NotTakenForARepeat()
    {
        var sale = Sell("A1", "A2", "A3");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1", "C1"], ["A2", "A3"]), Now);

        Assert.Equal(TripErrorCode.InvalidRequest, outcome.Failure!.Code);
        Assert.Equal(SeatState.Sold, StateOf("A1"));
    }

    [Fact]
    public void ChangeSaleSeats_TakingOneOwnSeatAndOneNewSeat_IsAChange()
    {
        var sale = Sell("A1", "A2");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["A1", "A2"], ["A2", "C1"]), Now);

        Assert.Null(outcome.Failure);
        Assert.Equal(["A2", "C1"], outcome.Value!.Seats.Order());
        Assert.NotNull(outcome.Update);
        Assert.Equal(SeatState.Free, StateOf("A1"));
        Assert.Equal(SeatState.Sold, StateOf("C1"));
    }

    // Mutant: `Release.All(seats.Contains)` → `Any`: giving up one seat of the sale and one of someone else is refused.
    [Fact]
    public void ChangeSaleSeats_GivingUpASeatTheSaleDoesNotHave_IsRefused_AndTheOtherSaleKeepsIt()
    {
        var mine = Sell("A1", "A2");
        Sell("B1");

        var outcome = _inventory.ChangeSaleSeats(new ChangeSaleSeats(mine.SaleId, ["A1", "B1"], ["C1", "C2"]), Now);

        Assert.Equal(TripErrorCode.InvalidRequest, outcome.Failure!.Code);
        Assert.Equal(SeatState.Sold, StateOf("B1"));
        Assert.Equal(SeatState.Free, StateOf("C1"));
    }
}
