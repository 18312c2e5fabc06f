using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>The per-trip passenger quotas, applied by the seat inventory when a hold carries a verified phone.</summary>
public sealed class PassengerQuotaTests
{
    private const string Phone = "+8801712345678";
    private const string OtherPhone = "+8801812345678";
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);

    private readonly TripState _state = NewState();

    private SeatInventory Inventory(PassengerQuotas? quotas = null) =>
        new(_state, new InventoryLimits { Quotas = quotas ?? new PassengerQuotas() });

    private static HoldSeats Online(string? phone, params string[] seats) =>
        new($"owner-{Guid.NewGuid():N}", seats, Dhaka, Kolkata, Guid.NewGuid().ToString(), SalesChannel.Online, phone);

    [Fact]
    public void TwoPlusTwoSeats_ThenOneMore_IsRefusedNamingTheSeatsPerTripLimit()
    {
        var inventory = Inventory();
        Assert.Null(inventory.Hold(Online(Phone, "A1", "A2"), Now).Failure);
        Assert.Null(inventory.Hold(Online(Phone, "A3", "A4"), Now).Failure);

        var more = inventory.Hold(Online(Phone, "B1"), Now).Failure!;

        Assert.Equal(TripErrorCode.QuotaExceeded, more.Code);
        Assert.Equal(QuotaLimits.SeatsPerTrip, more.Quota!.Limit);
        Assert.Equal(4, more.Quota.Max);
        Assert.Equal(SeatState.Free, inventory.SeatMap(Dhaka, Kolkata, null, Now).Map!.Seats.Single(s => s.Seat == "B1").State);
    }

    [Fact]
    public void ThirdLiveHoldOnATrip_IsRefusedNamingTheHoldsPerTripLimit()
    {
        var inventory = Inventory();
        Assert.Null(inventory.Hold(Online(Phone, "A1"), Now).Failure);
        Assert.Null(inventory.Hold(Online(Phone, "A2"), Now).Failure);

        var refused = inventory.Hold(Online(Phone, "A3"), Now).Failure!;

        Assert.Equal(TripErrorCode.QuotaExceeded, refused.Code);
        Assert.Equal(QuotaLimits.HoldsPerTrip, refused.Quota!.Limit);
    }

    [Fact]
    public void SoldSeatsOfTheSamePhone_CountTowardTheSeatLimit()
    {
        var inventory = Inventory();
        var hold = inventory.Hold(Online(Phone, "A1", "A2", "A3"), Now).Value!;
        Assert.Null(inventory.Confirm(hold.HoldId, "DP-AAAAAA", Now).Failure);
        Assert.Equal(Phone, _state.Sales[hold.HoldId].Phone);

        var refused = inventory.Hold(Online(Phone, "B1", "B2"), Now).Failure!;
        Assert.Equal(QuotaLimits.SeatsPerTrip, refused.Quota!.Limit);
        Assert.Null(inventory.Hold(Online(Phone, "B1"), Now).Failure);
    }

    [Fact]
    public void ExpiredHoldsAndCancelledSales_StopCounting()
    {
        var inventory = Inventory();
        var sold = inventory.Hold(Online(Phone, "A1", "A2"), Now).Value!;
        inventory.Confirm(sold.HoldId, "DP-AAAAAA", Now);
        inventory.Hold(Online(Phone, "A3", "A4"), Now);
        Assert.NotNull(inventory.Hold(Online(Phone, "B1"), Now).Failure);

        var later = Now + new InventoryLimits().OnlineHoldDuration;
        inventory.CancelSale(sold.HoldId, later);

        Assert.Null(inventory.Hold(Online(Phone, "B1", "B2", "B3", "B4"), later).Failure);
    }

    [Fact]
    public void OtherPhones_AndStaff_AreNotBoundByThisPhonesQuota()
    {
        var inventory = Inventory();
        inventory.Hold(Online(Phone, "A1", "A2"), Now);
        inventory.Hold(Online(Phone, "A3", "A4"), Now);

        Assert.Null(inventory.Hold(Online(OtherPhone, "B1", "B2", "B3", "B4"), Now).Failure);
        // Staff: no phone online (ops), or a counter hold even if a phone is given.
        Assert.Null(inventory.Hold(Online(null, "C1", "C2", "C3", "C4"), Now).Failure);
        Assert.Null(inventory.Hold(Online(null, "D1", "D2", "D3", "D4"), Now).Failure);
        var counter = new HoldSeats("clerk-1", ["E1", "E2", "E3", "E4", "F1"], Dhaka, Kolkata, "c1", SalesChannel.Counter, Phone);
        Assert.Null(inventory.Hold(counter, Now).Failure);
        Assert.Null(_state.Holds.Values.Single(h => h.OwnerId == "clerk-1").Phone);
    }

    [Fact]
    public void PerRouteOverride_TightensTheLimitsOnThatRouteOnly()
    {
        var quotas = new PassengerQuotas { Routes = { ["dhk-kol"] = new RouteQuotas { SeatsPerTrip = 3, HoldsPerTrip = 1 } } };
        var inventory = Inventory(quotas);

        var tooMany = inventory.Hold(Online(Phone, "A1", "A2", "A3", "A4"), Now).Failure!;
        Assert.Equal(QuotaLimits.SeatsPerTrip, tooMany.Quota!.Limit);
        Assert.Equal(3, tooMany.Quota.Max);
        Assert.Null(inventory.Hold(Online(Phone, "A1", "A2"), Now).Failure);
        Assert.Equal(QuotaLimits.HoldsPerTrip, inventory.Hold(Online(Phone, "B1"), Now).Failure!.Quota!.Limit);

        Assert.Equal(4, quotas.SeatsPerTripOn("dhk-ctg"));
        Assert.Equal(2, quotas.HoldsPerTripOn("dhk-ctg"));
    }

    [Fact]
    public void RepeatedRequest_ReturnsTheFirstHoldEvenAtTheLimit()
    {
        var inventory = Inventory();
        var first = Online(Phone, "A1", "A2", "A3", "A4");
        var held = inventory.Hold(first, Now).Value!;

        var again = inventory.Hold(first, Now);

        Assert.Null(again.Failure);
        Assert.Equal(held.HoldId, again.Value!.HoldId);
    }

    [Fact]
    public void Validation_RejectsNonPositiveLimits()
    {
        Assert.True(new PassengerQuotas().IsValid());
        Assert.False(new PassengerQuotas { SeatsPerTrip = 0 }.IsValid());
        Assert.False(new PassengerQuotas { HeldSeatsOverall = -1 }.IsValid());
        Assert.False(new PassengerQuotas { Routes = { ["x"] = new RouteQuotas { HoldsPerTrip = 0 } } }.IsValid());
    }
}
