using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>Cash sales at a counter, made by the booking grain in one step: sold, paid and confirmed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CounterSaleGrainTests(ClusterFixture fixture)
{
    private const string Clerk = "user:clerk-1";
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);

    private async Task<ITripGrain> NewTripAsync()
    {
        var trip = Kolkata40($"CTR-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow + TimeSpan.FromDays(5) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    private static CounterSale Sale(ITripGrain trip, string requestId, params string[] seats) =>
        new(Clerk, Dhaka, trip.GetPrimaryKeyString(), seats, Dhaka, Jashore, seats.Select(_ => Rahim).ToList(), requestId);

    private static async Task<SeatState> SeatAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Seats.Single(s => s.Seat == seat).State;

    [Fact]
    public async Task CreateCounterSale_SellsTheSeats_AndIsAConfirmedCashBookingOwnedByTheClerk()
    {
        var trip = await NewTripAsync();
        var pnr = Pnr.ForCounterSale(Clerk, "r1");

        var result = await fixture.Grains.GetGrain<IBookingGrain>(pnr).CreateCounterSaleAsync(Sale(trip, "r1", "A1", "A2"));

        var booking = result.Booking!;
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal("Counter", booking.Channel);
        Assert.Equal(Clerk, booking.OwnerId);
        Assert.Equal(new BookingPayment(BookingGrain.CashProvider, PaymentStatus.Succeeded, 2000, "cash:" + pnr, null), booking.Payment);
        Assert.NotNull(booking.SaleId);
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "A1"));
        var recorded = Assert.Single(fixture.Events.For(pnr));
        Assert.Equal("booking.confirmed", recorded.Kind);
        Assert.Equal(Clerk, recorded.Actor);
    }

    [Fact]
    public async Task CreateCounterSale_RetriedWithTheSameRequest_ReturnsTheSameBooking_ButAnotherRequestOnThatPnrIsRefused()
    {
        var trip = await NewTripAsync();
        var grain = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForCounterSale(Clerk, "r2"));
        var first = (await grain.CreateCounterSaleAsync(Sale(trip, "r2", "B1"))).Booking!;

        var retry = await grain.CreateCounterSaleAsync(Sale(trip, "r2", "B1"));
        var other = await grain.CreateCounterSaleAsync(Sale(trip, "r3", "B2"));

        Assert.Equal(first.SaleId, retry.Booking!.SaleId);
        Assert.Equal(BookingErrorCode.PnrTaken, other.Failure!.Code);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "B2"));
        Assert.Single(fixture.Events.For(first.Pnr));
    }

    [Fact]
    public async Task CreateCounterSale_OfATakenSeat_PassesTheTripsConflicts_AndStoresNothing()
    {
        var trip = await NewTripAsync();
        await trip.HoldAsync(new HoldSeats("alice", ["C1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online));
        var grain = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForCounterSale(Clerk, "r4"));

        var result = await grain.CreateCounterSaleAsync(Sale(trip, "r4", "C1", "C2"));

        Assert.Equal(TripErrorCode.SeatsUnavailable, result.TripFailure!.Code);
        Assert.Equal(["C1"], result.TripFailure.Conflicts);
        Assert.Null(await grain.GetAsync());
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "C2"));
    }

    [Fact]
    public async Task CreateCounterSale_WithoutAnyPhone_IsRefusedBeforeAnySeatIsTaken()
    {
        var trip = await NewTripAsync();
        var grain = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForCounterSale(Clerk, "r5"));

        var result = await grain.CreateCounterSaleAsync(Sale(trip, "r5", "D1") with { Passengers = [Rahim with { Phone = "" }] });

        // Passengers may go without a phone, but the ticket SMS needs one number among them.
        Assert.Equal(BookingErrorCode.InvalidContact, result.Failure!.Code);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "D1"));
    }
}
