using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Payments;

/// <summary>
/// A refund left owed (the frontend stopped between a cancellation and its payout, or Stripe was down) is paid by the
/// background <see cref="RefundSweeper"/>, never by reading the booking. Bookings on Kolkata day 11 of the Stripe app.
/// </summary>
[Collection(StripeAppCollection.Name)]
public sealed class RefundSweepTests(StripeAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    private IUnsettledRefundsGrain Registry => Grains.GetGrain<IUnsettledRefundsGrain>(IUnsettledRefundsGrain.Key);

    private RefundSweeper Sweeper => app.Services.GetRequiredService<RefundSweeper>();

    private int RefundsFor(string pnr) =>
        app.Stripe.RefundsCreated.Count(r => r["metadata"]?["pnr"]?.GetValue<string>() == pnr);

    private async Task<BookingView> BookingAsync(string pnr) => (await Grains.GetGrain<IBookingGrain>(pnr).GetAsync())!;

    /// <summary>
    /// A booking paid through Stripe (webhook delivered), then cancelled in its grain only, as if the frontend had
    /// stopped before paying the refund: it owes the refund and no provider was asked for it.
    /// </summary>
    private async Task<(HttpClient Owner, string Pnr)> CancelledWithRefundOwedAsync(string seat)
    {
        var owner = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(owner, 11))[0].TripId;
        var pnr = (await BookAsync(owner, tripId, seat)).GetProperty("pnr").GetString()!;
        var payload = app.Stripe.SucceededEvent(pnr);
        using var stripe = new HttpClient { BaseAddress = app.ServerAddress };
        var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        webhook.Headers.Add("Stripe-Signature", FakeStripe.Sign(payload));
        (await stripe.SendAsync(webhook, Ct)).EnsureSuccessStatusCode();
        var cancelled = await Grains.GetGrain<IBookingGrain>(pnr).CancelAsync("test-passenger");
        Assert.True(cancelled.Booking!.RefundOutstanding);
        return (owner, pnr);
    }

    [Fact]
    public async Task OwedRefund_FailingOnceAtTheProvider_IsPaidByTheSweep_WithoutAnyRead()
    {
        var (owner, pnr) = await CancelledWithRefundOwedAsync("D1");
        using var _ = owner;
        var listedWhenCancelled = await Registry.ListAsync();
        app.Stripe.FailNextRefund(pnr);

        await Sweeper.SweepAsync(Ct);
        var afterOutage = await BookingAsync(pnr);
        var listedAfterOutage = await Registry.ListAsync();
        await Sweeper.SweepAsync(Ct);
        var settled = await BookingAsync(pnr);
        await Sweeper.SweepAsync(Ct);

        Assert.Contains(pnr, listedWhenCancelled);
        Assert.True(afterOutage.RefundOutstanding);
        Assert.Contains(pnr, listedAfterOutage);
        Assert.Equal(BookingStatus.Refunded, settled.Status);
        Assert.False(settled.RefundOutstanding);
        Assert.DoesNotContain(pnr, await Registry.ListAsync());
        Assert.Equal(1, RefundsFor(pnr));
        Assert.Equal(BookingStatus.Refunded, (await BookingAsync(pnr)).Status);
    }

    [Fact]
    public async Task ReadingABookingThatOwesARefund_ChangesNothing_AndCallsNoProvider()
    {
        var (owner, pnr) = await CancelledWithRefundOwedAsync("D2");
        using var _ = owner;
        var before = await BookingAsync(pnr);
        var stripeRequestsBefore = app.Stripe.RequestsFor(pnr).Count;

        var response = await owner.GetAsync($"/api/bookings/{pnr}", Ct);
        var shown = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var after = await BookingAsync(pnr);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Cancelled", shown.GetProperty("status").GetString());
        Assert.Equal(stripeRequestsBefore, app.Stripe.RequestsFor(pnr).Count);
        Assert.Equal(0, RefundsFor(pnr));
        Assert.Equal(BookingStatus.Cancelled, after.Status);
        Assert.True(after.RefundOutstanding);
        Assert.Equal(before.History.Count, after.History.Count);
        Assert.Contains(pnr, await Registry.ListAsync());
    }
}
