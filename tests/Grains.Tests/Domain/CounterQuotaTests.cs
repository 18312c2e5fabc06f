using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Domain;

/// <summary>
/// A sale window's counter share: with a cap, counter sales on the trip stop at it (counted from the trip's own sales,
/// cancelled ones freeing their share); without one, or for online sales, nothing changes.
/// </summary>
public sealed class CounterQuotaTests
{
    private static readonly DateTimeOffset Now = Departure.AddDays(-2);
    private readonly TripState _state = NewState();
    private readonly SeatInventory _inventory;

    public CounterQuotaTests() => _inventory = new SeatInventory(_state, new InventoryLimits());

    private InventoryOutcome<SaleInfo> Sell(int? cap, string requestId, params string[] seats) =>
        _inventory.Sell(new SellSeats("clerk-1", seats, Dhaka, Kolkata, requestId, SalesChannel.Counter, "DP-" + requestId, CounterSeatCap: cap), Now);

    [Fact]
    public void CounterSale_UpToTheCap_Sells()
    {
        Assert.Null(Sell(3, "r1", "A1", "A2").Failure);
        Assert.Null(Sell(3, "r2", "A3").Failure);
    }

    [Fact]
    public void CounterSale_OverTheCap_IsRefusedWithTheCap_AndSellsNothing()
    {
        Assert.Null(Sell(3, "r1", "A1", "A2").Failure);
        var version = _inventory.Version;

        var refused = Sell(3, "r2", "B1", "B2");

        Assert.Equal(TripErrorCode.CounterQuotaReached, refused.Failure!.Code);
        Assert.Equal(QuotaLimits.CounterSeatsPerTrip, refused.Failure.Quota!.Limit);
        Assert.Equal(3, refused.Failure.Quota.Max);
        Assert.Contains("1 left", refused.Failure.Detail);
        Assert.Null(refused.Update);
        Assert.Equal(version, _inventory.Version);
        Assert.Single(_state.Sales);
    }

    [Fact]
    public void CounterSale_WithACapOfZero_IsRefused()
    {
        Assert.Equal(TripErrorCode.CounterQuotaReached, Sell(0, "r1", "A1").Failure!.Code);
        Assert.Empty(_state.Sales);
    }

    [Fact]
    public void CounterSalesMadeBeforeTheCap_CountTowardsIt()
    {
        Assert.Null(Sell(null, "r1", "A1", "A2").Failure);

        Assert.Equal(TripErrorCode.CounterQuotaReached, Sell(2, "r2", "A3").Failure!.Code);
    }

    [Fact]
    public void ACancelledCounterSale_FreesItsShare()
    {
        var first = Sell(2, "r1", "A1", "A2").Value!;
        Assert.Equal(TripErrorCode.CounterQuotaReached, Sell(2, "r2", "B1").Failure!.Code);

        _inventory.CancelSale(first.SaleId, Now);

        Assert.Null(Sell(2, "r3", "B1").Failure);
    }

    [Fact]
    public void ARetryOfAnAcknowledgedSale_AnswersTheSale_EvenWithTheCapUsedUp()
    {
        var first = Sell(2, "r1", "A1", "A2").Value!;

        var retry = Sell(2, "r1", "A1", "A2");

        Assert.Null(retry.Failure);
        Assert.Equal(first.SaleId, retry.Value!.SaleId);
    }

    [Fact]
    public void WithoutACap_CountersAreNotLimited()
    {
        foreach (var row in "ABCDEFGHIJ")
        {
            Assert.Null(Sell(null, $"r{row}", $"{row}1", $"{row}2", $"{row}3", $"{row}4").Failure);
        }
        Assert.Equal(40, _state.Sales.Values.Sum(s => s.Seats.Count));
    }

    [Fact]
    public void OnlineSales_AreNotCountedOrCapped()
    {
        var online = _inventory.Sell(new SellSeats("passenger-1", ["A1", "A2"], Dhaka, Kolkata, "late-1", SalesChannel.Online, "DP-ONLINE",
            CounterSeatCap: 0), Now);

        Assert.Null(online.Failure);
        Assert.Null(Sell(1, "r1", "B1").Failure);
    }
}
