using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>
/// Ticket changes over HTTP with the simulated provider, on the Dhaka – Chattogram corridor (DHK-COX: a Non-AC
/// coach at 07:00, 680 BDT to Chattogram, and an AC Business coach at 21:30, 1300 BDT; change fee 100 BDT).
/// Each test takes its own day or seats.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TicketChangeApiTests(WebAppFixture app)
{
    public const string Sayedabad = "dhaka-sayedabad";
    public const string Chattogram = "chattogram-dampara";

    public sealed record CoxTrips(string Morning, string Evening);

    /// <summary>The two DHK-COX departures of the day <paramref name="daysAhead"/> days from now.</summary>
    public static async Task<CoxTrips> CoxTripsAsync(HttpClient client, int daysAhead)
    {
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        var trips = (await client.GetFromJsonAsync<List<JsonElement>>($"/api/trips?from={Sayedabad}&to={Chattogram}&date={day}"))!
            .Where(t => t.GetProperty("routeCode").GetString() == "DHK-COX")
            .OrderBy(t => t.GetProperty("departure").GetDateTimeOffset()).Select(t => t.GetProperty("tripId").GetString()!).ToList();
        return new CoxTrips(trips[0], trips[1]);
    }

    /// <summary>A confirmed booking of one passenger per seat, Sayedabad → Chattogram, paid with the simulated provider.</summary>
    public static async Task<JsonElement> ConfirmedAsync(HttpClient visitor, string tripId, params string[] seats)
    {
        var hold = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = Sayedabad, to = Chattogram, requestId = Guid.NewGuid().ToString() });
        hold.EnsureSuccessStatusCode();
        var holdId = (await Json(hold)).GetProperty("holdId").GetString()!;
        var names = new[] { "Rahim Uddin", "Karima Begum", "Selim Khan", "Nasrin Akter" };
        var booked = await PostBookingAsync(visitor, holdId, seats.Select((_, i) => Passenger(names[i % names.Length])).ToArray());
        booked.EnsureSuccessStatusCode();
        var pnr = (await Json(booked)).GetProperty("pnr").GetString()!;
        var paid = await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" });
        paid.EnsureSuccessStatusCode();
        return await Json(paid);
    }

    private static async Task<string> SeatOnAsync(HttpClient client, string tripId, string seat)
    {
        var map = await client.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}/seats?from={Sayedabad}&to={Chattogram}");
        return map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat).GetProperty("state").GetString()!;
    }

    private static string[] Seats(JsonElement booking) => booking.GetProperty("seats").EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static string LastKind(JsonElement booking) => booking.GetProperty("history").EnumerateArray().Last().GetProperty("kind").GetString()!;

    private static async Task<string> QrPayloadAsync(HttpClient owner, string pnr)
    {
        var html = await owner.GetStringAsync($"/api/bookings/{pnr}/ticket");
        var start = html.IndexOf("data-payload=\"", StringComparison.Ordinal) + "data-payload=\"".Length;
        return html[start..html.IndexOf('"', start)];
    }

    private static async Task<string> VerifyAsync(HttpClient clerk, string payload) =>
        (await Json(await clerk.PostAsJsonAsync("/api/tickets/verify", new { payload }))).GetProperty("status").GetString()!;

    [Fact]
    public async Task SeatChange_ToFreeSeats_MovesTheBookingAndTheOldQrVerifiesAsSuperseded()
    {
        using var alice = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken("clerk", Sayedabad));
        var trips = await CoxTripsAsync(alice, 2);
        var pnr = (await ConfirmedAsync(alice, trips.Morning, "A1", "A2")).GetProperty("pnr").GetString()!;
        var oldQr = await QrPayloadAsync(alice, pnr);

        var response = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "A1", "B3" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await Json(response);
        Assert.Equal(["A1", "B3"], Seats(changed));
        Assert.Equal(2, changed.GetProperty("ticketIssue").GetInt32());
        Assert.Equal("booking.seats-changed", LastKind(changed));
        Assert.Equal("free", await SeatOnAsync(alice, trips.Morning, "A2"));
        Assert.Equal("sold", await SeatOnAsync(alice, trips.Morning, "B3"));
        var newQr = await QrPayloadAsync(alice, pnr);
        Assert.StartsWith($"DP2.{pnr}.{trips.Morning}.A1-B3.2.", newQr);
        Assert.Equal("valid", await VerifyAsync(clerk, newQr));
        Assert.Equal("superseded", await VerifyAsync(clerk, oldQr));
    }

    [Fact]
    public async Task SeatChange_ToASeatSomeoneElseBought_Is409WithTheSeat_AndTheBookingIsUnchanged()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var trips = await CoxTripsAsync(alice, 2);
        var pnr = (await ConfirmedAsync(alice, trips.Morning, "C1")).GetProperty("pnr").GetString()!;
        await ConfirmedAsync(bob, trips.Morning, "C2");

        var response = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "C2" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "seats-unavailable");
        Assert.Equal(["C2"], problem.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["C1"], Seats(await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}")));
        Assert.Equal("sold", await SeatOnAsync(alice, trips.Morning, "C1"));
    }

    [Fact]
    public async Task EveryChange_OfSomeoneElsesBooking_Is404LikeAnUnknownPnr()
    {
        using var alice = await app.NewPassengerAsync();
        using var mallory = await app.NewPassengerAsync();
        var trips = await CoxTripsAsync(alice, 3);
        var pnr = (await ConfirmedAsync(alice, trips.Morning, "D1", "D2")).GetProperty("pnr").GetString()!;

        var attempts = new[]
        {
            await mallory.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "E1", "E2" } }),
            await mallory.GetAsync($"/api/bookings/{pnr}/trip-change?tripId={trips.Evening}"),
            await mallory.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change", new { tripId = trips.Evening, seats = new[] { "E1", "E2" }, requestId = "m" }),
            await mallory.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/D1", new { name = "Mallory", phone = "01712345678", gender = "male" }),
            await mallory.DeleteAsync($"/api/bookings/{pnr}/passengers/D2"),
        };

        foreach (var attempt in attempts)
        {
            await ProblemAssert.IsProblemAsync(attempt, HttpStatusCode.NotFound, "booking-not-found");
        }
        var booking = await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}");
        Assert.Equal(["D1", "D2"], Seats(booking));
        Assert.Equal("Rahim Uddin", booking.GetProperty("passengers")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task TripChange_ToTheDearerEveningCoach_QuotesPaysTheDifferenceAndMoves_AndReissuesTheTicket()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken("clerk", Sayedabad));
        var today = await CoxTripsAsync(alice, 4);
        var tomorrow = await CoxTripsAsync(alice, 5);
        var pnr = (await ConfirmedAsync(alice, today.Morning, "F1", "F2")).GetProperty("pnr").GetString()!;
        var oldQr = await QrPayloadAsync(alice, pnr);

        var quote = await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}/trip-change?tripId={tomorrow.Evening}");
        var begun = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change",
            new { tripId = tomorrow.Evening, seats = new[] { "A1", "A2" }, requestId = "move-1" }));
        var retried = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change",
            new { tripId = tomorrow.Evening, seats = new[] { "A1", "A2" }, requestId = "move-1" }));

        // 2 × 1300 + 100 fee − 2 × 680.
        Assert.Equal(1340, quote.GetProperty("amountDue").GetInt32());
        Assert.Equal(100, quote.GetProperty("fee").GetInt32());
        var pending = begun.GetProperty("pendingChange");
        Assert.True(pending.GetProperty("paymentStarted").GetBoolean());
        Assert.Equal(1340, pending.GetProperty("quote").GetProperty("amountDue").GetInt32());
        Assert.Equal(today.Morning, begun.GetProperty("tripId").GetString());
        Assert.Equal(pending.GetProperty("requestId").GetString(), retried.GetProperty("pendingChange").GetProperty("requestId").GetString());
        Assert.Equal("held", await SeatOnAsync(bob, tomorrow.Evening, "A1"));

        var paid = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change/payments/simulate", new { outcome = "succeeded" });

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var moved = await Json(paid);
        Assert.Equal(pnr, moved.GetProperty("pnr").GetString());
        Assert.Equal(tomorrow.Evening, moved.GetProperty("tripId").GetString());
        Assert.Equal(2600, moved.GetProperty("fare").GetProperty("total").GetInt32());
        // The fare card shows what was paid in all: the new fare and the change fee on top.
        Assert.Equal(2700, moved.GetProperty("fare").GetProperty("paid").GetInt32());
        Assert.Contains(moved.GetProperty("fare").GetProperty("fees").EnumerateArray(),
            f => f.GetProperty("code").GetString() == "change-fee" && f.GetProperty("amount").GetInt32() == 100);
        Assert.Equal([1300], moved.GetProperty("fare").GetProperty("legs").EnumerateArray().Select(l => l.GetProperty("perSeat").GetInt32()));
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("pendingChange").ValueKind);
        Assert.Equal("booking.trip-changed", LastKind(moved));
        Assert.Equal("sold", await SeatOnAsync(bob, tomorrow.Evening, "A1"));
        Assert.Equal("free", await SeatOnAsync(bob, today.Morning, "F1"));
        var newQr = await QrPayloadAsync(alice, pnr);
        Assert.StartsWith($"DP2.{pnr}.{tomorrow.Evening}.A1-A2.2.", newQr);
        Assert.Equal("valid", await VerifyAsync(clerk, newQr));
        Assert.Equal("superseded", await VerifyAsync(clerk, oldQr));
    }

    [Fact]
    public async Task TripChange_WhenThePaymentFails_KeepsTheBookingAndFreesTheNewSeats()
    {
        using var alice = await app.NewPassengerAsync();
        var today = await CoxTripsAsync(alice, 6);
        var tomorrow = await CoxTripsAsync(alice, 7);
        var pnr = (await ConfirmedAsync(alice, today.Morning, "G1")).GetProperty("pnr").GetString()!;
        await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change", new { tripId = tomorrow.Evening, seats = new[] { "B1" }, requestId = "m" });

        var failed = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change/payments/simulate", new { outcome = "failed" }));

        Assert.Equal(today.Morning, failed.GetProperty("tripId").GetString());
        Assert.Equal(["G1"], Seats(failed));
        Assert.Equal("Confirmed", failed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("pendingChange").ValueKind);
        Assert.Equal("free", await SeatOnAsync(alice, tomorrow.Evening, "B1"));
        Assert.Equal("sold", await SeatOnAsync(alice, today.Morning, "G1"));
        await ProblemAssert.IsProblemAsync(
            await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change/payments/simulate", new { outcome = "succeeded" }),
            HttpStatusCode.Conflict, "no-change-pending");
    }

    [Fact]
    public async Task TripChange_ToTheCheaperMorningCoach_RefundsTheDifferenceLessTheFeeAtOnce()
    {
        using var alice = await app.NewPassengerAsync();
        var today = await CoxTripsAsync(alice, 8);
        var tomorrow = await CoxTripsAsync(alice, 9);
        var pnr = (await ConfirmedAsync(alice, today.Evening, "H1", "H2")).GetProperty("pnr").GetString()!;

        var response = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change",
            new { tripId = tomorrow.Morning, seats = new[] { "H1", "H2" }, requestId = "cheaper" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await Json(response);
        Assert.Equal(tomorrow.Morning, moved.GetProperty("tripId").GetString());
        Assert.Equal(1360, moved.GetProperty("fare").GetProperty("total").GetInt32());
        // 2 × 1300 − (2 × 680 + 100) = 1140 back, already paid out through the provider.
        var refund = Assert.Single(moved.GetProperty("changeRefunds").EnumerateArray());
        Assert.Equal(1140m, refund.GetProperty("amount").GetDecimal());
        Assert.True(refund.GetProperty("completed").GetBoolean());
        Assert.Contains(moved.GetProperty("history").EnumerateArray(), h => h.GetProperty("kind").GetString() == "booking.change-refunded");
    }

    [Fact]
    public async Task TripChange_ToAnotherRoute_Is400AndHoldsNothing()
    {
        using var alice = await app.NewPassengerAsync();
        var trips = await CoxTripsAsync(alice, 10);
        var pnr = (await ConfirmedAsync(alice, trips.Morning, "J1")).GetProperty("pnr").GetString()!;
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(10));
        var sylhet = (await alice.GetFromJsonAsync<List<JsonElement>>($"/api/trips?from={Sayedabad}&to=sylhet-kadamtali&date={day}"))!
            .First().GetProperty("tripId").GetString()!;

        var quote = await alice.GetAsync($"/api/bookings/{pnr}/trip-change?tripId={sylhet}");
        var begin = await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change", new { tripId = sylhet, seats = new[] { "J1" }, requestId = "x" });

        await ProblemAssert.IsProblemAsync(quote, HttpStatusCode.BadRequest, "other-route");
        await ProblemAssert.IsProblemAsync(begin, HttpStatusCode.BadRequest, "other-route");
        Assert.Equal(trips.Morning, (await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}")).GetProperty("tripId").GetString());
    }

    [Fact]
    public async Task Changes_OfACancelledBooking_Are409()
    {
        using var alice = await app.NewPassengerAsync();
        var trips = await CoxTripsAsync(alice, 10);
        var pnr = (await ConfirmedAsync(alice, trips.Evening, "J2", "J3")).GetProperty("pnr").GetString()!;
        await alice.PostAsync($"/api/bookings/{pnr}/cancel", null);

        await ProblemAssert.IsProblemAsync(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/seats", new { seats = new[] { "I1", "I2" } }),
            HttpStatusCode.Conflict, "not-changeable");
        await ProblemAssert.IsProblemAsync(await alice.DeleteAsync($"/api/bookings/{pnr}/passengers/J2"), HttpStatusCode.Conflict, "not-changeable");
        await ProblemAssert.IsProblemAsync(
            await alice.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/J2", new { name = "Rahim", phone = "01712345678", gender = "male" }),
            HttpStatusCode.Conflict, "not-changeable");
    }

    [Fact]
    public void CutoffAndOtherChangeRefusals_MapToConflict()
    {
        Assert.Equal(409, ProblemCatalog.StatusFor(BookingErrorCode.ChangeCutoffPassed));
        Assert.Equal(409, ProblemCatalog.StatusFor(BookingErrorCode.NotChangeable));
        Assert.Equal(409, ProblemCatalog.StatusFor(BookingErrorCode.ChangeInProgress));
        Assert.Equal(400, ProblemCatalog.StatusFor(BookingErrorCode.OtherRoute));
    }

    [Fact]
    public async Task CorrectPassenger_ByAClerk_ChangesTheNameAndAuditsIt_BadPhoneIs400()
    {
        using var alice = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken("clerk", Sayedabad));
        var trips = await CoxTripsAsync(alice, 11);
        var pnr = (await ConfirmedAsync(alice, trips.Morning, "A3", "A4")).GetProperty("pnr").GetString()!;

        var corrected = await clerk.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/A4",
            new { name = "Karima Khatun", phone = "01812345678", gender = "female" });
        var bad = await alice.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/A3", new { name = "Rahim", phone = "12", gender = "male" });
        var nobody = await alice.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/J9", new { name = "Rahim", phone = "01712345678", gender = "male" });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var booking = await Json(corrected);
        Assert.Equal("Karima Khatun", booking.GetProperty("passengers")[1].GetProperty("name").GetString());
        var audit = booking.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("booking.passenger-corrected", audit.GetProperty("kind").GetString());
        Assert.Contains("\"Karima Begum\" → \"Karima Khatun\"", audit.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(bad, HttpStatusCode.BadRequest, "invalid-passenger");
        await ProblemAssert.IsProblemAsync(nobody, HttpStatusCode.BadRequest, "no-such-passenger");
    }

    [Fact]
    public async Task CancelPassenger_WithTheGuestToken_RefundsThatShareAndFreesTheSeat_TheLastOneIs409()
    {
        using var alice = await app.NewPassengerAsync();
        using var guest = await app.NewPassengerAsync();
        var trips = await CoxTripsAsync(alice, 11);
        var booking = await ConfirmedAsync(alice, trips.Evening, "B1", "B2");
        var pnr = booking.GetProperty("pnr").GetString()!;
        guest.DefaultRequestHeaders.Add("X-Booking-Token", booking.GetProperty("bookingToken").GetString());

        var response = await guest.DeleteAsync($"/api/bookings/{pnr}/passengers/B2");
        var last = await guest.DeleteAsync($"/api/bookings/{pnr}/passengers/B1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await Json(response);
        Assert.Equal(["B1"], Seats(after));
        Assert.Equal(1300, after.GetProperty("fare").GetProperty("total").GetInt32());
        // Eleven days ahead: 90 % of the 1300 BDT share.
        var refund = Assert.Single(after.GetProperty("changeRefunds").EnumerateArray());
        Assert.Equal(1170m, refund.GetProperty("amount").GetDecimal());
        Assert.True(refund.GetProperty("completed").GetBoolean());
        Assert.Equal("free", await SeatOnAsync(alice, trips.Evening, "B2"));
        Assert.Equal("sold", await SeatOnAsync(alice, trips.Evening, "B1"));
        await ProblemAssert.IsProblemAsync(last, HttpStatusCode.Conflict, "last-passenger");
    }
}
