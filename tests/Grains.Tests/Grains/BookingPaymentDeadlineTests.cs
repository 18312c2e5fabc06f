using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>An unpaid booking expires at its payment deadline on its own timer; reading a booking never writes it.</summary>
[Collection(FakeClockCollection.Name)]
public sealed class BookingPaymentDeadlineTests(FakeClockClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);

    private async Task<(IBookingGrain Booking, HoldInfo Hold)> UnpaidBookingAsync()
    {
        var trip = Kolkata40($"DDL-{Guid.NewGuid():N}");
        var shift = FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromDays(5) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var tripGrain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await tripGrain.ScheduleAsync(trip)).Failure);
        var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var booking = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForHold(hold.HoldId));
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim],
            new BookingContact("01712345678", null), "simulated"))).Failure);
        return (booking, hold);
    }

    [Fact]
    public async Task UnpaidBooking_ExpiresAtItsPaymentDeadline_WithoutAnyoneReadingIt()
    {
        var (booking, hold) = await UnpaidBookingAsync();
        var pnr = booking.GetPrimaryKeyString();
        var expired = fixture.Events.WaitForAsync(e => e.BookingRef == pnr && e.Kind == "booking.expired");

        FakeClockClusterFixture.Clock.Advance(hold.ExpiresAt - FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        // Nothing calls the booking between moving the clock and the event: only its own timer can have expired it.
        await expired.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(BookingStatus.Expired, (await booking.GetAsync())!.Status);
    }

    [Fact]
    public async Task Read_NeverWrites_BeforeOrAfterThePaymentDeadline()
    {
        var (booking, hold) = await UnpaidBookingAsync();
        var pnr = booking.GetPrimaryKeyString();
        var writes = fixture.Writes.WritesOf(booking.GetGrainId());

        var before = (await booking.GetAsync())!;
        var again = (await booking.GetAsync())!;

        Assert.Equal(writes, fixture.Writes.WritesOf(booking.GetGrainId()));
        Assert.Equal([BookingStatus.PendingPayment, BookingStatus.PendingPayment], [before.Status, again.Status]);

        var expired = fixture.Events.WaitForAsync(e => e.BookingRef == pnr && e.Kind == "booking.expired");
        FakeClockClusterFixture.Clock.Advance(hold.ExpiresAt - FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await expired.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var afterExpiry = fixture.Writes.WritesOf(booking.GetGrainId());

        Assert.Equal(BookingStatus.Expired, (await booking.GetAsync())!.Status);
        Assert.Equal(afterExpiry, fixture.Writes.WritesOf(booking.GetGrainId()));
    }

    [Fact]
    public async Task FailedPayment_KeepsTheSeatsUntilTheDeadline_ThenTheBookingFailsAndTheSeatsAreFree()
    {
        var (booking, hold) = await UnpaidBookingAsync();
        var pnr = booking.GetPrimaryKeyString();
        var trip = fixture.Grains.GetGrain<ITripGrain>(hold.TripId);
        var deadline = (await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, hold.ExpiresAt.AddMinutes(5)))).Booking!.HoldExpiresAt;
        var failed = fixture.Events.WaitForAsync(e => e.BookingRef == pnr && e.Kind == "booking.payment-failed");

        var attempt = await booking.PaymentFailedAsync("sim_" + pnr, "card declined");
        var heldAfterFailure = await SeatAsync(trip, "A1");
        FakeClockClusterFixture.Clock.Advance(deadline - FakeClockClusterFixture.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await failed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(BookingStatus.PendingPayment, attempt.Booking!.Status);
        Assert.Equal(SeatState.Held, heldAfterFailure);
        Assert.Equal(BookingStatus.PaymentFailed, (await booking.GetAsync())!.Status);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "A1"));
        Assert.Equal(BookingErrorCode.HoldExpired,
            (await booking.RetryPaymentAsync(new PaymentRetry("simulated", "sim_" + pnr, null))).Failure!.Code);
    }

    private static async Task<SeatState> SeatAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Seats.Single(s => s.Seat == seat).State;
}
