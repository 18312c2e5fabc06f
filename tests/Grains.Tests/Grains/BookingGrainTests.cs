using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class BookingGrainTests(ClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);
    private static readonly PassengerInput Karima = new("Karima Begum", "+8801812345678", Gender.Female);
    private static readonly BookingContact Contact = new("01712345678", "rahim@example.com");

    private async Task<(ITripGrain Trip, TripDefinition Definition)> NewTripAsync(TimeSpan? departsIn = null)
    {
        var trip = Kolkata40($"BKG-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow + (departsIn ?? TimeSpan.FromDays(5)) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return (grain, trip);
    }

    private static async Task<HoldInfo> HoldAsync(ITripGrain trip, string owner, params string[] seats) =>
        (await trip.HoldAsync(new HoldSeats(owner, seats, Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;

    private async Task<(IBookingGrain Booking, HoldInfo Hold, ITripGrain Trip)> PendingBookingAsync(
        string owner = "alice", TimeSpan? departsIn = null, params string[] seats)
    {
        var (trip, _) = await NewTripAsync(departsIn);
        var hold = await HoldAsync(trip, owner, seats.Length == 0 ? ["A1", "A2"] : seats);
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        var passengers = hold.Seats.Select((_, i) => i % 2 == 0 ? Rahim : Karima).ToList();
        var created = await booking.CreateAsync(new CreateBooking(owner, hold.TripId, hold.HoldId, passengers, Contact, "simulated"));
        Assert.Null(created.Failure);
        var started = await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)));
        Assert.Null(started.Failure);
        return (booking, hold, trip);
    }

    private static async Task<SeatState> SeatAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Seats.Single(s => s.Seat == seat).State;

    [Fact]
    public async Task Create_FromALiveHold_IsPendingPaymentWithPassengersInSeatOrderAndTheLegFare()
    {
        var (booking, hold, _) = await PendingBookingAsync();

        var view = (await booking.GetAsync())!;

        Assert.Equal(BookingStatus.PendingPayment, view.Status);
        Assert.Equal(["A1", "A2"], view.Passengers.Select(p => p.Seat));
        Assert.Equal("+8801712345678", view.Passengers[0].Phone);
        Assert.Equal(2000, view.Total);
        Assert.Equal(1000, view.FarePerSeat);
        Assert.True(view.HoldExpiresAt > hold.ExpiresAt, "starting the payment extends the hold");
        Assert.Equal(["booking.created", "booking.payment-started"], fixture.Events.For(view.Pnr).Select(e => e.Kind));
    }

    [Fact]
    public async Task Create_RepeatedForTheSameHold_ReturnsTheSameBooking()
    {
        var (booking, hold, _) = await PendingBookingAsync();
        var first = (await booking.GetAsync())!;

        var again = await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim, Karima], Contact, "simulated"));

        Assert.Equal(first.Token, again.Booking!.Token);
        Assert.Equal(2, fixture.Events.For(first.Pnr).Count);
    }

    [Fact]
    public async Task Create_FromSomeoneElsesHold_IsRefusedAndCreatesNothing()
    {
        var (trip, _) = await NewTripAsync();
        var hold = await HoldAsync(trip, "alice", "B1");
        var booking = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForHold(hold.HoldId));

        var result = await booking.CreateAsync(new CreateBooking("mallory", hold.TripId, hold.HoldId, [Rahim], Contact, "simulated"));

        Assert.Equal(BookingErrorCode.NotHoldOwner, result.Failure!.Code);
        Assert.Null(await booking.GetAsync());
    }

    [Fact]
    public async Task Create_WithFewerPassengersThanSeats_IsACountMismatch()
    {
        var (trip, _) = await NewTripAsync();
        var hold = await HoldAsync(trip, "alice", "C1", "C2");

        var result = await fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForHold(hold.HoldId))
            .CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim], Contact, "simulated"));

        Assert.Equal(BookingErrorCode.PassengerCountMismatch, result.Failure!.Code);
    }

    [Fact]
    public async Task PaymentSucceeded_DeliveredFiveTimes_ConfirmsOnceAndSellsTheSeats()
    {
        var (booking, _, trip) = await PendingBookingAsync();
        var pnr = booking.GetPrimaryKeyString();

        var results = new List<BookingResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 200_000)));
        }

        Assert.All(results, r => Assert.Equal(BookingStatus.Confirmed, r.Booking!.Status));
        Assert.Single(fixture.Events.For(pnr), e => e.Kind == "booking.confirmed");
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "A1"));
    }

    [Fact]
    public async Task PaymentSucceeded_ForAnotherAmountThanTheFare_SellsNothing_AndRefundsWhatWasPaid()
    {
        var (booking, _, trip) = await PendingBookingAsync(seats: ["E1"]);
        var pnr = booking.GetPrimaryKeyString();

        var result = await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 10_000));

        var view = result.Booking!;
        Assert.Equal(BookingStatus.Cancelled, view.Status);
        Assert.Equal(100m, view.Refund!.Amount);
        Assert.True(view.RefundOutstanding);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "E1"));
        Assert.DoesNotContain(fixture.Events.For(pnr), e => e.Kind == "booking.confirmed");
    }

    [Fact]
    public async Task PaymentFailed_KeepsTheSeatsHeld_AndAFailureAfterASuccessChangesNothing()
    {
        var (failed, _, trip) = await PendingBookingAsync(seats: ["D1"]);
        var (paid, _, _) = await PendingBookingAsync(seats: ["D2"]);
        var paidPnr = paid.GetPrimaryKeyString();
        await paid.PaymentSucceededAsync(new PaymentSucceeded("sim_" + paidPnr, 100_000));

        var failure = await failed.PaymentFailedAsync("sim_" + failed.GetPrimaryKeyString(), "card declined");
        var late = await paid.PaymentFailedAsync("sim_" + paidPnr, "card declined");

        Assert.Equal((BookingStatus.PendingPayment, PaymentStatus.Failed), (failure.Booking!.Status, failure.Booking.Payment.Status));
        Assert.Equal(SeatState.Held, await SeatAsync(trip, "D1"));
        Assert.Contains(fixture.Events.For(failed.GetPrimaryKeyString()), e => e.Kind == "booking.payment-attempt-failed");
        Assert.Equal(BookingStatus.Confirmed, late.Booking!.Status);
        Assert.DoesNotContain(fixture.Events.For(paidPnr), e => e.Kind is "booking.payment-failed" or "booking.payment-attempt-failed");
    }

    [Fact]
    public async Task PaymentFailed_ThenRetriedWithAnotherMethod_ThenPaid_SellsTheHeldSeats()
    {
        var (booking, _, trip) = await PendingBookingAsync(seats: ["D3"]);
        var pnr = booking.GetPrimaryKeyString();
        await booking.PaymentFailedAsync("sim_" + pnr, "card declined");

        var check = await booking.CheckPaymentRetryAsync("bkash");
        var retried = await booking.RetryPaymentAsync(new PaymentRetry("bkash", "bk_" + pnr, "https://wallet.example/" + pnr));
        var repeat = await booking.RetryPaymentAsync(new PaymentRetry("bkash", "bk_" + pnr, "https://wallet.example/" + pnr));
        var paid = await booking.PaymentSucceededAsync(new PaymentSucceeded("bk_" + pnr, 100_000, "TRX1"));

        Assert.Equal(PaymentStatus.Failed, check.Booking!.Payment.Status);
        Assert.Equal(("bkash", PaymentStatus.RequiresPayment, 2), (retried.Booking!.Payment.Provider, retried.Booking.Payment.Status, retried.Booking.Payment.Attempt));
        Assert.Equal(check.Booking.HoldExpiresAt, retried.Booking.HoldExpiresAt);
        Assert.Equal(retried.Booking.History.Count, repeat.Booking!.History.Count);
        Assert.Equal(BookingStatus.Confirmed, paid.Booking!.Status);
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "D3"));
    }

    [Fact]
    public async Task RetryPayment_WhenTheTripNoLongerHoldsTheSeats_IsRefusedAsHoldExpired()
    {
        var (booking, hold, trip) = await PendingBookingAsync(seats: ["D4"]);
        var pnr = booking.GetPrimaryKeyString();
        await booking.PaymentFailedAsync("sim_" + pnr, "card declined");
        await trip.ReleaseAsync(hold.HoldId, "alice");

        var retried = await booking.RetryPaymentAsync(new PaymentRetry("simulated", "sim_" + pnr, null));

        Assert.Equal(BookingErrorCode.HoldExpired, retried.Failure!.Code);
        Assert.Equal(PaymentStatus.Failed, (await booking.GetAsync())!.Payment.Status);
    }

    [Fact]
    public async Task PaymentSucceeded_AfterTheHoldIsGoneAndTheSeatsAreFree_SellsTheSameSeats()
    {
        var (booking, hold, trip) = await PendingBookingAsync(seats: ["E1"]);
        await trip.ReleaseAsync(hold.HoldId, "alice");

        var result = await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + booking.GetPrimaryKeyString(), 100_000));

        Assert.Equal(BookingStatus.Confirmed, result.Booking!.Status);
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "E1"));
    }

    [Fact]
    public async Task PaymentSucceeded_AfterTheSeatsWentToSomeoneElse_OwesAFullRefundWithAReason_ThenIsRefundedOnce()
    {
        var (booking, hold, trip) = await PendingBookingAsync(seats: ["F1"]);
        await trip.ReleaseAsync(hold.HoldId, "alice");
        await HoldAsync(trip, "bob", "F1");
        var pnr = booking.GetPrimaryKeyString();

        var result = await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000));

        Assert.Equal(BookingStatus.Cancelled, result.Booking!.Status);
        Assert.True(result.Booking.RefundOutstanding);
        Assert.Equal((1000m, 100), (result.Booking.Refund!.Amount, result.Booking.Refund.Percent));
        Assert.Contains("taken by someone else", result.Booking.Refund.Reason);
        var refunded = await booking.RefundCompletedAsync(new RefundCompleted("simre_" + pnr, 100_000));
        await booking.RefundCompletedAsync(new RefundCompleted("simre_" + pnr, 100_000));
        Assert.Equal(BookingStatus.Refunded, refunded.Booking!.Status);
        Assert.Single(fixture.Events.For(pnr), e => e.Kind == "booking.refunded");
    }

    [Fact]
    public async Task Cancel_FiveDaysAhead_FreesTheSeatsAndOwes90Percent_ThenCannotBeCancelledAgain()
    {
        var (booking, _, trip) = await PendingBookingAsync(seats: ["G1"]);
        var pnr = booking.GetPrimaryKeyString();
        await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000));

        var quote = await booking.QuoteCancellationAsync();
        var cancelled = await booking.CancelAsync("alice");
        var again = await booking.CancelAsync("alice");

        Assert.Equal((90, 900m), (quote.Quote!.RefundPercent, quote.Quote.RefundAmount));
        Assert.Equal(BookingStatus.Cancelled, cancelled.Booking!.Status);
        Assert.Equal(900m, cancelled.Booking.Refund!.Amount);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "G1"));
        Assert.Equal(BookingErrorCode.NotCancellable, again.Failure!.Code);
    }

    [Fact]
    public async Task Cancel_SixHoursBeforeDeparture_RefundsNothingAndEndsCancelled()
    {
        var (booking, _, _) = await PendingBookingAsync(departsIn: TimeSpan.FromHours(6), seats: ["H1"]);
        await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + booking.GetPrimaryKeyString(), 100_000));

        var cancelled = await booking.CancelAsync("alice");

        Assert.Equal(BookingStatus.Cancelled, cancelled.Booking!.Status);
        Assert.Equal(0m, cancelled.Booking.Refund!.Amount);
        Assert.False(cancelled.Booking.RefundOutstanding);
    }

    [Fact]
    public async Task Cancel_BeforePayment_IsNotCancellable()
    {
        var (booking, _, _) = await PendingBookingAsync(seats: ["J1"]);

        var result = await booking.CancelAsync("alice");

        Assert.Equal(BookingErrorCode.NotCancellable, result.Failure!.Code);
    }

    [Fact]
    public async Task UnpaidBooking_WhoseHoldRunsOut_Expires_AndALatePaymentStillConfirmsWhileTheSeatIsFree()
    {
        var (trip, _) = await NewTripAsync();
        var hold = await HoldAsync(trip, "alice", "A4");
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim], Contact, "simulated"));

        // Online holds last 3 s in this cluster; the booking's own timer expires it at the deadline.
        await fixture.Events.WaitForAsync(e => e.BookingRef == pnr && e.Kind == "booking.expired")
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var view = (await booking.GetAsync())!;
        var late = await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000));

        Assert.Equal(BookingStatus.Expired, view.Status);
        Assert.Equal(BookingStatus.Confirmed, late.Booking!.Status);
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "A4"));
    }

    [Fact]
    public async Task Booking_IsListedForItsOwner()
    {
        var owner = $"anon:{Guid.NewGuid():N}";
        var (booking, _, _) = await PendingBookingAsync(owner, seats: ["B3"]);

        var mine = await fixture.Grains.GetGrain<IOwnerBookingsGrain>(owner).ListAsync();

        Assert.Equal([booking.GetPrimaryKeyString()], mine);
    }
}
