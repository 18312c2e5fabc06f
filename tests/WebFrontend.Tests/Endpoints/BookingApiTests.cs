using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>Bookings in embedded mode without Stripe keys: the simulated provider.</summary>
[Collection(WebAppCollection.Name)]
public sealed class BookingApiTests(WebAppFixture app)
{
    // Day 13 is used by no other test class of this app; each test takes its own seats.
    private async Task<string> TripAsync(HttpClient client) => (await KolkataTripsAsync(client, 13))[0].TripId;

    private static async Task<JsonElement> PayAsync(HttpClient visitor, string pnr, string outcome = "succeeded")
    {
        var response = await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Json(response);
    }

    [Fact]
    public async Task Book_ThenSimulatedPaymentSucceeds_ConfirmsAndSellsTheSeats()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);

        var booking = await BookAsync(alice, tripId, "A1", "A2");
        var pnr = booking.GetProperty("pnr").GetString()!;
        var paid = await PayAsync(alice, pnr);

        Assert.Matches("^DP-[2-9A-HJKMNP-Z]{6}$", pnr);
        Assert.Equal("PendingPayment", booking.GetProperty("status").GetString());
        Assert.Equal("simulated", booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.False(string.IsNullOrEmpty(booking.GetProperty("bookingToken").GetString()));
        Assert.Equal("+8801712345678", booking.GetProperty("passengers")[0].GetProperty("phone").GetString());
        Assert.Equal("male", booking.GetProperty("passengers")[0].GetProperty("gender").GetString());
        Assert.Equal("BDT", booking.GetProperty("fare").GetProperty("currency").GetString());
        Assert.Equal("Confirmed", paid.GetProperty("status").GetString());
        Assert.Equal("Succeeded", paid.GetProperty("payment").GetProperty("status").GetString());
        Assert.Contains(paid.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.confirmed");
        Assert.Equal("sold", await SeatStateAsync(bob, tripId, "A1"));
    }

    [Fact]
    public async Task SimulatedPaymentFailure_KeepsTheSeatHeld_AndPayingAgainWithinTheHoldConfirms()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var pnr = (await BookAsync(alice, tripId, "B1")).GetProperty("pnr").GetString()!;

        var failed = await PayAsync(alice, pnr, "failed");
        var heldForOthers = await SeatStateAsync(bob, tripId, "B1");
        var retry = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { });
        var retried = await Json(retry);
        var paid = await PayAsync(alice, pnr);

        Assert.Equal(("PendingPayment", "Failed"), (failed.GetProperty("status").GetString(), failed.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Equal("held", heldForOthers);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(("simulated", "RequiresPayment"),
            (retried.GetProperty("payment").GetProperty("provider").GetString(), retried.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Equal(failed.GetProperty("holdExpiresAt").GetDateTimeOffset(), retried.GetProperty("holdExpiresAt").GetDateTimeOffset());
        Assert.Equal("Confirmed", paid.GetProperty("status").GetString());
        Assert.Equal("sold", await SeatStateAsync(bob, tripId, "B1"));
        Assert.Equal(["booking.payment-attempt-failed", "booking.payment-retried", "booking.confirmed"],
            paid.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()).TakeLast(3));
    }

    [Fact]
    public async Task SimulatedCardFailure_ThenPayingWithBkashInstead_ConfirmsThroughTheWallet()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var pnr = (await BookAsync(alice, tripId, "B2")).GetProperty("pnr").GetString()!;
        await PayAsync(alice, pnr, "failed");

        var retry = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { paymentMethod = "bkash" });
        var retried = await Json(retry);
        var simulateCard = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(("bkash", "RequiresPayment"),
            (retried.GetProperty("payment").GetProperty("provider").GetString(), retried.GetProperty("payment").GetProperty("status").GetString()));
        Assert.StartsWith("/bkash-wallet.html", retried.GetProperty("payment").GetProperty("redirectUrl").GetString());
        // The card is no longer this booking's way to pay: only bKash's answer can confirm it now.
        Assert.Equal(HttpStatusCode.NotFound, simulateCard.StatusCode);
        Assert.Equal("held", await SeatStateAsync(alice, tripId, "B2"));
    }

    [Fact]
    public async Task Retry_OfAPaymentThatHasNotFailed_OrWithAnUnknownMethod_IsRefused_AndTheWaitingPaymentIsAnsweredAsIs()
    {
        using var alice = await app.NewPassengerAsync();
        using var mallory = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var pnr = (await BookAsync(alice, tripId, "B3")).GetProperty("pnr").GetString()!;

        // Asking again for the payment already waiting is answered with it; switching methods needs a failed payment.
        var same = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { });
        Assert.Equal((HttpStatusCode.OK, "RequiresPayment"), (same.StatusCode, (await Json(same)).GetProperty("payment").GetProperty("status").GetString()));
        await ProblemAssert.IsProblemAsync(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { paymentMethod = "bkash" }),
            HttpStatusCode.Conflict, "payment-not-retryable");
        await PayAsync(alice, pnr, "failed");
        await ProblemAssert.IsProblemAsync(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { paymentMethod = "cash" }),
            HttpStatusCode.BadRequest, "payment-method-unavailable");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { }),
            HttpStatusCode.NotFound, "booking-not-found");
        await PayAsync(alice, pnr);
        await ProblemAssert.IsProblemAsync(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/retry", new { }),
            HttpStatusCode.Conflict, "payment-not-retryable");
    }

    [Fact]
    public async Task Booking_OfAnotherVisitor_IsNotFoundToReadCancelOrPrint_ButTheTokenOpensIt()
    {
        using var alice = await app.NewPassengerAsync();
        using var mallory = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var booking = await BookAsync(alice, tripId, "C1");
        var pnr = booking.GetProperty("pnr").GetString()!;
        await PayAsync(alice, pnr);

        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/api/bookings/{pnr}"), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await mallory.PostAsync($"/api/bookings/{pnr}/cancel", null), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/api/bookings/{pnr}/ticket"), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync($"/api/bookings/{pnr}?token=wrong"), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await mallory.GetAsync("/api/bookings/DP-ZZZZZZ"), HttpStatusCode.NotFound, "booking-not-found");
        Assert.Empty(await mallory.GetFromJsonAsync<JsonElement[]>("/api/bookings/mine") ?? []);
        Assert.Equal("sold", await SeatStateAsync(alice, tripId, "C1"));

        var withToken = await mallory.GetAsync($"/api/bookings/{pnr}?token={booking.GetProperty("bookingToken").GetString()}");
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(withToken)).GetProperty("bookingToken").ValueKind);
    }

    [Fact]
    public async Task Mine_ListsTheVisitorsBookings_AndLookupAnswersAlikeWithoutTheBooking()
    {
        using var alice = await app.NewPassengerAsync();
        using var guest = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var pnr = (await BookAsync(alice, tripId, "D1")).GetProperty("pnr").GetString()!;

        var mine = await alice.GetFromJsonAsync<JsonElement[]>("/api/bookings/mine");
        var found = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr, phone = "01712345678" });
        var wrongPhone = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr, phone = "01999999999" });

        Assert.Contains(mine!, b => b.GetProperty("pnr").GetString() == pnr);
        Assert.Equal(HttpStatusCode.Accepted, found.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, wrongPhone.StatusCode);
        var body = await found.Content.ReadAsStringAsync();
        Assert.Equal(body, await wrongPhone.Content.ReadAsStringAsync());
        Assert.DoesNotContain(pnr, body);
        Assert.DoesNotContain("bookingToken", body);
    }

    [Fact]
    public async Task Lookup_WithThePnrTypedWithoutTheHyphenOrWithSpaces_FindsTheBooking()
    {
        using var alice = await app.NewPassengerAsync();
        using var guest = app.NewVisitor();
        var tripId = await TripAsync(alice);
        var phone = AuthClient.NewPhone();
        var holdId = await HoldAsync(alice, tripId, "D2");
        var booked = await PostBookingAsync(alice, holdId, Passenger(phone: phone));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var pnr = (await Json(booked)).GetProperty("pnr").GetString()!;
        var code = pnr[3..].ToLowerInvariant();

        var noHyphen = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr = $"dp{code}", phone });
        var spaced = await guest.PostAsJsonAsync("/api/bookings/lookup", new { pnr = $" DP {code[..3]} {code[3..]} ", phone });

        // Each typed form found the booking: the answer is the same as for any pair, but a link went to its phone each time.
        Assert.Equal(HttpStatusCode.Accepted, noHyphen.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, spaced.StatusCode);
        var (messages, _) = await app.Services.GetRequiredService<OutboxStore>().ListAsync(null, pnr, 0, TestContext.Current.CancellationToken);
        Assert.Equal(2, messages.Count(m => m.Kind == "booking-link" && m.Recipient == "+880" + phone[1..]));
    }

    [Fact]
    public async Task CreateBooking_WithBadInput_ExplainsTheProblemAndChangesNothing()
    {
        using var alice = await app.NewPassengerAsync();
        using var mallory = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var holdId = await HoldAsync(alice, tripId, "E1", "E2");

        await ProblemAssert.IsProblemAsync(await PostBookingAsync(alice, holdId, Passenger()), HttpStatusCode.BadRequest, "passenger-count-mismatch");
        await ProblemAssert.IsProblemAsync(await PostBookingAsync(alice, holdId, Passenger(), Passenger(phone: "12345")),
            HttpStatusCode.BadRequest, "invalid-passenger");
        await ProblemAssert.IsProblemAsync(await PostBookingAsync(alice, holdId, Passenger(), Passenger(gender: "robot")),
            HttpStatusCode.BadRequest, "invalid-passenger");
        await ProblemAssert.IsProblemAsync(await PostBookingAsync(mallory, holdId, Passenger(), Passenger()), HttpStatusCode.Forbidden, "not-hold-owner");
        await ProblemAssert.IsProblemAsync(await PostBookingAsync(alice, "nonsense", Passenger()), HttpStatusCode.NotFound, "hold-not-found");
        Assert.Empty(await alice.GetFromJsonAsync<JsonElement[]>("/api/bookings/mine") ?? []);
        Assert.Equal("held", await SeatStateAsync(alice, tripId, "E1"));
    }

    [Fact]
    public async Task GetHold_ForTheOwner_ReturnsIt_ForOthers403_AndAfterReleaseHoldNotFound()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var holdId = await HoldAsync(alice, tripId, "F1");

        var mine = await alice.GetAsync($"/api/holds/{holdId}");
        var theirs = await bob.GetAsync($"/api/holds/{holdId}");
        await alice.DeleteAsync($"/api/holds/{holdId}");
        var gone = await alice.GetAsync($"/api/holds/{holdId}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(["F1"], (await Json(mine)).GetProperty("seats").EnumerateArray().Select(s => s.GetString()));
        await ProblemAssert.IsProblemAsync(theirs, HttpStatusCode.Forbidden, "not-hold-owner");
        await ProblemAssert.IsProblemAsync(gone, HttpStatusCode.NotFound, "hold-not-found");
    }

    [Fact]
    public async Task Cancel_FarAhead_QuotesAndRefunds90Percent_FreesTheSeat_AndASecondCancelIs409()
    {
        using var alice = await app.NewPassengerAsync();
        var tripId = await TripAsync(alice);
        var booking = await BookAsync(alice, tripId, "G1");
        var pnr = booking.GetProperty("pnr").GetString()!;
        await PayAsync(alice, pnr);
        var total = booking.GetProperty("fare").GetProperty("total").GetInt32();

        var quote = await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}/cancellation");
        var cancelled = await alice.PostAsync($"/api/bookings/{pnr}/cancel", null);
        var again = await alice.PostAsync($"/api/bookings/{pnr}/cancel", null);

        Assert.Equal(90, quote.GetProperty("refundPercent").GetInt32());
        Assert.Equal(total * 0.9m, quote.GetProperty("refundAmount").GetDecimal());
        var body = await Json(cancelled);
        Assert.Equal("Refunded", body.GetProperty("status").GetString());
        Assert.Equal(total * 0.9m, body.GetProperty("refund").GetProperty("amount").GetDecimal());
        Assert.Equal("free", await SeatStateAsync(alice, tripId, "G1"));
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "not-cancellable");
    }

    [Fact]
    public async Task Ticket_IsPrintableHtmlWithAQr_AndItsPayloadVerifiesValidThenTamperedInvalidThenCancelled()
    {
        using var alice = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken("clerk", "dhaka-kalyanpur"));
        var tripId = await TripAsync(alice);
        var pnr = (await BookAsync(alice, tripId, "H1")).GetProperty("pnr").GetString()!;
        await PayAsync(alice, pnr);

        var ticket = await alice.GetAsync($"/api/bookings/{pnr}/ticket");
        var html = await ticket.Content.ReadAsStringAsync();
        var qr = await alice.GetAsync($"/api/bookings/{pnr}/ticket/qr.png");
        var payload = TicketPayloadFrom(html, pnr);

        Assert.Equal("text/html", ticket.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media print", html);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains(pnr, html);
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await qr.Content.ReadAsByteArrayAsync())[..4]);

        // Only staff verify tickets at boarding.
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.PostAsJsonAsync("/api/tickets/verify", new { payload })).StatusCode);
        var valid = await VerifyAsync(clerk, payload);
        Assert.True(valid.GetProperty("valid").GetBoolean());
        Assert.Equal("valid", valid.GetProperty("status").GetString());
        Assert.Equal("H1", valid.GetProperty("passengers")[0].GetProperty("seat").GetString());

        var tampered = await VerifyAsync(clerk, payload.Replace(".H1.", ".H2."));
        Assert.Equal("invalid", tampered.GetProperty("status").GetString());
        Assert.False(tampered.GetProperty("valid").GetBoolean());

        await alice.PostAsync($"/api/bookings/{pnr}/cancel", null);
        var cancelled = await VerifyAsync(clerk, payload);
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.False(cancelled.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task StripeWebhook_WithoutStripeConfigured_IsRefused()
    {
        using var client = await app.NewPassengerAsync();

        var response = await client.PostAsync("/api/payments/stripe/webhook", new StringContent("{}"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "stripe-not-configured");
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient clerk, string payload) =>
        await Json(await clerk.PostAsJsonAsync("/api/tickets/verify", new { payload }));

    /// <summary>The signed payload the ticket's QR code encodes (also carried on the image for scanners and tests).</summary>
    private static string TicketPayloadFrom(string html, string pnr)
    {
        var start = html.IndexOf("data-payload=\"", StringComparison.Ordinal) + "data-payload=\"".Length;
        var payload = html[start..html.IndexOf('"', start)];
        Assert.StartsWith($"DP2.{pnr}.", payload);
        return payload;
    }
}
