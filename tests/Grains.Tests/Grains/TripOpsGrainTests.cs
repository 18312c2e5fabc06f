using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>Ops actions on whole trips, through the trip and booking grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TripOpsGrainTests(ClusterFixture fixture)
{
    private async Task<(ITripGrain Trip, TripDefinition Definition)> NewTripAsync()
    {
        var trip = Kolkata40($"OPS-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow.AddDays(4) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return (grain, trip);
    }

    private async Task<BookingView> CounterBookingAsync(ITripGrain trip, params string[] seats)
    {
        var pnr = "DP-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var passengers = seats.Select(_ => new PassengerInput("Rahim Uddin", "01712345678", Gender.Male)).ToList();
        var sale = await fixture.Grains.GetGrain<IBookingGrain>(pnr).CreateCounterSaleAsync(
            new CounterSale("clerk-1", "kalyanpur", trip.GetPrimaryKeyString(), seats, Dhaka, Jashore, passengers, Guid.NewGuid().ToString()));
        Assert.Null(sale.Failure);
        Assert.Null(sale.TripFailure);
        return sale.Booking!;
    }

    [Fact]
    public async Task CancelTrip_ListsItsBookings_RefusesNewHolds_AndAuditsTheActorAndReason()
    {
        var (trip, definition) = await NewTripAsync();
        var first = await CounterBookingAsync(trip, "A1");
        var second = await CounterBookingAsync(trip, "B1", "B2");
        await trip.HoldAsync(new HoldSeats("bob", ["C1"], Dhaka, Jashore, "r1", SalesChannel.Online));

        var result = await trip.CancelTripAsync(new CancelTrip("ops-7", "Road closed by flood"));

        Assert.Null(result.Failure);
        Assert.Equal(new[] { first.Pnr, second.Pnr }.Order(StringComparer.Ordinal), result.Cancellation!.Outstanding);
        var hold = await trip.HoldAsync(new HoldSeats("carol", ["D1"], Dhaka, Jashore, "r2", SalesChannel.Online));
        Assert.Equal(TripErrorCode.TripCancelled, hold.Failure!.Code);
        var map = (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!;
        Assert.True(map.Cancelled);
        Assert.Equal(SeatState.Free, map.Seats.Single(s => s.Seat == "C1").State);
        var audit = Assert.Single(fixture.Events.ForTrip(definition.TripId), e => e.Kind == "trip.cancelled");
        Assert.Equal("ops-7", audit.Actor);
        Assert.Contains("Road closed by flood", audit.PayloadJson);
    }

    [Fact]
    public async Task CancelTrip_Again_ReturnsTheSameCancellation_AndSettledBookingsLeaveTheOutstandingList()
    {
        var (trip, definition) = await NewTripAsync();
        var booking = await CounterBookingAsync(trip, "A1");
        var first = (await trip.CancelTripAsync(new CancelTrip("ops-7", "Flood"))).Cancellation!;

        var settled = await trip.RefundSettledAsync(booking.Pnr);
        var again = (await trip.CancelTripAsync(new CancelTrip("ops-8", "Another reason"))).Cancellation!;

        Assert.Empty(settled!.Outstanding);
        Assert.Equal([booking.Pnr], again.Settled);
        Assert.Equal((first.CancelledAt, "ops-7", "Flood"), (again.CancelledAt, again.Actor, again.Reason));
        Assert.Single(fixture.Events.ForTrip(definition.TripId), e => e.Kind == "trip.cancelled");
    }

    [Fact]
    public async Task BookingOfACancelledTrip_IsCancelledWithTheFullFareOwed_OnceAndByTheOpsUser()
    {
        var (trip, _) = await NewTripAsync();
        var booking = fixture.Grains.GetGrain<IBookingGrain>((await CounterBookingAsync(trip, "A1", "A2")).Pnr);
        await trip.CancelTripAsync(new CancelTrip("ops-7", "Flood"));

        var cancelled = (await booking.TripCancelledAsync(new TripCancelledNotice("ops-7", "Flood"))).Booking!;
        var again = (await booking.TripCancelledAsync(new TripCancelledNotice("ops-7", "Flood"))).Booking!;

        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal((cancelled.Total, 100, false), (cancelled.Refund!.Amount, cancelled.Refund.Percent, cancelled.Refund.Completed));
        Assert.Equal(BookingStatus.Cancelled, again.Status);
        var events = fixture.Events.For(cancelled.Pnr).Where(e => e.Kind == "booking.trip-cancelled").ToList();
        Assert.Equal("ops-7", Assert.Single(events).Actor);
    }

    [Fact]
    public async Task Delay_MovesTheTripAndTheBookingJourney_InOneTransition()
    {
        var (trip, definition) = await NewTripAsync();
        var booking = fixture.Grains.GetGrain<IBookingGrain>((await CounterBookingAsync(trip, "A1")).Pnr);
        var later = definition.Departure.AddMinutes(45);

        var delayed = await trip.DelayAsync(new DelayTrip(later, "ops-7", "Fog on the highway"));
        var moved = (await booking.TripDelayedAsync(new TripDelayedNotice(delayed.Trip!.Stops, "ops-7", "Fog on the highway"))).Booking!;
        var again = await booking.TripDelayedAsync(new TripDelayedNotice(delayed.Trip!.Stops, "ops-7", "Fog on the highway"));

        Assert.Null(delayed.Failure);
        Assert.Equal(later, (await trip.GetDefinitionAsync())!.Departure);
        Assert.Equal([moved.Pnr], delayed.Bookings);
        Assert.Equal((later, definition.Stops[1].Departure.AddMinutes(45)), (moved.Journey.Departure, moved.Journey.Arrival));
        Assert.Single(again.Booking!.History, h => h.Kind == "booking.trip-delayed");
        Assert.Equal("ops-7", Assert.Single(fixture.Events.ForTrip(definition.TripId), e => e.Kind == "trip.delayed").Actor);
    }

    [Fact]
    public async Task EachDelay_IsAuditedOnce_AndARepeatedDelayChangesNothing()
    {
        var (trip, definition) = await NewTripAsync();
        var first = definition.Departure.AddMinutes(30);
        var second = definition.Departure.AddMinutes(90);

        Assert.Null((await trip.DelayAsync(new DelayTrip(first, "ops-7", "Fog"))).Failure);
        var repeated = await trip.DelayAsync(new DelayTrip(first, "ops-7", "Fog"));
        Assert.Null((await trip.DelayAsync(new DelayTrip(second, "ops-8", "More fog"))).Failure);

        Assert.Null(repeated.Failure);
        Assert.Equal(first, repeated.Trip!.Departure);
        Assert.Equal(second, (await trip.GetDefinitionAsync())!.Departure);
        // Audited records leave the trip's outbox, so a later ops action does not audit them again.
        Assert.Equal(["ops-7", "ops-8"], fixture.Events.ForTrip(definition.TripId).Where(e => e.Kind == "trip.delayed").Select(e => e.Actor));
    }

    [Fact]
    public async Task ChangeCoach_WhenASoldSeatWouldVanish_IsRefusedNamingIt_AndNothingChanges()
    {
        var (trip, definition) = await NewTripAsync();
        await CounterBookingAsync(trip, "A1", "J4");
        var small = SeatLayouts.Grid("SMALL-8", "Small", 2, 2, 2);
        var coach = new Coach("coach-small", "Dhaka Metro Ba-11-1111", CoachClass.AcEconomy, small.Code, "Hino");

        var refused = await trip.ChangeCoachAsync(new ChangeCoach(coach, small, "ops-7", "Breakdown"));

        Assert.Equal(TripErrorCode.CoachIncompatible, refused.Failure!.Code);
        Assert.Equal(["J4"], refused.Failure.Conflicts);
        Assert.Equal(definition.Layout.Code, (await trip.GetDefinitionAsync())!.Layout.Code);
        Assert.DoesNotContain(fixture.Events.ForTrip(definition.TripId), e => e.Kind == "trip.coach-changed");
    }

    [Fact]
    public async Task PaymentArrivingAfterTheTripWasCancelled_EvenIfTheTripHadSoldTheHold_IsOwedBackInFull()
    {
        var (trip, _) = await NewTripAsync();
        var hold = (await trip.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, "r1", SalesChannel.Online))).Hold!;
        var booking = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForHold(hold.HoldId));
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId,
            [new PassengerInput("Rahim Uddin", "01712345678", Gender.Male)], new BookingContact("01712345678", null), "simulated"))).Failure);
        await booking.StartPaymentAsync(new PaymentStarted("sim_1", null, DateTimeOffset.UtcNow.AddMinutes(15)));
        // An earlier payment attempt got as far as the trip selling the hold, but the booking never recorded it.
        Assert.Null((await trip.ConfirmHoldAsync(hold.HoldId, Pnr.ForHold(hold.HoldId))).Failure);
        await trip.CancelTripAsync(new CancelTrip("ops-7", "Flood"));

        var paid = (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_1", 100_000))).Booking!;

        Assert.Equal(BookingStatus.Cancelled, paid.Status);
        Assert.True(paid.RefundOutstanding);
        Assert.Equal(100, paid.Refund!.Percent);
    }
}
