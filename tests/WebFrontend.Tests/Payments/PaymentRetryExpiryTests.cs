using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Payments;

/// <summary>The embedded app of its own, whose holds and payment window last eight seconds, so a hold runs out within a test.</summary>
public sealed class ShortPaymentWindowAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Trips:OnlineHoldDuration", "00:00:08"),
        new("Payments:PaymentWindow", "00:00:08"),
    ];
}

/// <summary>A failed payment keeps the seats only for the rest of the hold: afterwards paying again is refused and the seats are free.</summary>
public sealed class PaymentRetryExpiryTests(ShortPaymentWindowAppFixture app) : IClassFixture<ShortPaymentWindowAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailedPayment_ThenTheHoldRunsOut_TheBookingFails_AndPayingAgainIsRefusedAsHoldExpired()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(alice, 3))[0].TripId;
        var pnr = (await BookAsync(alice, tripId, "A1")).GetProperty("pnr").GetString()!;
        var failed = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "failed" }, Ct));
        Assert.Equal("PendingPayment", failed.GetProperty("status").GetString());

        // The booking's own deadline timer ends it; wait for that (bounded), not for a guessed time.
        var status = await StatusOnceSettledAsync(alice, pnr);
        var retry = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { }, Ct);

        Assert.Equal("PaymentFailed", status);
        var problem = await ProblemAssert.IsProblemAsync(retry, HttpStatusCode.Conflict, "hold-expired");
        Assert.Contains("choose the seats again", problem.GetProperty("detail").GetString());
        Assert.Equal("free", await SeatStateAsync(alice, tripId, "A1"));
    }

    private static async Task<string> StatusOnceSettledAsync(HttpClient client, string pnr)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var booking = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/bookings/{pnr}", deadline.Token);
            var status = booking.GetProperty("status").GetString()!;
            if (status != "PendingPayment")
            {
                return status;
            }
            await ticks.WaitForNextTickAsync(deadline.Token);
        }
    }
}
