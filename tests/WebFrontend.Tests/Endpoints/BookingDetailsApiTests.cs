using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>
/// Boarding and dropping points, passports on journeys across the border, passengers without phones and the fare
/// breakdown, over HTTP. Each test takes its own departure day on this app, so seats never collide.
/// </summary>
[Collection(FareChargesAppCollection.Name)]
public sealed class BookingDetailsApiTests(FareChargesAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Listing> TripAsync(HttpClient client, int daysAhead) => (await KolkataTripsAsync(client, daysAhead))[0];

    private static async Task<string> HoldToAsync(HttpClient visitor, string tripId, string to, params string[] seats)
    {
        var response = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = Dhaka, to, requestId = Guid.NewGuid().ToString() }, Ct);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("holdId").GetString()!;
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient visitor, object body) => visitor.PostAsJsonAsync("/api/bookings", body, Ct);

    private static object Nobody(string name, object? passport = null) => new { name, phone = (string?)null, gender = "female", passport };

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private HttpClient Clerk() => app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));

    private HttpClient Supervisor() => app.WithToken(app.StaffToken(Roles.Supervisor));

    private static object PassportExpiring(DateOnly expiry) => TravelPassport(expiry: expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Trip_ListsBoardingPointsWithReportingTimes_DroppingPoints_AndWhichStopsAreAbroad()
    {
        using var visitor = app.NewVisitor();
        var listing = await TripAsync(visitor, 1);

        var trip = await visitor.GetFromJsonAsync<JsonElement>($"/api/trips/{listing.TripId}", Ct);

        var boarding = trip.GetProperty("boardingPoints").EnumerateArray().ToList();
        var technical = boarding.Single(p => p.GetProperty("id").GetString() == "technical-more");
        Assert.Equal(Dhaka, technical.GetProperty("stopId").GetString());
        Assert.Equal(listing.Departure.AddMinutes(-20), technical.GetProperty("at").GetDateTimeOffset());
        Assert.DoesNotContain(boarding, p => p.GetProperty("stopId").GetString() == Kolkata);
        Assert.Contains(trip.GetProperty("droppingPoints").EnumerateArray(), p => p.GetProperty("id").GetString() == "marquis-street-counter");
        Assert.DoesNotContain(trip.GetProperty("droppingPoints").EnumerateArray(), p => p.GetProperty("id").GetString() == "technical-more");
        Assert.True(trip.GetProperty("crossBorder").GetBoolean());
        Assert.Equal([Kolkata], trip.GetProperty("abroadStops").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Booking_WithChosenPoints_AndPassengersWithoutPhones_ShowsThePointsOnTicketAndManifest()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 2);
        var holdId = await HoldToAsync(alice, listing.TripId, Jashore, "A1", "A2");

        var response = await BookAsync(alice, new
        {
            holdId,
            passengers = new[] { Nobody("Nasrin Akter"), Nobody("Mitu Akter") },
            contact = new { phone = "01712345678" },
            boardingPoint = "technical-more",
            droppingPoint = "palbari",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await Json(response);
        var pnr = booking.GetProperty("pnr").GetString()!;
        Assert.All(booking.GetProperty("passengers").EnumerateArray(), p => Assert.Equal("", p.GetProperty("phone").GetString()));
        Assert.Equal("technical-more", booking.GetProperty("boarding").GetProperty("id").GetString());
        Assert.Equal(listing.Departure.AddMinutes(-20), booking.GetProperty("boarding").GetProperty("at").GetDateTimeOffset());
        Assert.Equal("palbari", booking.GetProperty("dropping").GetProperty("id").GetString());
        await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct);

        var ticket = await alice.GetStringAsync($"/api/bookings/{pnr}/ticket", Ct);
        Assert.Contains("Technical more", ticket);
        Assert.Contains("Palbari more", ticket);
        using var supervisor = Supervisor();
        var manifest = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{listing.TripId}/manifest", Ct);
        var row = manifest.GetProperty("passengers").EnumerateArray().First(p => p.GetProperty("pnr").GetString() == pnr);
        Assert.Equal("Technical more", row.GetProperty("boardingPointEn").GetString());
        Assert.Equal("টেকনিক্যাল মোড়", row.GetProperty("boardingPointBn").GetString());
        Assert.Equal("Palbari more", row.GetProperty("droppingPointEn").GetString());
        var csv = await supervisor.GetStringAsync($"/api/staff/trips/{listing.TripId}/manifest?format=csv", Ct);
        Assert.Contains("boardingPointEn", csv);
        Assert.Contains(csv.Split("\r\n"), line => line.Contains(pnr) && line.Contains("Technical more") && line.Contains("Palbari more"));
    }

    [Fact]
    public async Task Booking_WithAPointNotOnTheJourney_Is400_AndNothingIsBooked()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 3);
        var holdId = await HoldToAsync(alice, listing.TripId, Jashore, "B1");

        // A Jashore point is a boarding point of the trip, but not where this journey starts.
        var wrongStop = await BookAsync(alice, new { holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678" }, boardingPoint = "jashore-counter" });
        var unknown = await BookAsync(alice, new { holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678" }, droppingPoint = "no-such-point" });

        await ProblemAssert.IsProblemAsync(wrongStop, HttpStatusCode.BadRequest, "point-not-on-trip");
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.BadRequest, "point-not-on-trip");
        Assert.Empty(await alice.GetFromJsonAsync<JsonElement[]>("/api/bookings/mine", Ct) ?? []);
        Assert.Equal("held", await SeatStateAsync(alice, listing.TripId, "B1"));
    }

    [Fact]
    public async Task KolkataBooking_NeedsAPassportValidSixMonthsAfterTravel_TheBoundaryDayIncluded()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 4);
        var earliest = ServiceDay.Of(listing.Departure).AddMonths(6);
        var holdId = await HoldToAsync(alice, listing.TripId, Kolkata, "C1");
        object Body(object? passport) => new { holdId, passengers = new[] { Nobody("Farida Yasmin", passport) }, contact = new { phone = "01712345678" } };

        var missing = await BookAsync(alice, Body(null));
        var tooSoon = await BookAsync(alice, Body(PassportExpiring(earliest.AddDays(-1))));
        var badNumber = await BookAsync(alice, Body(new { number = "12-AB", nationality = "BGD", expiry = "2036-01-01" }));
        var badDate = await BookAsync(alice, Body(new { number = "EB7654321", nationality = "BGD", expiry = "31/12/2030" }));

        Assert.Contains("passport.number", Detail(await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.BadRequest, "invalid-passport")));
        var soonDetail = Detail(await ProblemAssert.IsProblemAsync(tooSoon, HttpStatusCode.BadRequest, "invalid-passport"));
        Assert.Contains("Passenger 1: passport.expiry", soonDetail);
        Assert.Contains("passport.number", Detail(await ProblemAssert.IsProblemAsync(badNumber, HttpStatusCode.BadRequest, "invalid-passport")));
        Assert.Contains("passport.expiry", Detail(await ProblemAssert.IsProblemAsync(badDate, HttpStatusCode.BadRequest, "invalid-passport")));
        Assert.Empty(await alice.GetFromJsonAsync<JsonElement[]>("/api/bookings/mine", Ct) ?? []);

        var onTheDay = await BookAsync(alice, Body(new { number = "EB7654321", nationality = "bgd", expiry = earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(HttpStatusCode.Created, onTheDay.StatusCode);
        var pnr = (await Json(onTheDay)).GetProperty("pnr").GetString()!;
        // The passport is for the border check: on the manifest, never on the passenger's booking or ticket.
        Assert.DoesNotContain("EB7654321", await alice.GetStringAsync($"/api/bookings/{pnr}", Ct));
        Assert.DoesNotContain("EB7654321", await alice.GetStringAsync($"/api/bookings/{pnr}/ticket", Ct));
        Assert.DoesNotContain("EB7654321", await alice.GetStringAsync($"/api/trips/{listing.TripId}/seats?from={Dhaka}&to={Kolkata}", Ct));
        using var supervisor = Supervisor();
        var manifest = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{listing.TripId}/manifest", Ct);
        var row = manifest.GetProperty("passengers").EnumerateArray().Single(p => p.GetProperty("pnr").GetString() == pnr);
        Assert.Equal("EB7654321", row.GetProperty("passportNumber").GetString());
        Assert.Equal("BGD", row.GetProperty("passportNationality").GetString());
        Assert.Equal(earliest, DateOnly.Parse(row.GetProperty("passportExpiry").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Booking_ToJashoreOnTheKolkataCoach_CrossesNoBorder_AndNeedsNoPassport()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 4);
        var holdId = await HoldToAsync(alice, listing.TripId, Jashore, "C2");

        var response = await BookAsync(alice, new { holdId, passengers = new[] { Nobody("Farida Yasmin") }, contact = new { phone = "01712345678" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CounterSale_ToKolkata_NeedsAPassport_TheRefusalTakesNoSeat_AndTheManifestShowsIt()
    {
        using var clerk = Clerk();
        var listing = await TripAsync(clerk, 5);
        object Sale(object? passport, string requestId) => new
        {
            tripId = listing.TripId, seats = new[] { "D1" }, from = Dhaka, to = Kolkata, requestId,
            passengers = new[] { new { name = "Karim Mia", phone = "01812345678", gender = "male", passport } },
            boardingPoint = "shyamoli",
        };

        var refused = await clerk.PostAsJsonAsync("/api/counter/sales", Sale(null, Guid.NewGuid().ToString()), Ct);

        Assert.Contains("passport", Detail(await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "invalid-passport")));
        Assert.Equal("free", await SeatStateAsync(clerk, listing.TripId, "D1"));

        var sold = await clerk.PostAsJsonAsync("/api/counter/sales", Sale(TravelPassport("A01234567"), Guid.NewGuid().ToString()), Ct);

        Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        var booking = await Json(sold);
        Assert.Equal("shyamoli", booking.GetProperty("boarding").GetProperty("id").GetString());
        Assert.Equal("marquis-street-counter", booking.GetProperty("dropping").GetProperty("id").GetString());
        using var supervisor = Supervisor();
        var manifest = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{listing.TripId}/manifest", Ct);
        var row = manifest.GetProperty("passengers").EnumerateArray().Single(p => p.GetProperty("pnr").GetString() == booking.GetProperty("pnr").GetString());
        Assert.Equal("A01234567", row.GetProperty("passportNumber").GetString());
        Assert.Equal("Shyamoli", row.GetProperty("boardingPointEn").GetString());
    }

    [Fact]
    public async Task OpsEditingAStopOrRoute_WithoutPointsOrBorder_KeepsThem()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        using var visitor = app.NewVisitor();

        var stop = await ops.PutAsJsonAsync("/api/admin/stops/jashore", new { nameEn = "Jashore", nameBn = "যশোর", city = "Jashore", kind = "Counter" }, Ct);
        var abroad = await ops.PutAsJsonAsync($"/api/admin/stops/{Kolkata}",
            new { nameEn = "Kolkata (Marquis Street)", nameBn = "কলকাতা (মারকুইস স্ট্রিট)", city = "Kolkata", kind = "Counter" }, Ct);
        var badPoint = await ops.PutAsJsonAsync("/api/admin/stops/jashore", new
        {
            nameEn = "Jashore", nameBn = "যশোর", city = "Jashore", kind = "Counter",
            points = new[] { new { id = "jashore-counter", nameEn = "Counter", nameBn = "কাউন্টার", reportMinutesBefore = -5 } },
        }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, abroad.StatusCode);
        await ProblemAssert.IsProblemAsync(badPoint, HttpStatusCode.BadRequest, "invalid-request");
        var network = await ops.GetFromJsonAsync<JsonElement>("/api/admin/network", Ct);
        var jashore = network.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "jashore");
        Assert.Contains(jashore.GetProperty("points").EnumerateArray(), p => p.GetProperty("id").GetString() == "palbari");
        var kolkata = network.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("id").GetString() == Kolkata);
        Assert.Equal("IND", kolkata.GetProperty("country").GetString());
    }

    /// <summary>The breakdown adds up: legs for every seat + fees − discount = total.</summary>
    private static void AssertAddsUp(JsonElement fare)
    {
        var legs = fare.GetProperty("legs").EnumerateArray().Sum(l => l.GetProperty("amount").GetInt32());
        var fees = fare.GetProperty("fees").EnumerateArray().Sum(f => f.GetProperty("amount").GetInt32());
        Assert.Equal(fare.GetProperty("base").GetInt32(), legs);
        Assert.Equal(legs + fees - fare.GetProperty("discount").GetInt32(), fare.GetProperty("total").GetInt32());
    }

    private static int Fee(JsonElement fare, string code) =>
        fare.GetProperty("fees").EnumerateArray().Where(f => f.GetProperty("code").GetString() == code).Sum(f => f.GetProperty("amount").GetInt32());

    [Fact]
    public async Task FareTotal_IsTheAmountCharged_ByCard()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 6);
        var holdId = await HoldToAsync(alice, listing.TripId, Jashore, "E1", "E2");

        var booking = await Json(await BookAsync(alice, new { holdId, passengers = new[] { Passenger(), Passenger() }, contact = new { phone = "01712345678" }, paymentMethod = "card" }));
        var fare = booking.GetProperty("fare");
        var pnr = booking.GetProperty("pnr").GetString()!;
        var paid = await Json(await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct));

        AssertAddsUp(fare);
        var perSeat = fare.GetProperty("perSeat").GetInt32();
        Assert.Equal([(Dhaka, Jashore, perSeat)], fare.GetProperty("legs").EnumerateArray()
            .Select(l => (l.GetProperty("from").GetString(), l.GetProperty("to").GetString(), l.GetProperty("perSeat").GetInt32())));
        Assert.Equal(2 * FareChargesAppFixture.ServiceChargePerSeat, Fee(fare, "service-charge"));
        Assert.Equal(FareChargesAppFixture.CardFeeFlat, Fee(fare, "payment-fee"));
        Assert.Equal(2 * FareChargesAppFixture.OnlineDiscountPerSeat, fare.GetProperty("discount").GetInt32());
        Assert.Equal(2 * perSeat + 40 + 15 - 20, fare.GetProperty("total").GetInt32());
        Assert.Equal(fare.GetProperty("total").GetInt32(), booking.GetProperty("payment").GetProperty("amount").GetInt32());
        Assert.Equal("Confirmed", paid.GetProperty("status").GetString());
        Assert.Equal(fare.GetProperty("total").GetInt32(), paid.GetProperty("payment").GetProperty("amount").GetInt32());
    }

    [Fact]
    public async Task FareTotal_IsTheAmountCharged_ByBkash()
    {
        using var alice = await app.NewPassengerAsync();
        var listing = await TripAsync(alice, 7);
        var holdId = await HoldToAsync(alice, listing.TripId, Jashore, "F1");

        var booking = await Json(await BookAsync(alice, new { holdId, passengers = new[] { Passenger() }, contact = new { phone = "01712345678" }, paymentMethod = "bkash" }));
        var fare = booking.GetProperty("fare");
        var pnr = booking.GetProperty("pnr").GetString()!;
        var paymentId = booking.GetProperty("payment").GetProperty("redirectUrl").GetString()!.Split("paymentId=")[1].Split('&')[0];
        app.Bkash.Authorize(paymentId);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };
        await browser.GetAsync($"/api/payments/bkash/callback?paymentID={Uri.EscapeDataString(paymentId)}&status=success", Ct);

        AssertAddsUp(fare);
        // 1.5 % of what bKash moves before its fee (fare + 20 − 10), rounded to whole taka.
        var beforeFee = fare.GetProperty("base").GetInt32() + 20 - 10;
        var fee = (int)Math.Round(beforeFee * FareChargesAppFixture.BkashFeePercent / 100m, MidpointRounding.AwayFromZero);
        Assert.True(fee > 0);
        Assert.Equal(fee, Fee(fare, "payment-fee"));
        Assert.Equal(beforeFee + fee, fare.GetProperty("total").GetInt32());
        var create = Assert.Single(app.Bkash.Requests, r => r.Path == "create" && r.Body["merchantInvoiceNumber"]!.ToString() == pnr + "-1");
        Assert.Equal($"{fare.GetProperty("total").GetInt32()}.00", create.Body["amount"]!.ToString());
        var after = await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}", Ct);
        // The booking confirms only when the amount bKash took is the total.
        Assert.Equal("Confirmed", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task FareTotal_IsTheCashCollected_AtTheCounter()
    {
        using var clerk = Clerk();
        var listing = await TripAsync(clerk, 8);

        var sold = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId = listing.TripId, seats = new[] { "G1", "G2" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Karim Mia", "01812345678"), Nobody("Rina Mia") },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, sold.StatusCode);
        var booking = await Json(sold);
        var fare = booking.GetProperty("fare");
        AssertAddsUp(fare);
        Assert.Equal(2 * FareChargesAppFixture.ServiceChargePerSeat, Fee(fare, "service-charge"));
        Assert.Equal(0, Fee(fare, "payment-fee"));
        Assert.Equal(0, fare.GetProperty("discount").GetInt32());
        Assert.Equal(fare.GetProperty("base").GetInt32() + 40, fare.GetProperty("total").GetInt32());
        Assert.Equal(2 * fare.GetProperty("perSeat").GetInt32(), fare.GetProperty("base").GetInt32());
        Assert.Equal("cash", booking.GetProperty("payment").GetProperty("provider").GetString());
        Assert.Equal(fare.GetProperty("total").GetInt32(), booking.GetProperty("payment").GetProperty("amount").GetInt32());
        Assert.Equal("+8801812345678", booking.GetProperty("contact").GetProperty("phone").GetString());
    }
}
