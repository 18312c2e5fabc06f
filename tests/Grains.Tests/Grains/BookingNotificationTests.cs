using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// What a booking hands to the notification outbox (each transition once, keyed by PNR and event index) and its
/// departure reminders (registered when confirmed, gone when cancelled, firing once when due).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BookingNotificationTests(ClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);
    private static readonly BookingContact Contact = new("01712345678", "rahim@example.com");

    private async Task<(IBookingGrain Booking, string Pnr)> ConfirmedBookingAsync(TimeSpan departsIn, string language = "en")
    {
        var trip = Kolkata40($"NTF-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow + departsIn - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var tripGrain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await tripGrain.ScheduleAsync(trip)).Failure);
        var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim], Contact, "simulated", language))).Failure);
        Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)))).Failure);
        Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000))).Booking!.Status);
        return (booking, pnr);
    }

    private async Task<IReadOnlyList<string>> RemindersOfAsync(IBookingGrain booking)
    {
        var table = ((InProcessSiloHandle)fixture.Cluster.Primary).SiloHost.Services.GetRequiredService<IReminderTable>();
        return (await table.ReadRows(booking.GetGrainId())).Reminders.Select(r => r.ReminderName).Order().ToList();
    }

    [Fact]
    public async Task Confirm_HandsEachTransitionOnceKeyedByEventIndex_InTheBookingsLanguage()
    {
        var (booking, pnr) = await ConfirmedBookingAsync(TimeSpan.FromDays(3), "bn");
        await booking.GetAsync();

        var triggers = fixture.Notifications.For(pnr);

        Assert.Equal([$"{pnr}:0", $"{pnr}:1", $"{pnr}:2"], triggers.Select(t => t.Key));
        Assert.Equal(["booking.created", "booking.payment-started", "booking.confirmed"], triggers.Select(t => t.Kind));
        Assert.Equal("bn", fixture.Notifications.LanguageOf($"{pnr}:2"));
        Assert.Equal(BookingStatus.Confirmed, fixture.Notifications.BookingOf($"{pnr}:2")!.Status);
    }

    [Fact]
    public async Task Confirm_RegistersBothDepartureReminders_AndCancelRemovesThem()
    {
        var (booking, _) = await ConfirmedBookingAsync(TimeSpan.FromDays(3));
        Assert.Equal(["reminder-24h", "reminder-2h"], await RemindersOfAsync(booking));

        Assert.Null((await booking.CancelAsync("alice")).Failure);

        Assert.Empty(await RemindersOfAsync(booking));
    }

    [Fact]
    public async Task Confirm_LessThan24HoursAhead_RegistersOnlyTheTwoHourReminder()
    {
        var (booking, _) = await ConfirmedBookingAsync(TimeSpan.FromHours(10));

        Assert.Equal(["reminder-2h"], await RemindersOfAsync(booking));
    }

    [Fact]
    public async Task Reminder_WhenDue_IsHandedOverOnceAndUnregistered()
    {
        // The 24-hour reminder falls due a few seconds from now.
        var (booking, pnr) = await ConfirmedBookingAsync(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(4));

        await fixture.Notifications.WaitForAsync($"{pnr}:reminder-24h", TimeSpan.FromSeconds(60));
        // The grain is not reentrant: this call runs after the reminder's turn, unregistering included, has finished.
        await booking.GetAsync();

        Assert.Single(fixture.Notifications.For(pnr), t => t.Kind == "booking.reminder-24h");
        Assert.Equal(["reminder-2h"], await RemindersOfAsync(booking));
    }

    [Fact]
    public async Task OutboxDown_BookingStillConfirms_AndTheMissedTransitionsAreHandedOverAfterTheNextChange()
    {
        var trip = Kolkata40($"NTF-{Guid.NewGuid():N}");
        var tripGrain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await tripGrain.ScheduleAsync(trip with
        {
            Stops = trip.Stops.Select(s => s with { Departure = s.Departure + (DateTimeOffset.UtcNow.AddDays(3) - trip.Departure) }).ToList(),
        })).Failure);
        var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim], Contact, "simulated"))).Failure);
        fixture.Notifications.Failing = true;
        try
        {
            Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)))).Failure);
            Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000))).Booking!.Status);
            Assert.Equal([$"{pnr}:0"], fixture.Notifications.For(pnr).Select(t => t.Key));
        }
        finally
        {
            fixture.Notifications.Failing = false;
        }

        Assert.Null((await booking.CancelAsync("alice")).Failure);

        Assert.Equal(["booking.created", "booking.payment-started", "booking.confirmed", "booking.cancelled"],
            fixture.Notifications.For(pnr).Select(t => t.Kind));
    }
}
