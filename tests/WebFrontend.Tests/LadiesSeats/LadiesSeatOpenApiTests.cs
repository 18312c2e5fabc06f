using System.Net;
using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.LadiesSeats;

/// <summary>
/// Once ladies seats have opened to all (the shared test app opens them a year before departure), a man may have one,
/// online and at the counter.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class LadiesSeatOpenApiTests(WebAppFixture app)
{
    // Day 7's last trip is not used by the other tests of this app.
    private static async Task<string> TripAsync(HttpClient client) => (await KolkataTripsAsync(client, 7))[^1].TripId;

    [Fact]
    public async Task OnlineBooking_MalePassengerOnLadiesSeatAfterOpening_IsCreated()
    {
        using var alice = await app.NewPassengerAsync();
        var holdId = await HoldAsync(alice, await TripAsync(alice), "A3");

        var response = await PostBookingAsync(alice, holdId, Passenger(gender: "male"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CounterSale_MalePassengerOnLadiesSeatAfterOpening_IsSold()
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var tripId = await TripAsync(clerk);

        var response = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "A4" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Karim Mia", "01812345678", "male") },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("sold", await SeatStateAsync(clerk, tripId, "A4"));
    }
}
