using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>Bookings paid through Stripe: the app talks to a local fake Stripe and receives webhooks signed like Stripe's.</summary>
[Collection(StripeAppCollection.Name)]
public sealed class StripePaymentTests(StripeAppFixture app)
{
    private FakeStripe Stripe => app.Stripe;

    // Each test takes its own departure day on this app, so seats never collide between tests.
    private async Task<string> TripAsync(HttpClient client, int daysAhead) => (await KolkataTripsAsync(client, daysAhead))[0].TripId;

    private async Task<HttpResponseMessage> DeliverAsync(string payload, string? signature = null)
    {
        using var stripe = new HttpClient { BaseAddress = app.ServerAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/stripe/webhook")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Stripe-Signature", signature ?? FakeStripe.Sign(payload));
        return await stripe.SendAsync(request);
    }

    private static async Task<JsonElement> GetBookingAsync(HttpClient visitor, string pnr) =>
        await visitor.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}");

    private static string Status(JsonElement booking) => booking.GetProperty("status").GetString()!;

    [Fact]
    public async Task Booking_CreatesOneBdtPaymentIntentInPoishaWithPnrAndHoldMetadata()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 2);
        var holdId = await HoldAsync(alice, tripId, "A1", "A2");

        var booking = await Json(await PostBookingAsync(alice, holdId, Passenger(), Passenger("Karima Begum", "01812345678", "female")));
        var retry = await Json(await PostBookingAsync(alice, holdId, Passenger(), Passenger("Karima Begum", "01812345678", "female")));
        var pnr = booking.GetProperty("pnr").GetString()!;

        Assert.Equal(pnr, retry.GetProperty("pnr").GetString());
        var create = Assert.Single(Stripe.RequestsFor(pnr), r => r.Path == "/v1/payment_intents");
        Assert.Equal("bdt", create.Form["currency"]);
        Assert.Equal((booking.GetProperty("fare").GetProperty("total").GetInt32() * 100).ToString(), create.Form["amount"]);
        Assert.Equal(holdId.Split('.')[1], create.Form["metadata[hold_id]"]);
        Assert.Equal("pi-" + pnr, create.IdempotencyKey);
        var payment = booking.GetProperty("payment");
        Assert.Equal("stripe", payment.GetProperty("provider").GetString());
        Assert.StartsWith("pi_", payment.GetProperty("clientSecret").GetString());
        Assert.Equal(FakeStripe.PublishableKey, payment.GetProperty("publishableKey").GetString());
        Assert.True(booking.GetProperty("holdExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(10),
            "starting the payment extends the hold beyond the payment window");
        await ProblemAssert.IsProblemAsync(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }),
            HttpStatusCode.NotFound, "booking-not-found");
    }

    [Fact]
    public async Task SucceededWebhook_ConfirmsTheBookingAndSellsTheSeats()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 3);
        var pnr = (await BookAsync(alice, tripId, "B1")).GetProperty("pnr").GetString()!;

        var response = await DeliverAsync(Stripe.SucceededEvent(pnr));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var booking = await GetBookingAsync(alice, pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("payment").GetProperty("clientSecret").ValueKind);
        Assert.Equal("sold", await SeatStateAsync(alice, tripId, "B1"));
    }

    [Fact]
    public async Task FailedWebhook_KeepsTheSeatsHeld_AndPayingAgainByCardUsesTheSameIntentAndConfirms()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 4);
        var pnr = (await BookAsync(alice, tripId, "C1")).GetProperty("pnr").GetString()!;
        var intentId = Stripe.IntentFor(pnr)["id"]!.GetValue<string>();

        var response = await DeliverAsync(Stripe.FailedEvent(pnr));
        var failed = await GetBookingAsync(alice, pnr);
        var heldAfterFailure = await SeatStateAsync(alice, tripId, "C1");
        var retried = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { paymentMethod = "card" }));
        var paid = await DeliverAsync(Stripe.SucceededEvent(pnr));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("PendingPayment", "Failed"), (Status(failed), failed.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Equal("held", heldAfterFailure);
        Assert.Equal("RequiresPayment", retried.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(Stripe.IntentFor(pnr)["client_secret"]!.GetValue<string>(), retried.GetProperty("payment").GetProperty("clientSecret").GetString());
        Assert.Single(Stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/payment_intents" && r.Form.GetValueOrDefault("metadata[pnr]") == pnr);
        Assert.Equal(intentId, Stripe.IntentFor(pnr)["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, pnr)));
        Assert.Equal("sold", await SeatStateAsync(alice, tripId, "C1"));
    }

    [Fact]
    public async Task DuplicateAndReorderedWebhooks_ConfirmExactlyOnce()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 5);
        var pnr = (await BookAsync(alice, tripId, "D1")).GetProperty("pnr").GetString()!;
        var succeeded = Stripe.SucceededEvent(pnr);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => DeliverAsync(succeeded)));
        var lateFailure = await DeliverAsync(Stripe.FailedEvent(pnr));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, lateFailure.StatusCode);
        var booking = await GetBookingAsync(alice, pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Single(booking.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.confirmed");
        Assert.DoesNotContain(booking.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.payment-failed");
        Assert.Equal("sold", await SeatStateAsync(alice, tripId, "D1"));
    }

    [Fact]
    public async Task Webhooks_WithABadSignatureAStaleTimestampOrAnUnknownPnr_Are400AndChangeNothing()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 6);
        var pnr = (await BookAsync(alice, tripId, "E1")).GetProperty("pnr").GetString()!;
        var payload = Stripe.SucceededEvent(pnr);

        var wrongSecret = await DeliverAsync(payload, FakeStripe.Sign(payload, secret: "whsec_someone_else"));
        var stale = await DeliverAsync(payload, FakeStripe.Sign(payload, DateTimeOffset.UtcNow.AddMinutes(-10)));
        var unsigned = await DeliverAsync(payload, "");
        var unknown = FakeStripe.Event("payment_intent.succeeded", new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "pi_unknown", ["object"] = "payment_intent", ["amount"] = 100, ["amount_received"] = 100, ["currency"] = "bdt",
            ["status"] = "succeeded", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["pnr"] = "DP-ZZZZZZ" },
        });
        var unknownPnr = await DeliverAsync(unknown);

        await ProblemAssert.IsProblemAsync(wrongSecret, HttpStatusCode.BadRequest, "invalid-signature");
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.BadRequest, "invalid-signature");
        await ProblemAssert.IsProblemAsync(unsigned, HttpStatusCode.BadRequest, "invalid-signature");
        await ProblemAssert.IsProblemAsync(unknownPnr, HttpStatusCode.BadRequest, "booking-not-found");
        var booking = await GetBookingAsync(alice, pnr);
        Assert.Equal("PendingPayment", Status(booking));
        Assert.Equal("held", await SeatStateAsync(alice, tripId, "E1"));
    }

    [Fact]
    public async Task PaymentAfterTheHoldExpired_WithTheSeatStillFree_Confirms()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 7);
        var booking = await BookAsync(alice, tripId, "F1");
        var pnr = booking.GetProperty("pnr").GetString()!;
        // The hold is gone before the money arrives (as after expiry); releasing it makes that deterministic.
        await alice.DeleteAsync($"/api/holds/{await HoldIdAsync(alice, tripId)}");
        Assert.Equal("free", await SeatStateAsync(alice, tripId, "F1"));

        await DeliverAsync(Stripe.SucceededEvent(pnr));

        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, pnr)));
        Assert.Equal("sold", await SeatStateAsync(alice, tripId, "F1"));
        Assert.DoesNotContain(Stripe.RequestsFor(pnr), r => r.Path == "/v1/refunds");
    }

    [Fact]
    public async Task PaymentAfterTheHoldExpired_WithTheSeatTaken_IsRefundedInFullOnceWithAReason()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 8);
        var pnr = (await BookAsync(alice, tripId, "G1")).GetProperty("pnr").GetString()!;
        await alice.DeleteAsync($"/api/holds/{await HoldIdAsync(alice, tripId)}");
        await HoldAsync(bob, tripId, "G1");
        var succeeded = Stripe.SucceededEvent(pnr);

        await DeliverAsync(succeeded);
        await DeliverAsync(succeeded);
        await DeliverAsync(Stripe.ChargeRefundedEvent(pnr, Stripe.IntentFor(pnr)["amount"]!.GetValue<long>()));

        var booking = await GetBookingAsync(alice, pnr);
        Assert.Equal("Refunded", Status(booking));
        Assert.Equal(100, booking.GetProperty("refund").GetProperty("percent").GetInt32());
        Assert.Contains("taken by someone else", booking.GetProperty("refund").GetProperty("reason").GetString());
        var refund = Assert.Single(Stripe.RequestsFor(pnr), r => r.Path == "/v1/refunds");
        Assert.Equal("refund-" + pnr, refund.IdempotencyKey);
        Assert.Equal(Stripe.IntentFor(pnr)["amount"]!.GetValue<long>().ToString(), refund.Form["amount"]);
        Assert.Equal("held", await SeatStateAsync(alice, tripId, "G1"));
    }

    [Fact]
    public async Task Cancel_RefundsThePolicyAmountThroughStripeWithAnIdempotencyKey()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 9);
        var booking = await BookAsync(alice, tripId, "H1");
        var pnr = booking.GetProperty("pnr").GetString()!;
        await DeliverAsync(Stripe.SucceededEvent(pnr));

        var cancelled = await Json(await alice.PostAsync($"/api/bookings/{pnr}/cancel", null));

        Assert.Equal("Refunded", Status(cancelled));
        var total = booking.GetProperty("fare").GetProperty("total").GetInt32();
        var refund = Assert.Single(Stripe.RequestsFor(pnr), r => r.Path == "/v1/refunds");
        Assert.Equal("refund-" + pnr, refund.IdempotencyKey);
        Assert.Equal((total * 90).ToString(), refund.Form["amount"]);
        Assert.Equal("free", await SeatStateAsync(alice, tripId, "H1"));
    }

    [Fact]
    public async Task ChargeRefundedInTheStripeDashboard_RefundsTheBookingAndFreesTheSeat_Once()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice, 10);
        var pnr = (await BookAsync(alice, tripId, "J1")).GetProperty("pnr").GetString()!;
        await DeliverAsync(Stripe.SucceededEvent(pnr));
        var refunded = Stripe.ChargeRefundedEvent(pnr, Stripe.IntentFor(pnr)["amount"]!.GetValue<long>());

        var first = await DeliverAsync(refunded);
        var duplicate = await DeliverAsync(refunded);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var booking = await GetBookingAsync(alice, pnr);
        Assert.Equal("Refunded", Status(booking));
        Assert.Single(booking.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.refunded");
        Assert.Equal("free", await SeatStateAsync(alice, tripId, "J1"));
        Assert.DoesNotContain(Stripe.RequestsFor(pnr), r => r.Path == "/v1/refunds");
    }

    private static async Task<string> HoldIdAsync(HttpClient visitor, string tripId)
    {
        var map = await visitor.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}/seats?from={Dhaka}&to={Jashore}");
        return map.GetProperty("myHolds")[0].GetProperty("holdId").GetString()!;
    }
}
