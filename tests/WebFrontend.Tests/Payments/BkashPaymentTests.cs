using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Payments;

/// <summary>
/// Bookings paid with bKash against a local fake bKash: only bKash's answer confirms, callbacks are only a prompt to
/// ask, lost callbacks are settled by reconciliation, refunds go back to the wallet.
/// </summary>
[Collection(BkashAppCollection.Name)]
public sealed class BkashPaymentTests(BkashAppFixture app)
{
    private FakeBkash Bkash => app.Bkash;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Booked(string Pnr, string PaymentId, string HoldId, string TripId, string Seat, int Total, JsonElement Booking);

    // Each test takes its own departure day on this app, so seats never collide between tests.
    private static async Task<string> TripAsync(HttpClient client, int daysAhead) => (await KolkataTripsAsync(client, daysAhead))[0].TripId;

    private static async Task<Booked> BookWithBkashAsync(HttpClient visitor, string tripId, string seat)
    {
        var holdId = await HoldAsync(visitor, tripId, seat);
        var response = await visitor.PostAsJsonAsync("/api/bookings", new
        {
            holdId,
            passengers = new[] { Passenger() },
            contact = new { phone = "+880 1712-345678", email = "rahim@example.com" },
            paymentMethod = "bkash",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await Json(response);
        var payment = booking.GetProperty("payment");
        var redirect = payment.GetProperty("redirectUrl").GetString()!;
        var paymentId = redirect.Split("paymentId=")[1].Split('&')[0];
        return new(booking.GetProperty("pnr").GetString()!, paymentId, holdId, tripId, seat,
            booking.GetProperty("fare").GetProperty("total").GetInt32(), booking);
    }

    /// <summary>The payer's browser arriving at our callback (redirects are not followed, to see where it is sent).</summary>
    private async Task<HttpResponseMessage> CallbackAsync(string paymentId, string status)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        return await browser.GetAsync($"/api/payments/bkash/callback?paymentID={Uri.EscapeDataString(paymentId)}&status={Uri.EscapeDataString(status)}", Ct);
    }

    private static async Task<JsonElement> GetBookingAsync(HttpClient visitor, string pnr) =>
        await visitor.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}", Ct);

    private static string Status(JsonElement booking) => booking.GetProperty("status").GetString()!;

    private int Executes(string paymentId) => Bkash.RequestsFor(paymentId).Count(r => r.Path == "execute");

