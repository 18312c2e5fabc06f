using System.Text.Json;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Events;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// A trip reports its seat activity for analytics once each change is stored: holds, refusals, releases, expiries
/// (by the timer, nobody asking), sales and cancelled sales, each with the leg, seats, amount and channel.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TripEventTests(ClusterFixture fixture)
{
    private async Task<ITripGrain> NewTripAsync()
    {
        var trip = Kolkata40($"EVT-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow + TimeSpan.FromDays(5) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    [Fact]
    public async Task SeatOperations_AreRecordedAfterTheyAreStored_WithLegSeatsAmountAndChannel()
    {
        var trip = await NewTripAsync();
        var tripId = trip.GetPrimaryKeyString();

        var expiring = (await trip.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online))).Hold!;
        var released = (await trip.HoldAsync(new HoldSeats("bob", ["A2"], Dhaka, Jashore, "r2", SalesChannel.Online))).Hold!;
        Assert.NotNull((await trip.HoldAsync(new HoldSeats("carol", ["A1"], Dhaka, Jashore, "r3", SalesChannel.Online))).Failure);
        Assert.Null((await trip.ReleaseAsync(released.HoldId, "bob")).Failure);
        var paid = (await trip.HoldAsync(new HoldSeats("dina", ["B1", "B2"], Dhaka, Jashore, "r4", SalesChannel.Online))).Hold!;
        Assert.NotNull((await trip.ConfirmHoldAsync(paid.HoldId, "DP-PAID22")).Sale);
        var cash = (await trip.SellAsync(new SellSeats("clerk", ["C1"], Dhaka, Jashore, "r5", SalesChannel.Counter, "DP-CASH22"))).Sale!;
        Assert.Null((await trip.CancelSaleAsync(cash.SaleId)).Failure);

        // Online holds last 3 s in this cluster; the expiry timer releases A1.
        var events = await WaitForAsync(tripId, TripActivityKinds.HoldExpired);
        Assert.Equal(
            [TripActivityKinds.HoldCreated, TripActivityKinds.HoldCreated, TripActivityKinds.HoldRejected, TripActivityKinds.HoldReleased,
                TripActivityKinds.HoldCreated, TripActivityKinds.Sold, TripActivityKinds.Sold, TripActivityKinds.SaleCancelled, TripActivityKinds.HoldExpired],
            events.Select(e => e.Kind));
        var sold = Payload(events[5]);
        Assert.Equal(("dhk-kol", 4, 0, 1, 2, 2000, "Online", paid.HoldId), (sold.RouteId, sold.Stops.Count, sold.From, sold.To, sold.Seats,
            sold.Amount, sold.Channel, sold.HoldId));
        Assert.Equal("DP-PAID22", events[5].BookingRef);
        Assert.Equal(("Counter", (Guid?)null), (Payload(events[6]).Channel, Payload(events[6]).HoldId));
        Assert.Equal(("Counter", 1, 1000), (Payload(events[7]).Channel, Payload(events[7]).Seats, Payload(events[7]).Amount));
        Assert.Equal("SeatsUnavailable", Payload(events[2]).Reason);
        Assert.Equal(expiring.HoldId, Payload(events[8]).HoldId);
        Assert.Equal(40, sold.Capacity);
    }

    private static TripEventPayload Payload(DomainEvent e) => JsonSerializer.Deserialize<TripEventPayload>(e.PayloadJson, EventJson.Options)!;

    private async Task<IReadOnlyList<DomainEvent>> WaitForAsync(string tripId, string kind)
    {
        await fixture.Events.WaitForAsync(e => e.TripId == tripId && e.Kind == kind)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return fixture.Events.ForTrip(tripId);
    }
}
