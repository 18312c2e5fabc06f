using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// The seat inventory at its edges: the exact instant a hold expires, legs that touch without overlapping, repeated
/// requests and the bookkeeping (versions, updates, request memory) that the grain relies on. Each test pins a
/// behaviour that mutation testing showed no other test checked.
/// </summary>
public sealed class SeatInventoryEdgeTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly TripState _state = NewState();
    private readonly InventoryLimits _limits = new();
    private readonly SeatInventory _inventory;

    public SeatInventoryEdgeTests() => _inventory = new SeatInventory(_state, _limits);

    private InventoryOutcome<HoldInfo> Hold(string owner, string from, string to, string requestId, params string[] seats) =>
        _inventory.Hold(new HoldSeats(owner, seats, from, to, requestId, SalesChannel.Online), Now);

    private InventoryOutcome<SaleInfo> Sell(string from, string to, string requestId, params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, from, to, requestId, SalesChannel.Counter, "DP-TEST01"), Now);

    private SeatView View(string seat, string from, string to, string? owner = null, DateTimeOffset? at = null) =>
        _inventory.SeatMap(from, to, owner, at ?? Now).Map!.Seats.Single(s => s.Seat == seat);

    [Fact]
    public void SeatMap_ShowsASeatTakenOnlyOnLegsThatOverlapItsSale_NotOnLegsThatMerelyTouchIt()
    {
        Assert.Null(Sell(Jashore, Benapole, "r1", "D1").Failure);

        Assert.Equal(SeatState.Free, View("D1", Dhaka, Jashore).State);
        Assert.Equal(SeatState.Free, View("D1", Benapole, Kolkata).State);
        Assert.Equal(SeatState.Sold, View("D1", Dhaka, Kolkata).State);
        Assert.Equal(SeatState.Sold, View("D1", Jashore, Benapole).State);
    }

    [Fact]
    public void SeatMap_MarksOnlyTheViewersOwnHeldSeatsMine_NotFreeSeatsOthersHoldsOrSoldSeats()
    {
        var alices = Hold("alice", Dhaka, Kolkata, "r1", "A1").Value!;
        Hold("bob", Dhaka, Kolkata, "r2", "A2");
        Hold("alice", Dhaka, Kolkata, "r3", "A3");
        _inventory.Confirm(alices.HoldId, "DP-ALICE1", Now);

        var map = _inventory.SeatMap(Dhaka, Kolkata, "alice", Now).Map!;

        Assert.Equal(new[] { "A3" }, map.Seats.Where(s => s.Mine).Select(s => s.Seat).ToArray());
        Assert.Equal(SeatState.Sold, map.Seats.Single(s => s.Seat == "A1").State);
        Assert.Equal(SeatState.Held, map.Seats.Single(s => s.Seat == "A2").State);
    }

    [Fact]
    public void SeatMap_OverALongLeg_MarksASeatMine_WhenTheViewerHoldsPartOfIt_EvenIfSomeoneElseHoldsAnotherPart()
    {
        Hold("alice", Dhaka, Jashore, "r1", "B1");
        Hold("bob", Jashore, Kolkata, "r2", "B1");

        Assert.Equal(new SeatView("B1", SeatState.Held, true), View("B1", Dhaka, Kolkata, "alice"));
        Assert.Equal(new SeatView("B1", SeatState.Held, true), View("B1", Dhaka, Kolkata, "bob"));
    }

    [Fact]
    public void SeatMap_ListsTheViewersLiveHoldsOnly_NotOthersHolds_NorHoldsAtTheirExpiryInstant()
    {
        var alices = Hold("alice", Dhaka, Kolkata, "r1", "C1").Value!;
        Hold("bob", Dhaka, Kolkata, "r2", "C2");

        var live = _inventory.SeatMap(Dhaka, Kolkata, "alice", Now).Map!;
        var atExpiry = _inventory.SeatMap(Dhaka, Kolkata, "alice", alices.ExpiresAt).Map!;

        Assert.Equal(alices.HoldId, Assert.Single(live.MyHolds).HoldId);
        Assert.Empty(atExpiry.MyHolds);
        Assert.Empty(_inventory.SeatMap(Dhaka, Kolkata, null, Now).Map!.MyHolds);
    }

    [Fact]
    public void Hold_AtTheInstantTheOwnersEarlierHoldsExpire_DoesNotCountThemAgainstTheLimit()
    {
        var first = Hold("alice", Dhaka, Jashore, "r1", "A1").Value!;
        Hold("alice", Dhaka, Jashore, "r2", "A2");

        var atExpiry = _inventory.Hold(new HoldSeats("alice", ["A3"], Dhaka, Jashore, "r3", SalesChannel.Online), first.ExpiresAt);

        Assert.Null(atExpiry.Failure);
    }

    [Fact]
    public void Hold_WithoutARequestId_IsNeverTakenForARepeat()
    {
        var first = Hold("alice", Dhaka, Jashore, "", "A1").Value!;
        var second = Hold("alice", Dhaka, Jashore, "", "A2").Value!;

        Assert.NotEqual(first.HoldId, second.HoldId);
        Assert.Equal(["A2"], second.Seats);
    }

    [Fact]
    public void Release_AtTheHoldsExpiryInstant_IsRefusedAsNotFound_AndChangesNothing()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "E1").Value!;
        var version = _inventory.Version;

        var late = _inventory.Release(hold.HoldId, "alice", hold.ExpiresAt);

        Assert.Equal(TripErrorCode.HoldNotFound, late.Failure!.Code);
        Assert.Equal(version, _inventory.Version);
    }

    [Fact]
    public void Release_ByTheOwner_ReportsSuccessAndPublishesTheFreedSeat()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "E2").Value!;

        var released = _inventory.Release(hold.HoldId, "alice", Now);

        Assert.True(released.Value);
        Assert.Contains(released.Update!.Changes, c => c.Seat == "E2" && c.State == SeatState.Free);
    }

    [Fact]
    public void Extend_AtTheHoldsExpiryInstant_IsRefusedAsExpired()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "F1").Value!;

        var late = _inventory.Extend(hold.HoldId, hold.ExpiresAt.AddMinutes(15), hold.ExpiresAt);

        Assert.Equal(TripErrorCode.HoldExpired, late.Failure!.Code);
    }

    [Fact]
    public void Extend_ToTheExpiryItAlreadyHas_ChangesNothingAndLeavesTheOneExtensionUnused()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "F2").Value!;

        var same = _inventory.Extend(hold.HoldId, hold.ExpiresAt, Now);
        var later = _inventory.Extend(hold.HoldId, hold.ExpiresAt.AddMinutes(15), Now);

        Assert.False(same.Changed);
        Assert.False(same.Value!.Extended);
        Assert.Null(later.Failure);
        Assert.True(later.Value!.Extended);
    }

    [Fact]
    public void Sell_RepeatedRequestId_ReturnsTheFirstSaleWithoutAChange()
    {
        var first = Sell(Dhaka, Jashore, "sell-1", "G1");
        var again = Sell(Dhaka, Jashore, "sell-1", "G1");

        Assert.Null(again.Failure);
        Assert.Equal(first.Value, again.Value);
        Assert.False(again.Changed);
        Assert.Single(_state.Sales);
    }

    [Fact]
    public void CancelSale_FreesTheSeatsAndPublishesThem_AndAnUnknownSaleIsAlreadyDone()
    {
        var sale = Sell(Dhaka, Jashore, "r1", "G2").Value!;

        var cancelled = _inventory.CancelSale(sale.SaleId, Now);
        var again = _inventory.CancelSale(sale.SaleId, Now);

        Assert.True(cancelled.Value);
        Assert.Contains(cancelled.Update!.Changes, c => c.Seat == "G2" && c.State == SeatState.Free);
        Assert.Equal(SeatState.Free, View("G2", Dhaka, Jashore).State);
        Assert.True(again.Value);
        Assert.False(again.Changed);
    }

    [Fact]
    public void Unblock_RemovesOnlyTheNamedSeatsOnThatInterval_AndChangesNothingWhenNoneWasBlocked()
    {
        var blocked = _inventory.Block(new BlockSeats(["J1", "J2"], Jashore, Kolkata, "staff"), Now);
        _inventory.Block(new BlockSeats(["J3"], Dhaka, Kolkata, "broken"), Now);
        var version = _inventory.Version;

        var unblocked = _inventory.Unblock(new BlockSeats(["J1"], Jashore, Kolkata, ""), Now);
        var nothing = _inventory.Unblock(new BlockSeats(["J3"], Jashore, Kolkata, ""), Now);

        Assert.True(blocked.Value);
        Assert.True(unblocked.Value);
        Assert.Equal(version + 1, unblocked.Update!.Version);
        Assert.Equal(SeatState.Free, View("J1", Benapole, Kolkata).State);
        Assert.Equal(SeatState.Blocked, View("J2", Benapole, Kolkata).State);
        Assert.False(nothing.Changed);
        Assert.Equal(SeatState.Blocked, View("J3", Benapole, Kolkata).State);
        Assert.Equal("broken", Assert.Single(_state.Blocks, b => b.Seat == "J3").Reason);
    }

    [Fact]
    public void ExpireHolds_WithNothingExpired_ChangesNothing()
    {
        Hold("alice", Dhaka, Jashore, "r1", "H1");
        var version = _inventory.Version;

        var sweep = _inventory.ExpireHolds(Now.AddMinutes(1));

        Assert.Empty(sweep.Value!);
        Assert.False(sweep.Changed);
        Assert.Equal(version, _inventory.Version);
    }

    [Fact]
    public void ExpireHolds_RemembersARequestIdForTheRetentionPeriod_ThenForgetsIt()
    {
        var first = Hold("alice", Dhaka, Jashore, "r1", "H2").Value!;
        _inventory.Release(first.HoldId, "alice", Now);

        _inventory.ExpireHolds(Now + _limits.RequestRetention);
        var withinRetention = Hold("alice", Dhaka, Jashore, "r1", "H2").Value!;
        _inventory.ExpireHolds(Now + _limits.RequestRetention + TimeSpan.FromTicks(1));
        var afterRetention = Hold("alice", Dhaka, Jashore, "r1", "H2").Value!;

        Assert.Equal(first.HoldId, withinRetention.HoldId);
        Assert.NotEqual(first.HoldId, afterRetention.HoldId);
    }

    [Fact]
    public void NextExpiry_IsTheEarliestExpiryAmongTheHolds()
    {
        var counterHold = _inventory.Hold(new HoldSeats("clerk-1", ["A4"], Dhaka, Jashore, "r0", SalesChannel.Counter), Now).Value!;
        var onlineHold = Hold("alice", Dhaka, Jashore, "r1", "A3").Value!;

        Assert.True(counterHold.ExpiresAt < onlineHold.ExpiresAt);
        Assert.Equal(counterHold.ExpiresAt, _inventory.NextExpiry);
    }

    [Fact]
    public void FindHold_FindsALiveHold_ButNotAtItsExpiryInstant()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "B4").Value!;

        Assert.Equal(hold.HoldId, _inventory.FindHold(hold.HoldId, Now)!.HoldId);
        Assert.Null(_inventory.FindHold(hold.HoldId, hold.ExpiresAt));
        Assert.Null(_inventory.FindHold(Guid.NewGuid(), Now));
    }

    [Fact]
    public void Update_ListsTheChangedSeatsInSeatOrder()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "C2", "B2", "C1").Value!;

        var seats = _inventory.Release(hold.HoldId, "alice", Now).Update!.Changes.Select(c => c.Seat).Distinct().ToList();

        Assert.Equal(new[] { "B2", "C1", "C2" }, seats.ToArray());
    }

    [Fact]
    public void Hold_AtTheCounter_AClerkMayKeepMoreLiveHoldsThanAnOnlinePassenger()
    {
        var holds = Enumerable.Range(1, _limits.MaxOnlineHoldsPerOwner + 1)
            .Select(i => _inventory.Hold(new HoldSeats("clerk-1", [$"D{i}"], Dhaka, Jashore, $"c{i}", SalesChannel.Counter), Now))
            .ToList();

        Assert.All(holds, h => Assert.Null(h.Failure));
    }

    [Fact]
    public void Confirm_AndChangeSaleSeats_AfterTheTripIsCancelled_AreRefused()
    {
        var hold = Hold("alice", Dhaka, Jashore, "r1", "E3").Value!;
        var sale = Sell(Dhaka, Jashore, "r2", "E4").Value!;
        _state.Cancelled = true;

        var confirm = _inventory.Confirm(hold.HoldId, "DP-LATE01", Now);
        var change = _inventory.ChangeSaleSeats(new ChangeSaleSeats(sale.SaleId, ["E4"], ["F4"]), Now);

        Assert.Equal(TripErrorCode.TripCancelled, confirm.Failure!.Code);
        Assert.Equal(TripErrorCode.TripCancelled, change.Failure!.Code);
    }
}