    [Fact]
    public async Task HappyPath_CreatesTheDocumentedPayment_AndOnlyTheExecuteAnswerConfirms()
    {
        var verifiedPhone = AuthClient.NewPhone();
        using var alice = await app.NewPassengerAsync(verifiedPhone);
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 2), "A1");

        var create = Assert.Single(Bkash.Requests, r => r.Path == "create" && r.Body["merchantInvoiceNumber"]!.ToString() == booked.Pnr + "-1");
        Assert.Equal("0011", create.Body["mode"]!.ToString());
        Assert.Equal($"{booked.Total}.00", create.Body["amount"]!.ToString());
        Assert.Equal("BDT", create.Body["currency"]!.ToString());
        Assert.Equal("sale", create.Body["intent"]!.ToString());
        // The wallet bKash pre-fills is the phone sign-in verified, not the contact phone typed on the form (01712345678).
        Assert.Equal(verifiedPhone, create.Body["payerReference"]!.ToString());
        Assert.Equal("https://tickets.example/api/payments/bkash/callback", create.Body["callbackURL"]!.ToString());
        Assert.Equal(FakeBkash.AppKey, create.AppKey);
        Assert.Equal("bkash", booked.Booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.Equal(JsonValueKind.Null, booked.Booking.GetProperty("payment").GetProperty("clientSecret").ValueKind);
        Assert.Equal("PendingPayment", Status(await GetBookingAsync(alice, booked.Pnr)));

        Bkash.Authorize(booked.PaymentId);
        var response = await CallbackAsync(booked.PaymentId, "success");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=paid", response.Headers.Location!.ToString());
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Equal(Bkash.PaymentOf(booked.PaymentId).TrxId, booking.GetProperty("payment").GetProperty("transactionId").GetString());
        Assert.Equal("sold", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Equal(1, Executes(booked.PaymentId));
        var ticket = await alice.GetStringAsync($"/api/bookings/{booked.Pnr}/ticket", Ct);
        Assert.Contains($"Paid with bKash, transaction {Bkash.PaymentOf(booked.PaymentId).TrxId}", ticket);
    }

    [Fact]
    public async Task TokenExpiresMidFlow_TheTokenIsRefreshedAndTheExecuteSentOnce()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 2), "B1");
        var refreshesBefore = Bkash.Refreshes;
        Bkash.Authorize(booked.PaymentId);
        Bkash.ExpireTokens();

        await CallbackAsync(booked.PaymentId, "success");

        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, booked.Pnr)));
        Assert.Equal(refreshesBefore + 1, Bkash.Refreshes);
        Assert.Equal(1, Bkash.PaymentOf(booked.PaymentId).ExecutesCarriedOut);
    }

    [Fact]
    public async Task CancelInTheWallet_FailsThePayment_AndKeepsTheSeatHeldForAnotherTry()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 3), "A1");
        Bkash.Cancel(booked.PaymentId);

        var response = await CallbackAsync(booked.PaymentId, "cancel");

        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=failed", response.Headers.Location!.ToString());
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal(("PendingPayment", "Failed"), (Status(booking), booking.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Equal("held", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Equal(0, Executes(booked.PaymentId));
    }

    [Fact]
    public async Task FailureCallback_FailsTheAttempt_AndALaterForgedSuccessConfirmsNothing()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 3), "B1");

        await CallbackAsync(booked.PaymentId, "failure");
        var forged = await CallbackAsync(booked.PaymentId, "success");

        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal(("PendingPayment", "Failed"), (Status(booking), booking.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Equal(0, Executes(booked.PaymentId));
        Assert.Equal("held", await SeatStateAsync(alice, booked.TripId, booked.Seat));
    }

    [Fact]
    public async Task InsufficientBalance_FailsThePayment()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 4), "A1");
        Bkash.LackBalance(booked.PaymentId);
        Bkash.Authorize(booked.PaymentId);

        await CallbackAsync(booked.PaymentId, "success");

        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal(("PendingPayment", "Failed"), (Status(booking), booking.GetProperty("payment").GetProperty("status").GetString()));
        Assert.Contains(booking.GetProperty("history").EnumerateArray(), h => h.GetProperty("detail").GetString()!.Contains("Insufficient Balance"));
        Assert.Equal("held", await SeatStateAsync(alice, booked.TripId, booked.Seat));
    }

    [Fact]
    public async Task InsufficientBalance_ThenPayingAgainWithBkash_CreatesANewPaymentAndConfirms()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 10), "C1");
        Bkash.LackBalance(booked.PaymentId);
        Bkash.Authorize(booked.PaymentId);
        await CallbackAsync(booked.PaymentId, "success");

        var retry = await alice.PostAsJsonAsync($"/api/bookings/{booked.Pnr}/payments/retry", new { paymentMethod = "bkash" }, Ct);
        var retried = await Json(retry);
        var again = await alice.PostAsJsonAsync($"/api/bookings/{booked.Pnr}/payments/retry", new { }, Ct);
        var secondId = retried.GetProperty("payment").GetProperty("redirectUrl").GetString()!.Split("paymentId=")[1].Split('&')[0];
        Bkash.Authorize(secondId);
        var callback = await CallbackAsync(secondId, "success");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.NotEqual(booked.PaymentId, secondId);
        Assert.Equal($"{booked.Pnr}-2", Bkash.PaymentOf(secondId).Created["merchantInvoiceNumber"]!.GetValue<string>());
        Assert.Equal(secondId, (await Json(again)).GetProperty("payment").GetProperty("redirectUrl").GetString()!.Split("paymentId=")[1].Split('&')[0]);
        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=paid", callback.Headers.Location!.ToString());
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Equal(Bkash.PaymentOf(secondId).TrxId, booking.GetProperty("payment").GetProperty("transactionId").GetString());
        Assert.Equal("sold", await SeatStateAsync(alice, booked.TripId, booked.Seat));
    }

    [Fact]
    public async Task ExecuteAnswerLost_IsFollowedByAQuery_NeverASecondExecute()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 4), "B1");
        Bkash.Authorize(booked.PaymentId);
        Bkash.LoseNextExecuteAnswer(booked.PaymentId);

        var first = await CallbackAsync(booked.PaymentId, "success");
        var again = await CallbackAsync(booked.PaymentId, "success");
        await app.Reconciler.RunOnceAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, booked.Pnr)));
        Assert.Equal(1, Executes(booked.PaymentId));
        Assert.Contains(Bkash.RequestsFor(booked.PaymentId), r => r.Path == "payment/status");
    }

    [Fact]
    public async Task CallbackLost_ReconciliationExecutesOnceAndConfirms()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 5), "A1");
        Bkash.Authorize(booked.PaymentId);

        await app.Reconciler.RunOnceAsync(Ct);
        await app.Reconciler.RunOnceAsync(Ct);

        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Equal("sold", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Equal(1, Executes(booked.PaymentId));
        // A callback that turns up after all changes nothing and still lands on a clear page.
        var late = await CallbackAsync(booked.PaymentId, "success");
        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=paid", late.Headers.Location!.ToString());
        Assert.Equal(1, Executes(booked.PaymentId));
    }

    [Fact]
    public async Task ReconciliationBeforeThePayerDecides_ChargesNothingAndWaits()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 5), "B1");

        await app.Reconciler.RunOnceAsync(Ct);

        Assert.Equal("PendingPayment", Status(await GetBookingAsync(alice, booked.Pnr)));
        Assert.Equal(0, Bkash.PaymentOf(booked.PaymentId).ExecutesCarriedOut);
        Bkash.Authorize(booked.PaymentId);
        await CallbackAsync(booked.PaymentId, "success");
        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, booked.Pnr)));
    }

    [Fact]
    public async Task LatePayment_AfterTheHoldExpired_WithTheSeatTaken_IsRefundedInFullToTheWallet()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 6), "A1");
        // The hold is gone before the money arrives (as after expiry); releasing it makes that deterministic.
        await alice.DeleteAsync($"/api/holds/{booked.HoldId}", Ct);
        await HoldAsync(bob, booked.TripId, booked.Seat);
        Bkash.Authorize(booked.PaymentId);

        await app.Reconciler.RunOnceAsync(Ct);

        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Refunded", Status(booking));
        Assert.Equal(100, booking.GetProperty("refund").GetProperty("percent").GetInt32());
        var refund = Assert.Single(Bkash.PaymentOf(booked.PaymentId).Refunds);
        Assert.Equal($"{booked.Total}.00", refund["amount"]!.ToString());
        Assert.Equal("refund-" + booked.Pnr, refund["sku"]!.ToString());
        Assert.Equal("held", await SeatStateAsync(alice, booked.TripId, booked.Seat));
    }

    [Fact]
    public async Task LatePayment_AfterTheHoldExpired_WithTheSeatStillFree_Confirms()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 6), "B1");
        await alice.DeleteAsync($"/api/holds/{booked.HoldId}", Ct);
        Bkash.Authorize(booked.PaymentId);

        await CallbackAsync(booked.PaymentId, "success");

        Assert.Equal("Confirmed", Status(await GetBookingAsync(alice, booked.Pnr)));
        Assert.Equal("sold", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Empty(Bkash.PaymentOf(booked.PaymentId).Refunds);
    }

    [Fact]
    public async Task DuplicateCallbacksFiveTimesAtOnce_ExecuteOnceAndConfirmOnce()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 7), "A1");
        Bkash.Authorize(booked.PaymentId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CallbackAsync(booked.PaymentId, "success")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Confirmed", Status(booking));
        Assert.Equal(1, Executes(booked.PaymentId));
        Assert.Single(booking.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.confirmed");
    }

    [Fact]
    public async Task ForgedCallbacks_ConfirmNothing_AndAnswerAProblem()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 7), "B1");

        await ProblemAssert.IsProblemAsync(await CallbackAsync("TR0011FORGED000001", "success"), HttpStatusCode.NotFound, "payment-not-found");
        await ProblemAssert.IsProblemAsync(await CallbackAsync("1' OR '1'='1", "success"), HttpStatusCode.BadRequest, "invalid-callback");
        await ProblemAssert.IsProblemAsync(await CallbackAsync(booked.PaymentId, "paid"), HttpStatusCode.BadRequest, "invalid-callback");
        // The real paymentID, but the payer never authorised: bKash refuses the execute and nothing is confirmed.
        var forged = await CallbackAsync(booked.PaymentId, "success");

        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=pending", forged.Headers.Location!.ToString());
        Assert.Equal("PendingPayment", Status(await GetBookingAsync(alice, booked.Pnr)));
        Assert.Equal("held", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Equal(0, Bkash.PaymentOf(booked.PaymentId).ExecutesCarriedOut);
    }

    [Fact]
    public async Task MismatchedAmount_SellsNoSeat_AndRefundsWhatWasTaken()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 8), "A1");
        Bkash.ReportAmount(booked.PaymentId, "1.00");
        Bkash.Authorize(booked.PaymentId);

        await CallbackAsync(booked.PaymentId, "success");

        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.NotEqual("Confirmed", Status(booking));
        Assert.Equal("free", await SeatStateAsync(alice, booked.TripId, booked.Seat));
        Assert.Equal("1.00", Assert.Single(Bkash.PaymentOf(booked.PaymentId).Refunds)["amount"]!.ToString());
    }

    [Fact]
    public async Task Cancel_RefundsThePolicyShareToTheWallet_Once()
    {
        using var alice = await app.NewPassengerAsync();
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 8), "B1");
        Bkash.Authorize(booked.PaymentId);
        await CallbackAsync(booked.PaymentId, "success");

        var cancelled = await Json(await alice.PostAsync($"/api/bookings/{booked.Pnr}/cancel", null, Ct));
        await GetBookingAsync(alice, booked.Pnr);

        Assert.Equal("Refunded", Status(cancelled));
        Assert.Equal(90, cancelled.GetProperty("refund").GetProperty("percent").GetInt32());
        var refund = Assert.Single(Bkash.PaymentOf(booked.PaymentId).Refunds);
        Assert.Equal((booked.Total * 0.9m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), refund["amount"]!.ToString());
        Assert.Equal(Bkash.PaymentOf(booked.PaymentId).TrxId, Assert.Single(Bkash.RequestsFor(booked.PaymentId), r => r.Path == "payment/refund" && r.Body["amount"] is not null).Body["trxID"]!.ToString());
        Assert.Equal("free", await SeatStateAsync(alice, booked.TripId, booked.Seat));
    }

    [Fact]
    public async Task TripChange_OfABkashBooking_PaysTheDifferenceWithBkash()
    {
        using var alice = await app.NewPassengerAsync();
        var trips = await TicketChangeApiTests.CoxTripsAsync(alice, 2);
        var hold = await Json(await alice.PostAsJsonAsync($"/api/trips/{trips.Morning}/holds",
            new { seats = new[] { "C1" }, from = TicketChangeApiTests.Sayedabad, to = TicketChangeApiTests.Chattogram, requestId = Guid.NewGuid().ToString() }, Ct));
        var booking = await Json(await alice.PostAsJsonAsync("/api/bookings", new
        {
            holdId = hold.GetProperty("holdId").GetString(), passengers = new[] { Passenger() }, contact = new { phone = "01712345678" },
            paymentMethod = "bkash",
        }, Ct));
        var pnr = booking.GetProperty("pnr").GetString()!;
        var paymentId = booking.GetProperty("payment").GetProperty("redirectUrl").GetString()!.Split("paymentId=")[1].Split('&')[0];
        Bkash.Authorize(paymentId);
        await CallbackAsync(paymentId, "success");

        var begun = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change",
            new { tripId = trips.Evening, seats = new[] { "C1" }, requestId = "move-1" }, Ct));
        var wallet = begun.GetProperty("pendingChange").GetProperty("clientSecret").GetString()!;
        var changePayment = wallet.Split("paymentId=")[1].Split('&')[0];
        var create = Assert.Single(Bkash.Requests, r => r.Path == "create" && r.Body["merchantInvoiceNumber"]!.ToString().StartsWith(pnr + "-C"));
        Assert.Equal($"{begun.GetProperty("pendingChange").GetProperty("quote").GetProperty("amountDue").GetInt32()}.00", create.Body["amount"]!.ToString());
        Bkash.Authorize(changePayment);
        var back = await CallbackAsync(changePayment, "success");

        Assert.Equal($"/book.html?pnr={pnr}&bkash=paid", back.Headers.Location!.ToString());
        var moved = await GetBookingAsync(alice, pnr);
        Assert.Equal(trips.Evening, moved.GetProperty("tripId").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("pendingChange").ValueKind);
        Assert.Equal(1, Executes(changePayment));
    }

    [Fact]
    public async Task BkashDownWhileBooking_Answers503_AndTheRetryResumesTheSameBooking()
    {
        using var alice = await app.NewPassengerAsync();
        var holdId = await HoldAsync(alice, await TripAsync(alice, 9), "B1");
        var request = new
        {
            holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678" }, paymentMethod = "bkash",
        };

        Bkash.Down = true;
        HttpResponseMessage down;
        try
        {
            down = await alice.PostAsJsonAsync("/api/bookings", request, Ct);
        }
        finally
        {
            Bkash.Down = false;
        }
        var retried = await alice.PostAsJsonAsync("/api/bookings", request, Ct);

        await ProblemAssert.IsProblemAsync(down, HttpStatusCode.ServiceUnavailable, "payment-provider-unavailable");
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var booking = await Json(retried);
        Assert.StartsWith("https://sandbox.payment.bkash.com/", booking.GetProperty("payment").GetProperty("redirectUrl").GetString());
    }

    [Fact]
    public async Task WithRealCredentials_TheSimulatedWalletDoesNotExist()
    {
        using var visitor = app.NewVisitor();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/bkash-wallet.html", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/js/bkash-wallet.js", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsJsonAsync("/api/payments/bkash/simulated/TR0011X/authorize",
            new { wallet = "01712345678", code = "123456", pin = "12121" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task UnknownPaymentMethod_IsABadRequest()
    {
        using var alice = await app.NewPassengerAsync();
        var holdId = await HoldAsync(alice, await TripAsync(alice, 9), "A1");

        var response = await alice.PostAsJsonAsync("/api/bookings", new
        {
            holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678" }, paymentMethod = "nagad",
        }, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "payment-method-unavailable");
        var methods = await alice.GetFromJsonAsync<JsonElement>("/api/payments/methods", Ct);
        Assert.Equal(["bkash", "card"], methods.EnumerateArray().Select(m => m.GetProperty("method").GetString()));
        Assert.False(methods[0].GetProperty("simulated").GetBoolean());
    }

    [Fact]
    public async Task PayerReference_IsTheOwnersVerifiedPhone_ForARetryToo()
    {
        var verifiedPhone = AuthClient.NewPhone();
        using var alice = await app.NewPassengerAsync(verifiedPhone);
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 11), "A1");
        await CallbackAsync(booked.PaymentId, "failure");

        var retried = await Json(await alice.PostAsJsonAsync($"/api/bookings/{booked.Pnr}/payments/retry", new { paymentMethod = "bkash" }, Ct));

        var secondId = retried.GetProperty("payment").GetProperty("redirectUrl").GetString()!.Split("paymentId=")[1].Split('&')[0];
        Assert.NotEqual(booked.PaymentId, secondId);
        Assert.Equal(verifiedPhone, Bkash.PaymentOf(booked.PaymentId).Created["payerReference"]!.GetValue<string>());
        Assert.Equal(verifiedPhone, Bkash.PaymentOf(secondId).Created["payerReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task PayerReference_OfABookingWhoseOwnerHasNoVerifiedPhone_FallsBackToTheContactPhone()
    {
        // Ops hold and book for someone else; their account proves no phone, so the contact phone is the wallet to suggest.
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var booked = await BookWithBkashAsync(ops, await TripAsync(ops, 11), "B1");

        Assert.Equal("01712345678", Bkash.PaymentOf(booked.PaymentId).Created["payerReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task TripCancelledByOpsWhileThePaymentIsPending_TheCallbackSellsNoSeat_RefundsTheWallet_AndRedirects()
    {
        using var alice = await app.NewPassengerAsync();
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        var booked = await BookWithBkashAsync(alice, await TripAsync(alice, 12), "A1");
        var cancelled = await ops.PostAsJsonAsync($"/api/admin/trips/{booked.TripId}/cancel", new { reason = "Flood on the highway" }, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        // The payer, unaware, finishes in the wallet.
        Bkash.Authorize(booked.PaymentId);

        var response = await CallbackAsync(booked.PaymentId, "success");
        var repeated = await CallbackAsync(booked.PaymentId, "success");
        await app.Reconciler.RunOnceAsync(Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, repeated.StatusCode);
        // The booking page shows what the booking says; the redirect already tells it the money is on its way back.
        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=refunded", response.Headers.Location!.ToString());
        Assert.Equal($"/book.html?pnr={booked.Pnr}&bkash=refunded", repeated.Headers.Location!.ToString());
        var booking = await GetBookingAsync(alice, booked.Pnr);
        Assert.Equal("Refunded", Status(booking));
        Assert.Equal(100, booking.GetProperty("refund").GetProperty("percent").GetInt32());
        var payment = Bkash.PaymentOf(booked.PaymentId);
        Assert.Equal(1, payment.ExecutesCarriedOut);
        var refund = Assert.Single(payment.Refunds);
        Assert.Equal(($"{booked.Total}.00", "refund-" + booked.Pnr), (refund["amount"]!.ToString(), refund["sku"]!.ToString()));
        Assert.Equal(booked.Total, booking.GetProperty("refund").GetProperty("amount").GetDecimal());
        var trip = app.Services.GetRequiredService<IGrainFactory>().GetGrain<ITripGrain>(booked.TripId);
        var map = (await trip.GetSeatMapAsync(DemoTrips.Dhaka, DemoTrips.Jashore, null)).Map;
        Assert.True(map is null || map.Seats.Single(s => s.Seat == booked.Seat).State != SeatState.Sold, "A seat was sold on a cancelled trip.");
        Assert.DoesNotContain(booked.Pnr, (await trip.GetCancellationAsync())!.Outstanding);
    }
}
