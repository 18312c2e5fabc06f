using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Configuration;

namespace DiuParibahan.Hosting.Tests.Storage;

/// <summary>
/// A booking on the real databases: its state survives a silo restart, and each transition is one <c>booking.*</c>
/// row of the events table, not repeated by the restart.
/// </summary>
public abstract class BookingPersistenceTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static void ConfigureSilo(TestDatabase database, ISiloBuilder silo)
    {
        database.ConfigureSilo(silo);
        silo.AddTicketingGrains(new ConfigurationBuilder().Build());
    }

    private static TripDefinition Trip()
    {
        var departure = DateTimeOffset.UtcNow.AddDays(4);
        return new TripDefinition($"PST-{Guid.NewGuid():N}", "dhk-jsr", "DHK-JSR", "Dhaka – Jashore", "ঢাকা – যশোর", "coach-9",
            "Dhaka Metro Ba-11-0001", CoachClass.AcEconomy, SeatLayouts.Grid("T", "Test", 4, 2, 2),
            [new TripStop("dhaka-kalyanpur", departure), new TripStop("jashore", departure.AddHours(4))], [900],
            TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task ConfirmedBooking_SurvivesSiloRestart_AndItsEventsAreStoredOnce()
    {
        await using var database = await CreateDatabaseAsync();
        var trip = Trip();
        string pnr;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            var tripGrain = silo.Grains.GetGrain<ITripGrain>(trip.TripId);
            await tripGrain.ScheduleAsync(trip);
            var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], "dhaka-kalyanpur", "jashore", "r1", SalesChannel.Online))).Hold!;
            pnr = Pnr.ForHold(hold.HoldId);
            var booking = silo.Grains.GetGrain<IBookingGrain>(pnr);
            Assert.Null((await booking.CreateAsync(new CreateBooking("alice", trip.TripId, hold.HoldId,
                [new PassengerInput("Rahim Uddin", "01712345678", Gender.Male)], new BookingContact("01712345678", null), "simulated"))).Failure);
            await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)));
            Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 90_000))).Booking!.Status);
        }

        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            var restored = (await silo.Grains.GetGrain<IBookingGrain>(pnr).GetAsync())!;
            Assert.Equal(BookingStatus.Confirmed, restored.Status);
            Assert.Equal("+8801712345678", restored.Passengers.Single().Phone);
            Assert.Equal(["booking.created", "booking.payment-started", "booking.confirmed"], restored.History.Select(h => h.Kind));
            var seat = (await silo.Grains.GetGrain<ITripGrain>(trip.TripId).GetSeatMapAsync("dhaka-kalyanpur", "jashore", null)).Map!
                .Seats.Single(s => s.Seat == "A1");
            Assert.Equal(SeatState.Sold, seat.State);
        }

        Assert.Equal(3, await database.CountAsync($"SELECT count(*) FROM events WHERE booking_ref = '{pnr}' AND kind LIKE 'booking.%'"));
    }
}

public sealed class SqliteBookingPersistenceTests : BookingPersistenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresBookingPersistenceTests(PostgresServer server) : BookingPersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}
