using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>
/// Departure reminders are durable: registered by one silo when the booking is confirmed, they fire on the silo
/// started after it stopped, and the message lands in the outbox of the database.
/// </summary>
public abstract class DepartureReminderRestartTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static void ConfigureSilo(TestDatabase database, ISiloBuilder silo, TaskCompletionSource? fired = null, string? key = null)
    {
        database.ConfigureSilo(silo);
        if (fired is not null)
        {
            // Registered before the grains' own, so it is the one they get (theirs is only added when none is).
            silo.Services.AddSingleton<INotificationOutbox>(sp =>
                new SignallingOutbox(ActivatorUtilities.CreateInstance<NotificationOutbox>(sp), key!, fired));
        }
        silo.AddTicketingGrains(new ConfigurationBuilder().Build());
    }

    [Fact]
    public async Task ReminderRegisteredBeforeARestart_FiresOnTheNextSilo_AndItsMessageIsInTheOutbox()
    {
        await using var database = await CreateDatabaseAsync();
        // The 24-hour reminder falls due shortly after the restart (a tick missed while no silo is up comes one
        // period, a minute, later: the timeout allows for that).
        var departure = DateTimeOffset.UtcNow.AddHours(24).AddSeconds(25);
        var trip = new TripDefinition($"RMD-{Guid.NewGuid():N}", "dhk-syl", "DHK-SYL", "Dhaka – Sylhet", "ঢাকা – সিলেট", "coach-9",
            "Dhaka Metro Ba-11-0001", CoachClass.AcEconomy, SeatLayouts.Grid("T", "Test", 4, 2, 2),
            [new TripStop("dhaka-sayedabad", departure), new TripStop("sylhet-kadamtali", departure.AddHours(6))], [900],
            TimeSpan.FromMinutes(30));
        string pnr;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            var tripGrain = silo.Grains.GetGrain<ITripGrain>(trip.TripId);
            await tripGrain.ScheduleAsync(trip);
            var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], "dhaka-sayedabad", "sylhet-kadamtali", "r1", SalesChannel.Online))).Hold!;
            pnr = Pnr.ForHold(hold.HoldId);
            var booking = silo.Grains.GetGrain<IBookingGrain>(pnr);
            Assert.Null((await booking.CreateAsync(new CreateBooking("alice", trip.TripId, hold.HoldId,
                [new PassengerInput("Rahim Uddin", "01712345678", Gender.Male)], new BookingContact("01712345678", "rahim@example.com"),
                "simulated", "bn"))).Failure);
            await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)));
            Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 90_000))).Booking!.Status);
            Assert.Equal(2, await database.CountAsync("SELECT COUNT(*) FROM orleansreminderstable"));
        }

        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s, fired, $"{pnr}:reminder-24h")))
        {
            await fired.Task.WaitAsync(TimeSpan.FromSeconds(150), TestContext.Current.CancellationToken);

            var store = silo.Services.GetRequiredService<OutboxStore>();
            var keys = (await store.ForBookingAsync(pnr)).Select(m => m.IdempotencyKey).ToList();
            Assert.Contains($"{pnr}:2:sms", keys);
            Assert.Contains($"{pnr}:reminder-24h:sms", keys);
            Assert.Contains($"{pnr}:reminder-24h:email", keys);
            var reminder = (await store.ForBookingAsync(pnr)).Single(m => m.IdempotencyKey == $"{pnr}:reminder-24h:sms");
            Assert.Equal("bn", reminder.Language);
            Assert.Contains("ঢাকা – সিলেট", reminder.BodyText);
        }
    }

    private sealed class SignallingOutbox(INotificationOutbox inner, string key, TaskCompletionSource fired) : INotificationOutbox
    {
        public async Task EnqueueAsync(BookingView booking, string language, IReadOnlyList<NotificationTrigger> triggers)
        {
            await inner.EnqueueAsync(booking, language, triggers);
            if (triggers.Any(t => t.Key == key))
            {
                fired.TrySetResult();
            }
        }
    }
}

public sealed class SqliteDepartureReminderRestartTests : DepartureReminderRestartTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresDepartureReminderRestartTests(PostgresServer server) : DepartureReminderRestartTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}
