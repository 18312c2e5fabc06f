using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

[Collection(WebAppCollection.Name)]
public sealed class SeatApiTests(WebAppFixture app)
{
    private sealed record Hold(string HoldId, string TripId, string[] Seats, string From, string To, DateTimeOffset ExpiresAt, int Amount);
    private sealed record Seat(string Seat_, string State, bool Mine);

    private static object HoldBody(string from, string to, params string[] seats) => new { seats, from, to, requestId = Guid.NewGuid().ToString() };

    private static async Task<Dictionary<string, (string State, bool Mine)>> SeatsAsync(HttpClient client, string tripId, string from, string to)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={from}&to={to}")).RootElement;
        return map.GetProperty("seats").EnumerateArray().ToDictionary(
            s => s.GetProperty("seat").GetString()!,
            s => (s.GetProperty("state").GetString()!, s.GetProperty("mine").GetBoolean()));
    }

    [Fact]
    public async Task Hold_WhenSeatsFree_Returns201AndOthersSeeThemHeldWhileTheHolderSeesThemMine()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 3))[0];

        var response = await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(Dhaka, Jashore, "A1", "A2"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hold = (await response.Content.ReadFromJsonAsync<Hold>())!;
        Assert.Equal(["A1", "A2"], hold.Seats);
        Assert.True(hold.Amount > 0);
        Assert.True(hold.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(("held", true), (await SeatsAsync(alice, trip.TripId, Dhaka, Kolkata))["A1"]);
        Assert.Equal(("held", false), (await SeatsAsync(bob, trip.TripId, Dhaka, Kolkata))["A1"]);
        Assert.Equal(("free", false), (await SeatsAsync(bob, trip.TripId, Jashore, Kolkata))["A1"]);
    }

    [Fact]
    public async Task Hold_OnASeatTakenOnAnOverlappingLeg_Returns409NamingTheSeat()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 4))[0];
        await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(Jashore, Kolkata, "B1"));

        var response = await bob.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(Dhaka, Benapole, "B1", "B2"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "seats-unavailable");
        Assert.Equal(["B1"], problem.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()).ToArray());
        Assert.Equal("free", (await SeatsAsync(bob, trip.TripId, Dhaka, Jashore))["B2"].State);
    }

    [Fact]
    public async Task Hold_RetriedWithTheSameRequestId_ReturnsTheSameHold()
    {
        using var alice = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 5))[0];
        var body = HoldBody(Dhaka, Jashore, "C1");

        var first = await (await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", body)).Content.ReadFromJsonAsync<Hold>();
        var retry = await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", body);

        Assert.Equal(first!.HoldId, (await retry.Content.ReadFromJsonAsync<Hold>())!.HoldId);
    }

    [Fact]
    public async Task Release_BySomeoneElse_Is403_ByTheOwner_FreesTheSeat()
    {
        using var alice = await app.NewPassengerAsync();
        using var bob = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 6))[0];
        var hold = (await (await alice.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(Dhaka, Kolkata, "D1")))
            .Content.ReadFromJsonAsync<Hold>())!;
        await bob.GetAsync("/api/stops");
        await bob.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds", HoldBody(Dhaka, Kolkata, "D2"));

        await ProblemAssert.IsProblemAsync(await bob.DeleteAsync($"/api/holds/{Uri.EscapeDataString(hold.HoldId)}"), HttpStatusCode.Forbidden, "not-hold-owner");
        Assert.Equal("held", (await SeatsAsync(bob, trip.TripId, Dhaka, Kolkata))["D1"].State);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/holds/{Uri.EscapeDataString(hold.HoldId)}")).StatusCode);
        Assert.Equal("free", (await SeatsAsync(bob, trip.TripId, Dhaka, Kolkata))["D1"].State);
        await ProblemAssert.IsProblemAsync(await alice.DeleteAsync($"/api/holds/{Uri.EscapeDataString(hold.HoldId)}"), HttpStatusCode.NotFound, "hold-not-found");
        await ProblemAssert.IsProblemAsync(await alice.DeleteAsync("/api/holds/not-a-hold"), HttpStatusCode.NotFound, "hold-not-found");
    }

    [Theory]
    [InlineData("""{"seats":["Z9"],"from":"dhaka-kalyanpur","to":"jashore","requestId":"x"}""", "unknown-seat")]
    [InlineData("""{"seats":["A1"],"from":"jashore","to":"dhaka-kalyanpur","requestId":"x"}""", "invalid-leg")]
    [InlineData("""{"seats":["A1"],"from":"mars","to":"jashore","requestId":"x"}""", "unknown-stop")]
    [InlineData("""{"seats":["A1","A1"],"from":"dhaka-kalyanpur","to":"jashore","requestId":"x"}""", "duplicate-seat")]
    [InlineData("""{"seats":[],"from":"dhaka-kalyanpur","to":"jashore","requestId":"x"}""", "no-seats")]
    [InlineData("""{"seats":["A1","A2","A3","B1","B2"],"from":"dhaka-kalyanpur","to":"jashore","requestId":"x"}""", "too-many-seats")]
    [InlineData("""{"seats":["A1"],"from":"dhaka-kalyanpur","to":"jashore"}""", "invalid-request")]
    [InlineData("""{"seats":["A1"],"from":"dhaka-ka""", "malformed-request")]
    public async Task Hold_WithBadInput_Returns400ProblemAndChangesNothing(string json, string code)
    {
        using var alice = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(alice, 7))[1];
        var before = JsonDocument.Parse(await alice.GetStringAsync($"/api/trips/{trip.TripId}/seats?from={Dhaka}&to={Kolkata}"))
            .RootElement.GetProperty("version").GetInt64();

        var response = await alice.PostAsync($"/api/trips/{trip.TripId}/holds", new StringContent(json, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
        var after = JsonDocument.Parse(await alice.GetStringAsync($"/api/trips/{trip.TripId}/seats?from={Dhaka}&to={Kolkata}"))
            .RootElement.GetProperty("version").GetInt64();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Hold_OnAnUnknownTrip_Is404()
    {
        using var alice = await app.NewPassengerAsync();

        var response = await alice.PostAsJsonAsync("/api/trips/NOPE-20990101-0000/holds", HoldBody(Dhaka, Jashore, "A1"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "trip-not-found");
    }
}
