using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// The booking grain applies the ladies-seat rule (default: open to all 2 hours before departure) wherever it learns or
/// changes who sits where, and tells the trip each sold seat's passenger gender.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LadiesSeatGrainTests(ClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);
    private static readonly PassengerInput Karima = new("Karima Begum", "+8801812345678", Gender.Female);

    /// <summary>A trip whose row A (A1–A4) are ladies seats, leaving its first stop <paramref name="departsIn"/> from now.</summary>
    private async Task<ITripGrain> NewTripAsync(TimeSpan departsIn)
    {
        var trip = Kolkata40($"LDS-{Guid.NewGuid():N}") with { Layout = SeatLayouts.Grid("T", "Test", 10, 2, 2, ladiesRows: 1) };
        var shift = DateTimeOffset.UtcNow + departsIn - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var grain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await grain.ScheduleAsync(trip)).Failure);
        return grain;
    }

    private async Task<(IBookingGrain Booking, BookingResult Result)> BookAsync(ITripGrain trip, string[] seats, PassengerInput[] passengers)
    {
        var hold = (await trip.HoldAsync(new HoldSeats("alice", seats, Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var booking = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForHold(hold.HoldId));
        return (booking, await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, passengers,
            new BookingContact("01712345678", null), "simulated")));
    }

    private static async Task<SeatView> SeatAsync(ITripGrain trip, string seat) =>
        (await trip.GetSeatMapAsync(Dhaka, Jashore, null)).Map!.Seats.Single(s => s.Seat == seat);

    /// <summary>Rahim on B1 and Karima on the ladies seat A2, paid.</summary>
    private async Task<(IBookingGrain Booking, IBookingChangesGrain Changes, ITripGrain Trip)> ConfirmedAsync()
    {
        var trip = await NewTripAsync(TimeSpan.FromDays(5));
        var (booking, created) = await BookAsync(trip, ["B1", "A2"], [Rahim, Karima]);
        Assert.Null(created.Failure);
        var pnr = booking.GetPrimaryKeyString();
        Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)))).Failure);
        Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 200_000))).Booking!.Status);
        return (booking, fixture.Grains.GetGrain<IBookingChangesGrain>(pnr), trip);
    }

    [Fact]
    public async Task Create_MaleOnLadiesSeatBeforeOpening_IsRefusedAndTheHoldStays()
    {
        var trip = await NewTripAsync(TimeSpan.FromDays(5));

        var (booking, result) = await BookAsync(trip, ["A1"], [Rahim]);

        Assert.Equal(BookingErrorCode.LadiesSeat, result.Failure?.Code);
        Assert.Equal(["A1"], result.Failure!.Seats);
        Assert.Null(await booking.GetAsync());
        Assert.Equal(SeatState.Held, (await SeatAsync(trip, "A1")).State);
    }

    [Fact]
    public async Task Create_MaleOnLadiesSeatAfterOpening_IsAllowed()
    {
        var trip = await NewTripAsync(TimeSpan.FromHours(1));

        var (_, result) = await BookAsync(trip, ["A1"], [Rahim]);

        Assert.Null(result.Failure);
    }

    [Fact]
    public async Task Confirm_TellsTheTripEachPassengersGender()
    {
        var (_, _, trip) = await ConfirmedAsync();

        Assert.Equal(Gender.Female, (await SeatAsync(trip, "A2")).Gender);
        Assert.Equal(Gender.Male, (await SeatAsync(trip, "B1")).Gender);
    }

    [Fact]
    public async Task CounterSale_MaleOnLadiesSeatBeforeOpening_IsRefusedAndNothingIsSold()
    {
        var trip = await NewTripAsync(TimeSpan.FromDays(5));
        var requestId = Guid.NewGuid().ToString();
        var booking = fixture.Grains.GetGrain<IBookingGrain>(Pnr.ForCounterSale("clerk-1", requestId));

        // Karima on B3, Rahim on the ladies seat A3.
        var result = await booking.CreateCounterSaleAsync(new CounterSale("clerk-1", Dhaka, trip.GetPrimaryKeyString(), ["B3", "A3"],
            Dhaka, Jashore, [Karima, Rahim], requestId));

        Assert.Equal(BookingErrorCode.LadiesSeat, result.Failure?.Code);
        Assert.Equal(["A3"], result.Failure!.Seats);
        Assert.Equal(SeatState.Free, (await SeatAsync(trip, "A3")).State);
        Assert.Equal(SeatState.Free, (await SeatAsync(trip, "B3")).State);
    }

    [Fact]
    public async Task ChangeSeats_MaleOntoLadiesSeatBeforeOpening_IsRefusedAndTheBookingKeepsItsSeats()
    {
        var (booking, changes, trip) = await ConfirmedAsync();

        var result = await changes.ChangeSeatsAsync(["A1", "A2"], "alice");

        Assert.Equal(BookingErrorCode.LadiesSeat, result.Failure?.Code);
        Assert.Equal(["B1", "A2"], (await booking.GetAsync())!.Seats);
        Assert.Equal(SeatState.Free, (await SeatAsync(trip, "A1")).State);
    }

    [Fact]
    public async Task ChangeSeats_MovesThePassengersGenderMarkerWithThem()
    {
        var (_, changes, trip) = await ConfirmedAsync();

        Assert.Null((await changes.ChangeSeatsAsync(["C1", "A2"], "alice")).Failure);

        Assert.Equal(Gender.Male, (await SeatAsync(trip, "C1")).Gender);
        Assert.Null((await SeatAsync(trip, "B1")).Gender);
    }

    [Fact]
    public async Task CorrectPassenger_ToMaleOnLadiesSeatBeforeOpening_IsRefused()
    {
        var (booking, changes, _) = await ConfirmedAsync();

        var result = await changes.CorrectPassengerAsync("A2", Karima with { Gender = Gender.Male }, "alice");

        Assert.Equal(BookingErrorCode.LadiesSeat, result.Failure?.Code);
        Assert.Equal(Gender.Female, (await booking.GetAsync())!.Passengers.Single(p => p.Seat == "A2").Gender);
    }
    [Fact]
    public async Task CorrectPassenger_Gender_TheMapAndTheTripsWatchersGetTheNewGender()
    {
        var (booking, changes, trip) = await ConfirmedAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var updates = trip.WatchAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await updates.MoveNextAsync());
        var marker = updates.Current.Version;

        var result = await changes.CorrectPassengerAsync("B1", Rahim with { Gender = Gender.Female }, "alice");

        Assert.Null(result.Failure);
        Assert.Null(result.TripFailure);
        Assert.Equal(Gender.Female, (await booking.GetAsync())!.Passengers.Single(p => p.Seat == "B1").Gender);
        Assert.Equal(Gender.Female, (await SeatAsync(trip, "B1")).Gender);
        Assert.Equal(Gender.Female, (await SeatAsync(trip, "A2")).Gender);
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(marker + 1, updates.Current.Version);
        Assert.Contains(updates.Current.Changes, c => c.Seat == "B1" && c.From == Dhaka && c.State == SeatState.Sold && c.Gender == Gender.Female);
        Assert.All(updates.Current.Changes, c => Assert.Equal("B1", c.Seat));
    }

    [Fact]
    public async Task CorrectPassenger_NameOnly_LeavesTheTripUntouched()
    {
        var (_, changes, trip) = await ConfirmedAsync();
        var before = (await trip.GetSnapshotAsync())!.Version;

        Assert.Null((await changes.CorrectPassengerAsync("B1", Rahim with { Name = "Rahim Uddin Khan" }, "alice")).Failure);

        Assert.Equal(before, (await trip.GetSnapshotAsync())!.Version);
        Assert.Equal(Gender.Male, (await SeatAsync(trip, "B1")).Gender);
    }
}
