using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Tests.Fixtures;
using DiuParibahan.Grains.Trips;
using static DiuParibahan.Grains.Tests.Fixtures.TestTrips;

namespace DiuParibahan.Grains.Tests.Grains;

/// <summary>
/// A booking that owes money back is on the <see cref="IUnsettledRefundsGrain"/> list, where the frontend's refund sweep
/// finds it, from the write that makes it owe until a refund is reported; one that owes nothing is never listed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OwedRefundListTests(ClusterFixture fixture)
{
    private static readonly PassengerInput Rahim = new("Rahim Uddin", "01712345678", Gender.Male);

    private IUnsettledRefundsGrain Registry => fixture.Grains.GetGrain<IUnsettledRefundsGrain>(IUnsettledRefundsGrain.Key);

    /// <summary>A booking of one seat on a fresh trip departing in <paramref name="departsIn"/>, paid.</summary>
    private async Task<IBookingGrain> PaidBookingAsync(TimeSpan departsIn)
    {
        var trip = Kolkata40($"OWED-{Guid.NewGuid():N}");
        var shift = DateTimeOffset.UtcNow + departsIn - trip.Departure;
        trip = trip with { Stops = trip.Stops.Select(s => s with { Departure = s.Departure + shift }).ToList() };
        var tripGrain = fixture.Grains.GetGrain<ITripGrain>(trip.TripId);
        Assert.Null((await tripGrain.ScheduleAsync(trip)).Failure);
        var hold = (await tripGrain.HoldAsync(new HoldSeats("alice", ["A1"], Dhaka, Jashore, Guid.NewGuid().ToString(), SalesChannel.Online))).Hold!;
        var pnr = Pnr.ForHold(hold.HoldId);
        var booking = fixture.Grains.GetGrain<IBookingGrain>(pnr);
        Assert.Null((await booking.CreateAsync(new CreateBooking("alice", hold.TripId, hold.HoldId, [Rahim],
            new BookingContact("01712345678", null), "simulated"))).Failure);
        Assert.Null((await booking.StartPaymentAsync(new PaymentStarted("sim_" + pnr, null, DateTimeOffset.UtcNow.AddMinutes(15)))).Failure);
        Assert.Equal(BookingStatus.Confirmed, (await booking.PaymentSucceededAsync(new PaymentSucceeded("sim_" + pnr, 100_000))).Booking!.Status);
        return booking;
    }

    [Fact]
    public async Task CancelledWithARefundOwed_IsListed_UntilTheRefundIsReported()
    {
        var booking = await PaidBookingAsync(TimeSpan.FromDays(5));
        var pnr = booking.GetPrimaryKeyString();
        var listedWhilePaid = await Registry.ListAsync();

        var cancelled = await booking.CancelAsync("alice");
        var listedWhileOwed = await Registry.ListAsync();
        await booking.RefundCompletedAsync(new RefundCompleted("simre_" + pnr, 90_000));

        Assert.DoesNotContain(pnr, listedWhilePaid);
        Assert.True(cancelled.Booking!.RefundOutstanding);
        Assert.Contains(pnr, listedWhileOwed);
        Assert.DoesNotContain(pnr, await Registry.ListAsync());
    }

    [Fact]
    public async Task CancelledWithNothingToRefund_IsNeverListed()
    {
        var booking = await PaidBookingAsync(TimeSpan.FromHours(6));

        var cancelled = await booking.CancelAsync("alice");

        Assert.Equal(0m, cancelled.Booking!.Refund!.Amount);
        Assert.DoesNotContain(booking.GetPrimaryKeyString(), await Registry.ListAsync());
    }
}
