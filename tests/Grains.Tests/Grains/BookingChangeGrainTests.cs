using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class BookingChangeGrainTests(ClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);
    private static readonly PassengerInput Karima = new("Karima Begum", "+8801812345678", Gender.Female);

    private async Task<(ITripGrain Trip, TripDefinition Definition)> NewTripAsync(TimeSpan departsIn, int firstLegFare = 1000, string route = "dhk-kol")
    {
        var trip = Kolkata40($"CHG-{Guid.NewGuid():N}") with { RouteId = route };
        var shift = DateTimeOffset.UtcNow + departsIn - trip.Departure;
        trip = trip with
        {
            Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList(),
            LegFares = [firstLegFare, 250, 1100],
        };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return (grain, trip);
    }

    /// <summary>A confirmed, paid booking of Rahim and Karima on A1, A2 (Dhaka → Jashore, 1000 BDT each).</summary>
    private async Task<(IBookingGrain Booking, IBookingChangesGrain Changes, ITripGrain Trip)> ConfirmedAsync(
        TimeSpan? departsIn = null, string owner = "alice")
    {
        var (trip, _) = await NewTripAsync(departsIn ?? TimeSpan.FromDays(5));
        var hold = (await trip.HoldAsync(new HoldSeats(owner, ["A1", "A2"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        Assert.Null((await booking.CreateAsync(new CreateBooking(owner, hold.TripId, hold.HoldId, [Rahim, Karima],
            new BookingContact("01712345678", null), "simulated"))).Failure);
        Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)))).Failure);
        Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 200_000))).Booking!.Status);
        return (booking, fixture.Grains.GetGrain<IBookingChangesGrain>(pnr), trip);
    }

    private static async Task<SeatState> SeatAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Seats.Single(s => s.Seat == seat).State;

    private static Task<SaleResult> SellAsync(ITripGrain trip, params string[] seats) =>
        trip.SellAsync(new SellSeats("clerk-9", seats, Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Counter, "DP-OTHER1"));

    private List<string> Kinds(string pnr) => fixture.Events.For(pnr).Select(e => e.Kind).ToList();

    [Fact]
    public async Task ChangeSeats_ToFreeSeats_SwapsOnTheTripInOneUpdateAndReissuesTheTicket()
    {
        var (booking, changes, trip) = await ConfirmedAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var updates = trip.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync());
        var marker = updates.Current.Version;

        var result = await changes.ChangeSeatsAsync(["A1", "C4"], "alice");

        Assert.Null(result.Failure);
        Assert.Equal(["A1", "C4"], result.Booking!.Seats);
        Assert.Equal("Karima Begum", result.Booking.Passengers.Single(p => p.Seat == "C4").Name);
        Assert.Equal(2, result.Booking.Changes!.TicketIssue);
        Assert.Equal(2000, result.Booking.Total);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "A2"));
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "C4"));
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(marker + 1, updates.Current.Version);
        Assert.Contains(updates.Current.Changes, c => c.Seat == "A2" && c.From == Dhaka && c.State == SeatState.Free);
        Assert.Contains(updates.Current.Changes, c => c.Seat == "C4" && c.From == Dhaka && c.State == SeatState.Sold);
        var pnr = booking.GetPrimaryKeyString();
        Assert.Equal("booking.seats-changed", Kinds(pnr)[^1]);
        Assert.Contains("A1, A2 → A1, C4", (await booking.GetAsync())!.History[^1].Detail);
    }

    [Fact]
    public async Task ChangeSeats_ToASeatSoldToSomeoneElse_IsRefusedWithTheSeatAndChangesNothing()
    {
        var (booking, changes, trip) = await ConfirmedAsync();
        Assert.Null((await SellAsync(trip, "D1")).Failure);

        var result = await changes.ChangeSeatsAsync(["D1", "A2"], "alice");

        Assert.Equal(TripErrorCode.SeatsUnavailable, result.TripFailure!.Code);
        Assert.Equal(["D1"], result.TripFailure.Conflicts);
        Assert.Equal(["A1", "A2"], (await booking.GetAsync())!.Seats);
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "A1"));
    }

    [Fact]
    public async Task ChangeSeats_WithinTheCutoff_IsRefused()
    {
        // Online sales close 30 minutes before departure; seat changes an hour before.
        var (booking, changes, _) = await ConfirmedAsync(TimeSpan.FromMinutes(50));

        var result = await changes.ChangeSeatsAsync(["B1", "B2"], "alice");

        Assert.Equal(BookingErrorCode.ChangeCutoffPassed, result.Failure!.Code);
        Assert.Equal(["A1", "A2"], (await booking.GetAsync())!.Seats);
    }

    [Fact]
    public async Task ChangeSeats_OfACancelledBooking_IsNotChangeable()
    {
        var (booking, changes, _) = await ConfirmedAsync();
        await booking.CancelAsync("alice");

        var result = await changes.ChangeSeatsAsync(["B1", "B2"], "alice");

        Assert.Equal(BookingErrorCode.NotChangeable, result.Failure!.Code);
    }

    [Fact]
    public async Task TripChange_ToACheaperDeparture_CompletesAtOnceAndOwesTheDifferenceLessTheFee()
    {
        var (booking, changes, oldTrip) = await ConfirmedAsync();
        var (newTrip, definition) = await NewTripAsync(TimeSpan.FromDays(6), firstLegFare: 800);

        var result = await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-1", "alice");

        Assert.Null(result.Failure);
        var moved = result.Booking!;
        Assert.Equal(definition.TripId, moved.Journey.TripId);
        Assert.Equal(definition.Stops[0].Departure, moved.Journey.Departure);
        Assert.Equal(["B1", "B2"], moved.Seats);
        Assert.Equal(1600, moved.Total);
        Assert.Equal(moved.Pnr, booking.GetPrimaryKeyString());
        Assert.Equal(2, moved.Changes!.TicketIssue);
        // 2 × 800 + 100 fee − 2000 = −300: 300 BDT back.
        Assert.Equal(300m, Assert.Single(moved.Changes.Outstanding).Amount);
        Assert.Equal(SeatState.Free, await SeatAsync(oldTrip, "A1"));
        Assert.Equal(SeatState.Sold, await SeatAsync(newTrip, "B1"));
        Assert.Equal("booking.trip-changed", Kinds(moved.Pnr)[^1]);

        var again = await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-1", "alice");
        Assert.Null(again.Failure);
        Assert.Single(again.Booking!.Changes!.Refunds);
    }

    [Fact]
    public async Task TripChange_ToADearerDeparture_WaitsForPaymentThenMovesOnSuccess()
    {
        var (booking, changes, oldTrip) = await ConfirmedAsync();
        var (newTrip, definition) = await NewTripAsync(TimeSpan.FromDays(6), firstLegFare: 1200);

        var begun = await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-2", "alice");
        Assert.Equal(500, begun.Booking!.Changes!.Pending!.Quote.AmountDue);
        Assert.Equal(oldTrip.GetPrimaryKeyString(), begun.Booking.Journey.TripId);
        Assert.Equal(SeatState.Held, await SeatAsync(newTrip, "B1"));
        Assert.Null((await changes.ChangePaymentStartedAsync("chg_1", "secret", DateTimeOffset.UtcNow.AddMinutes(15))).Failure);

        // The provider's notification goes to the booking like any payment; the reference tells it apart.
        var paid = await booking.PaymentSucceededAsync(new PaymentSucceeded("chg_1", 50_000));

        Assert.Null(paid.Failure);
        Assert.Equal(definition.TripId, paid.Booking!.Journey.TripId);
        Assert.Equal(2400, paid.Booking.Total);
        Assert.Null(paid.Booking.Changes!.Pending);
        Assert.Equal(SeatState.Sold, await SeatAsync(newTrip, "B1"));
        Assert.Equal(SeatState.Free, await SeatAsync(oldTrip, "A1"));
        Assert.Contains("500 BDT charged", paid.Booking.History[^1].Detail);
    }

    [Fact]
    public async Task TripChange_WhenThePaymentFails_LeavesTheBookingIntactAndReleasesTheNewSeats()
    {
        var (booking, changes, oldTrip) = await ConfirmedAsync();
        var (newTrip, definition) = await NewTripAsync(TimeSpan.FromDays(6), firstLegFare: 1200);
        await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-3", "alice");
        await changes.ChangePaymentStartedAsync("chg_3", null, DateTimeOffset.UtcNow.AddMinutes(15));
        var before = (await booking.GetAsync())!;

        var failed = await booking.PaymentFailedAsync("chg_3", "Card declined.");

        Assert.Null(failed.Failure);
        var after = (await booking.GetAsync())!;
        Assert.Equal(oldTrip.GetPrimaryKeyString(), after.Journey.TripId);
        Assert.Equal(["A1", "A2"], after.Seats);
        Assert.Equal(BookingStatus.Confirmed, after.Status);
        Assert.Null(after.Changes!.Pending);
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Equal(SeatState.Free, await SeatAsync(newTrip, "B1"));
        Assert.Equal(SeatState.Sold, await SeatAsync(oldTrip, "A1"));
    }

    [Fact]
    public async Task TripChange_WhenTheHoldIsLostAndTheSeatTakenBeforePayment_StaysAndOwesThePaymentBack()
    {
        var (booking, changes, oldTrip) = await ConfirmedAsync();
        var (newTrip, definition) = await NewTripAsync(TimeSpan.FromDays(6), firstLegFare: 1200);
        var begun = await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-4", "alice");
        await changes.ChangePaymentStartedAsync("chg_4", null, DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.Null((await newTrip.ReleaseAsync(begun.Booking!.Changes!.Pending!.HoldId, "alice")).Failure);
        Assert.Null((await SellAsync(newTrip, "B2")).Failure);

        var result = await changes.ChangePaymentSucceededAsync("chg_4");

        Assert.Equal(TripErrorCode.SeatsUnavailable, result.TripFailure!.Code);
        var after = result.Booking!;
        Assert.Equal(oldTrip.GetPrimaryKeyString(), after.Journey.TripId);
        Assert.Equal(["A1", "A2"], after.Seats);
        Assert.Equal(500m, Assert.Single(after.Changes!.Outstanding).Amount);
        Assert.Equal(SeatState.Free, await SeatAsync(newTrip, "B1"));
        Assert.Equal(SeatState.Sold, await SeatAsync(oldTrip, "A2"));
    }

    [Fact]
    public async Task TripChange_ToAnotherRoute_IsRefusedAndHoldsNothing()
    {
        var (_, changes, _) = await ConfirmedAsync();
        var (other, definition) = await NewTripAsync(TimeSpan.FromDays(6), route: "dhk-cox");

        var result = await changes.BeginTripChangeAsync(definition.TripId, ["B1", "B2"], "move-5", "alice");

        Assert.Equal(BookingErrorCode.OtherRoute, result.Failure!.Code);
        Assert.Equal(SeatState.Free, await SeatAsync(other, "B1"));
    }

    [Fact]
    public async Task TripChange_AfterTheCutoff_IsRefused()
    {
        var (_, changes, _) = await ConfirmedAsync(TimeSpan.FromHours(5));
        var (_, definition) = await NewTripAsync(TimeSpan.FromDays(1));

        var result = await changes.QuoteTripChangeAsync(definition.TripId);

        Assert.Equal(BookingErrorCode.ChangeCutoffPassed, result.Failure!.Code);
    }

    [Fact]
    public async Task CorrectPassenger_Name_RecordsOldAndNewAndMasksPhones()
    {
        var (booking, changes, _) = await ConfirmedAsync();

        var result = await changes.CorrectPassengerAsync("A2", new PassengerInput("Karima Khatun", "01912345678", Gender.Female), "clerk-1");

        Assert.Null(result.Failure);
        Assert.Equal("Karima Khatun", result.Booking!.Passengers[1].Name);
        Assert.Equal("+8801912345678", result.Booking.Passengers[1].Phone);
        var audit = result.Booking.History[^1];
        Assert.Equal("booking.passenger-corrected", audit.Kind);
        Assert.Contains("\"Karima Begum\" → \"Karima Khatun\"", audit.Detail);
        Assert.Contains("…678 → …678", audit.Detail);
        Assert.DoesNotContain("1812345678", audit.Detail);
        Assert.Equal("clerk-1", fixture.Events.For(result.Booking.Pnr)[^1].Actor);
    }

    [Fact]
    public async Task CorrectPassenger_WithAnInvalidPhone_IsRefusedAndChangesNothing()
    {
        var (booking, changes, _) = await ConfirmedAsync();

        var result = await changes.CorrectPassengerAsync("A1", new PassengerInput("Rahim", "12345", Gender.Male), "alice");

        Assert.Equal(BookingErrorCode.InvalidPassenger, result.Failure!.Code);
        Assert.Equal("Rahim Uddin", (await booking.GetAsync())!.Passengers[0].Name);
    }

    [Fact]
    public async Task CancelPassenger_OneOfTwoFiveDaysAhead_ReleasesTheSeatAndOwes90PercentOfTheShare()
    {
        var (booking, changes, trip) = await ConfirmedAsync();

        var result = await changes.CancelPassengerAsync("A2", "alice");

        Assert.Null(result.Failure);
        Assert.Equal(["A1"], result.Booking!.Seats);
        Assert.Equal("Rahim Uddin", Assert.Single(result.Booking.Passengers).Name);
        Assert.Equal(1000, result.Booking.Total);
        Assert.Equal(900m, Assert.Single(result.Booking.Changes!.Outstanding).Amount);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "A2"));
        Assert.Equal(SeatState.Sold, await SeatAsync(trip, "A1"));
        Assert.Equal("booking.passenger-cancelled", Kinds(result.Booking.Pnr)[^1]);

        var last = await changes.CancelPassengerAsync("A1", "alice");
        Assert.Equal(BookingErrorCode.LastPassenger, last.Failure!.Code);

        // The rest of the booking still cancels as a whole, and frees the remaining seat.
        Assert.Null((await booking.CancelAsync("alice")).Failure);
        Assert.Equal(SeatState.Free, await SeatAsync(trip, "A1"));
    }

    [Fact]
    public async Task ChangeRefundCompleted_IsRecordedOnce_AndAProviderNoticeOfItDoesNotCancelTheBooking()
    {
        var (booking, changes, _) = await ConfirmedAsync();
        var key = (await changes.CancelPassengerAsync("A2", "alice")).Booking!.Changes!.Refunds[0].Key;

        await changes.ChangeRefundCompletedAsync(key, "re_1");
        var again = await changes.ChangeRefundCompletedAsync(key, "re_1");
        var notice = await booking.RefundCompletedAsync(new RefundCompleted("re_1", 90_000));

        Assert.Empty(again.Booking!.Changes!.Outstanding);
        Assert.Equal(BookingStatus.Confirmed, notice.Booking!.Status);
        Assert.Single(Kinds(again.Booking.Pnr), k => k == "booking.change-refunded");
    }

    /// <summary>
    /// Buyers race for the same seats on both trips while one booking changes seats and then moves to the other trip:
    /// whoever wins, every sold seat on each trip belongs to exactly one buyer or the booking, and the booking ends on
    /// exactly one trip with one seat per passenger.
    /// </summary>
    [Fact]
    public async Task Changes_RacingWithBuyersOnBothTrips_NeverSellASeatTwiceAndLeaveTheBookingOnExactlyOneTrip()
    {
        var (booking, changes, oldTrip) = await ConfirmedAsync();
        var (newTrip, definition) = await NewTripAsync(TimeSpan.FromDays(6), firstLegFare: 800);
        var pnr = booking.GetPrimaryKeyString();
        var contested = new[] { "B1", "B2", "C1", "C2", "D1", "D2" };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var oldHistory = await UpdateRecorder.StartAsync(oldTrip, cts.Token);
        var newHistory = await UpdateRecorder.StartAsync(newTrip, cts.Token);

        var buyers = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var trip = i % 2 == 0 ? oldTrip : newTrip;
            var seat = contested[i % contested.Length];
            return (Trip: trip.GetPrimaryKeyString(), Result: await SellAsync(trip, seat));
        })).ToList();
        var seatChange = changes.ChangeSeatsAsync(["B1", "B2"], "alice");
        var buyerSales = await Task.WhenAll(buyers);
        var seatResult = await seatChange;
        var moved = await changes.BeginTripChangeAsync(definition.TripId, ["C1", "C2"], "race-move", "alice");

        var final = (await booking.GetAsync())!;
        foreach (var trip in new[] { oldTrip, newTrip })
        {
            var id = trip.GetPrimaryKeyString();
            var sold = buyerSales.Where(s => s.Trip == id && s.Result.Sale is not null).SelectMany(s => s.Result.Sale!.Seats).ToList();
            if (final.Journey.TripId == id)
            {
                sold.AddRange(final.Seats);
            }
            Assert.Equal(sold.Count, sold.Distinct().Count());
            var map = (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!;
            Assert.Equal(sold.Order(), map.Seats.Where(s => s.State == SeatState.Sold).Select(s => s.Seat).Order());
        }
        // The full history of both trips: every version arrived, in order, with no gap.
        var oldUpdates = await oldHistory.UntilAsync((await oldTrip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Version);
        var newUpdates = await newHistory.UntilAsync((await newTrip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Version);
        foreach (var updates in new[] { oldUpdates, newUpdates })
        {
            Assert.Equal(Enumerable.Range(0, updates.Count).Select(i => updates[0].Version + i), updates.Select(u => u.Version));
        }
        if (seatResult.Booking is not null)
        {
            // The seat change is one update: A2 freed and B1, B2 sold together, never both or neither in between.
            var swap = Assert.Single(oldUpdates, u => u.Changes.Any(c => c.Seat == "A2" && c.From == Dhaka && c.State == SeatState.Free));
            Assert.Contains(swap.Changes, c => c.Seat == "B1" && c.From == Dhaka && c.State == SeatState.Sold);
            Assert.Contains(swap.Changes, c => c.Seat == "B2" && c.From == Dhaka && c.State == SeatState.Sold);
        }
        if (moved.Booking is not null)
        {
            // Across trips the new seats are confirmed before the old ones are released: never neither.
            Assert.Contains(newUpdates, u => u.Changes.Any(c => c.Seat == "C1" && c.From == Dhaka && c.State == SeatState.Sold));
        }
        // The booking is on exactly one trip, with one seat per passenger, whatever won the races.
        Assert.Equal(2, final.Seats.Count);
        Assert.Equal(moved.Booking is not null ? definition.TripId : oldTrip.GetPrimaryKeyString(), final.Journey.TripId);
        Assert.True(seatResult.Booking is not null || seatResult.TripFailure?.Code == TripErrorCode.SeatsUnavailable);
        Assert.True(moved.Booking is not null || moved.TripFailure?.Code == TripErrorCode.SeatsUnavailable);
        Assert.All(fixture.Events.For(pnr), e => Assert.NotEqual("booking.trip-change-failed", e.Kind));
    }

    /// <summary>Records a trip's watch stream (every persisted change, in version order) from its start marker on.</summary>
    private sealed class UpdateRecorder
    {
        private readonly List<TripUpdate> _updates = [];
        private readonly object _gate = new();
        private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static async Task<UpdateRecorder> StartAsync(ITripGrain trip, CancellationToken ct)
        {
            var recorder = new UpdateRecorder();
            var stream = trip.WatchAsync(ct).GetAsyncEnumerator(ct);
            Assert.True(await stream.MoveNextAsync());
            recorder.Add(stream.Current);
            _ = Task.Run(async () =>
            {
                try
                {
                    while (await stream.MoveNextAsync())
                    {
                        recorder.Add(stream.Current);
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    await stream.DisposeAsync();
                }
            }, CancellationToken.None);
            return recorder;
        }

        private void Add(TripUpdate update)
        {
            lock (_gate)
            {
                _updates.Add(update);
                _arrived.TrySetResult();
                _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        /// <summary>The updates after the start marker, once version <paramref name="version"/> has arrived.</summary>
        public async Task<List<TripUpdate>> UntilAsync(long version)
        {
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    if (_updates[^1].Version >= version)
                    {
                        return _updates.Skip(1).ToList();
                    }
                    next = _arrived.Task;
                }
                await next.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}
