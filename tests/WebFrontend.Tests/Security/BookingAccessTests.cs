using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Bookings;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// The rest of the booking access rule (<see cref="BookingAccess"/>) beyond "another passenger gets a 404": how a guest
/// token may be presented, that it opens its own booking only, that only the owner is handed the token, and who is
/// recorded as having acted when a token holder changes a booking.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class BookingAccessTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Day 13's second trip is shared with BookingOwnershipTests (row H) and HoldOwnershipTests (rows F and G); this class
    // takes rows D and E, seats 1–3 (which every coach layout has).
    private static async Task<(string Pnr, string Token)> ConfirmedBookingAsync(HttpClient owner, string seat)
    {
        var tripId = (await KolkataTripsAsync(owner, 13))[1].TripId;
        var booking = await BookAsync(owner, tripId, seat);
        var pnr = booking.GetProperty("pnr").GetString()!;
        var paid = await owner.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return (pnr, booking.GetProperty("bookingToken").GetString()!);
    }

    private static HttpRequestMessage WithHeaderToken(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(BookingAccess.TokenHeader, token);
        return request;
    }

    private static string? ShownToken(JsonElement booking) =>
        booking.TryGetProperty("bookingToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;

    [Fact]
    public async Task OnlyTheOwnerIsShownTheGuestToken_NotStaffNorAGuestHoldingIt()
    {
        using var alice = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        using var opsStaff = app.WithToken(app.StaffToken(Roles.Ops));
        using var guest = app.NewVisitor();
        var (pnr, token) = await ConfirmedBookingAsync(alice, "D1");

        var asOwner = await alice.GetAsync($"/api/bookings/{pnr}", Ct);
        var asClerk = await clerk.GetAsync($"/api/bookings/{pnr}", Ct);
        var asOps = await opsStaff.GetAsync($"/api/bookings/{pnr}", Ct);
        var asGuestByQuery = await guest.GetAsync($"/api/bookings/{pnr}?token={token}", Ct);
        var asGuestByHeader = await guest.SendAsync(WithHeaderToken($"/api/bookings/{pnr}", token), Ct);

        Assert.Equal(token, ShownToken(await Json(asOwner)));
        foreach (var response in new[] { asClerk, asOps, asGuestByQuery, asGuestByHeader })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var booking = await Json(response);
            Assert.Equal(pnr, booking.GetProperty("pnr").GetString());
            Assert.Null(ShownToken(booking));
        }
    }

    [Fact]
    public async Task APassengersTokenInTheXBookingTokenHeader_OpensTheBookingForAGuest()
    {
        using var alice = await app.NewPassengerAsync();
        using var guest = app.NewVisitor();
        var (pnr, token) = await ConfirmedBookingAsync(alice, "D2");

        // Without the token the same guest gets the 404 of an unknown PNR, so the 200 below is the header's doing.
        await ProblemAssert.IsProblemAsync(await guest.GetAsync($"/api/bookings/{pnr}", Ct), HttpStatusCode.NotFound, "booking-not-found");
        var withHeader = await guest.SendAsync(WithHeaderToken($"/api/bookings/{pnr}", token), Ct);

        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal(pnr, (await Json(withHeader)).GetProperty("pnr").GetString());
    }

    [Fact]
    public async Task TheHeaderToken_IsTheOneChecked_WhenTheQueryCarriesAWrongOne()
    {
        using var alice = await app.NewPassengerAsync();
        using var guest = app.NewVisitor();
        var (pnr, token) = await ConfirmedBookingAsync(alice, "D3");

        var response = await guest.SendAsync(WithHeaderToken($"/api/bookings/{pnr}?token=not-{token}", token), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ABookingTokenForOneBooking_DoesNotOpenAnother_EvenForASignedInPassenger()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        using var guest = app.NewVisitor();
        var (alicePnr, _) = await ConfirmedBookingAsync(alice, "E1");
        var (bobPnr, bobToken) = await ConfirmedBookingAsync(bob, "E2");

        // Bob's token opens Bob's booking, by query or header ...
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/api/bookings/{bobPnr}?token={bobToken}", Ct)).StatusCode);
        // ... and nothing else: not for a guest, not for Bob himself, whichever way it is given.
        await ProblemAssert.IsProblemAsync(await guest.GetAsync($"/api/bookings/{alicePnr}?token={bobToken}", Ct),
            HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await guest.SendAsync(WithHeaderToken($"/api/bookings/{alicePnr}", bobToken), Ct),
            HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/bookings/{alicePnr}?token={bobToken}", Ct),
            HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await bob.PostAsync($"/api/bookings/{alicePnr}/cancel?token={bobToken}", null, Ct),
            HttpStatusCode.NotFound, "booking-not-found");
        var stillAlices = await Json(await alice.GetAsync($"/api/bookings/{alicePnr}", Ct));
        Assert.Equal("Confirmed", stillAlices.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AChangeByAGuestHoldingTheToken_IsRecordedAsTheGuestToken_AndTheOwnersAsTheOwner()
    {
        using var alice = await app.NewPassengerAsync();
        var (pnr, token) = await ConfirmedBookingAsync(alice, "E3");
        using var guest = app.NewVisitor();

        var byGuest = await guest.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/E3?token={token}", Passenger(name: "Karim Ahmed"), Ct);
        Assert.Equal(HttpStatusCode.OK, byGuest.StatusCode);
        var byOwner = await alice.PutAsJsonAsync($"/api/bookings/{pnr}/passengers/E3", Passenger(name: "Karim Uddin"), Ct);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);

        var corrections = (await Json(byOwner)).GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("detail").GetString()!)
            .Where(d => d.Contains("corrected by", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, corrections.Count);
        Assert.Contains(corrections, d => d.Contains("corrected by guest-token:", StringComparison.Ordinal) && d.Contains("Karim Ahmed", StringComparison.Ordinal));
        var ownerId = "user:" + (await alice.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetString();
        Assert.Contains(corrections, d => d.Contains($"corrected by {ownerId}:", StringComparison.Ordinal) && d.Contains("Karim Uddin", StringComparison.Ordinal));
    }
}
