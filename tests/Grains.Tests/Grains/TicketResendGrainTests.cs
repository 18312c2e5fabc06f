using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// A booking's ticket resends on the silo's fake clock: each a new SMS-only trigger in the booking's language, three a
/// Dhaka day, the fourth refused until Dhaka midnight and allowed once the clock gets there; unpaid bookings send none.
/// </summary>
[Collection(FakeClockCollection.Name)]
public sealed class TicketResendGrainTests(FakeClockClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);

    private static DateTimeOffset Now => FakeClockClusterFixture.Clock.GetUtcNow();

    private async Task<IBookingGrain> BookingAsync(bool pay)
    {
        var trip = Kolkata40($"RSD-{Guid.NewGuid():N}");
        var shift = Now + TimeSpan.FromDays(5) - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var tripGrain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await tripGrain.ScheduleAsync(trip)).Failure);
        var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim],
            new BookingContact("01712345678", "rahim@example.com"), "simulated", "bn"))).Failure);
        if (pay)
        {
            Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, Now.AddMinutes(15)))).Failure);
            Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000))).Booking!.Status);
        }
        return booking;
    }

    private IReadOnlyList<NotificationTrigger> Resends(string pnr) =>
        fixture.Notifications.For(pnr).Where(t => t.Kind == BookingGrain.TicketResentKind).ToList();

    [Fact]
    public async Task ThreeResendsADhakaDay_TheFourthWaitsForDhakaMidnight_ThenTheCountStartsAgain()
    {
        var booking = await BookingAsync(pay: true);
        var pnr = booking.GetPrimaryKeyString();

        var sent = new List<TicketResendResult>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(await booking.ResendTicketAsync("alice"));
        }
        var refused = await booking.ResendTicketAsync("alice");

        Assert.Equal([1, 2, 3], sent.Select(r => r.SentToday));
        Assert.All(sent, r => Assert.Null(r.Failure));
        Assert.Equal(BookingErrorCode.ResendLimitReached, refused.Failure?.Code);
        var midnight = ServiceDay.At(ServiceDay.Of(Now).AddDays(1), TimeOnly.MinValue);
        Assert.Equal(midnight, refused.RetryAt);
        Assert.Equal(3, Resends(pnr).Count);

        FakeClockClusterFixture.Clock.Advance(midnight - Now - TimeSpan.FromSeconds(1));
        Assert.Equal(BookingErrorCode.ResendLimitReached, (await booking.ResendTicketAsync("alice")).Failure?.Code);

        FakeClockClusterFixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var nextDay = await booking.ResendTicketAsync("alice");

        Assert.Null(nextDay.Failure);
        Assert.Equal(1, nextDay.SentToday);
        var resends = Resends(pnr);
        Assert.Equal(4, resends.Count);
        Assert.Equal(4, resends.Select(t => t.Key).Distinct().Count());
        Assert.All(resends, t => Assert.True(t.SmsOnly));
        Assert.All(resends, t => Assert.Equal("bn", fixture.Notifications.LanguageOf(t.Key)));
    }

    [Fact]
    public async Task UnpaidBooking_SendsNothing_AndSaysTheTicketIsNotIssued()
    {
        var booking = await BookingAsync(pay: false);

        var result = await booking.ResendTicketAsync("alice");

        Assert.Equal(BookingErrorCode.TicketNotIssued, result.Failure?.Code);
        Assert.Empty(Resends(booking.GetPrimaryKeyString()));
    }

    [Fact]
    public async Task UnknownBooking_SendsNothing_AndIsNotFound()
    {
        var pnr = "DP-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        var result = await fixture.Grains.GetGrain<IBookingGrain>(pnr).ResendTicketAsync("alice");

        Assert.Equal(BookingErrorCode.BookingNotFound, result.Failure?.Code);
        Assert.Equal((0, TicketResendRules.PerDhakaDay, (DateTimeOffset?)null), (result.SentToday, result.Limit, result.RetryAt));
        Assert.Empty(Resends(pnr));
    }
}
