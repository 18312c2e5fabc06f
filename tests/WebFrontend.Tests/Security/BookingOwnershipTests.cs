using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// A PNR is not a key to the booking: being signed in is not being staff. Only the owner, the guest token or a clerk/ops
/// account opens it; any other signed-in passenger gets the same 404 as for a PNR that does not exist (IDOR).
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class BookingOwnershipTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Day 13's second trip is shared with HoldOwnershipTests, which takes rows F and G; this class takes row H.
    private static async Task<string> ConfirmedBookingAsync(HttpClient owner, string seat)
    {
        var tripId = (await KolkataTripsAsync(owner, 13))[1].TripId;
        var pnr = (await BookAsync(owner, tripId, seat)).GetProperty("pnr").GetString()!;
        var paid = await owner.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        return pnr;
    }

    [Fact]
    public async Task AnotherSignedInPassengerCannotReadBooking()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var pnr = await ConfirmedBookingAsync(alice, "H1");

        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/bookings/{pnr}", Ct), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/bookings/{pnr}/ticket", Ct), HttpStatusCode.NotFound, "booking-not-found");
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/bookings/{pnr}/cancellation", Ct), HttpStatusCode.NotFound, "booking-not-found");
        // The same request succeeds for the owner and for staff, so the 404 above is about who bob is, not about the booking.
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/bookings/{pnr}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/bookings/{pnr}", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnotherSignedInPassengerCannotCancelBooking()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var pnr = await ConfirmedBookingAsync(alice, "H2");

        await ProblemAssert.IsProblemAsync(await bob.PostAsync($"/api/bookings/{pnr}/cancel", null, Ct), HttpStatusCode.NotFound, "booking-not-found");

        var booking = await Json(await alice.GetAsync($"/api/bookings/{pnr}", Ct));
        Assert.Equal("Confirmed", booking.GetProperty("status").GetString());
    }
}
