using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Admin;

[Collection(WebAppCollection.Name)]
public sealed class AdminApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ops() => app.WithToken(app.StaffToken("ops"));

    [Fact]
    public async Task Network_IsOpsOnly()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken("clerk", "kalyanpur"));
        var passenger = await app.RegisterAsync();
        using var passengerClient = app.WithToken(passenger.AccessToken);
        using var ops = Ops();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/network", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/network", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passengerClient.GetAsync("/api/admin/network", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync("/api/admin/network", Ct)).StatusCode);
    }

    [Fact]
    public async Task RouteWithOneStop_Is400NamingTheField_AndTheNetworkIsUnchanged()
    {
        using var ops = Ops();
        var before = await ops.GetStringAsync("/api/admin/network", Ct);

        var response = await ops.PutAsJsonAsync("/api/admin/routes/dhk-x", new
        {
            code = "DHK-XXX", nameEn = "Dhaka – Nowhere", nameBn = "ঢাকা",
            stops = new[] { new { stopId = "dhaka-gabtoli", offsetMinutes = 0 } },
            fares = new[] { new { @class = "NonAc", legFares = Array.Empty<int>() } },
        }, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-route");
        Assert.Equal("stops", problem.GetProperty("field").GetString());
        Assert.Equal(before, await ops.GetStringAsync("/api/admin/network", Ct));
    }

    [Fact]
    public async Task DeletingAStopARouteUses_Is409()
    {
        using var ops = Ops();

        await ProblemAssert.IsProblemAsync(await ops.DeleteAsync("/api/admin/stops/benapole", Ct), HttpStatusCode.Conflict, "stop-in-use");
    }

    [Fact]
    public async Task NewRouteCoachAndSchedule_CreateTripsPassengersCanFind()
    {
        using var ops = Ops();
        (await ops.PutAsJsonAsync("/api/admin/layouts/NAC-2+2-28", new
        {
            name = "Non-AC 2+2 (28 seats)", rows = 7, columns = 4, aisleAfterColumn = 1, driverSide = "Right", doorSide = "Left", doorRow = 0,
            seats = SeatLayouts.Grid("x", "x", 7, 2, 2).Seats.Select(s => new { label = s.Label, row = s.Row, column = s.Column }),
        }, Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/admin/routes/gab-bar", new
        {
            code = "GAB-BAR", nameEn = "Gabtoli – Barishal", nameBn = "গাবতলী – বরিশাল",
            stops = new[] { new { stopId = "dhaka-gabtoli", offsetMinutes = 0 }, new { stopId = "barishal", offsetMinutes = 250 } },
            fares = new[] { new { @class = "NonAc", legFares = new[] { 520 } } },
        }, Ct)).EnsureSuccessStatusCode();
        (await ops.PutAsJsonAsync("/api/admin/coaches/coach-gb1", new
        {
            registration = "Barishal Ba-11-0042", @class = "NonAc", layoutCode = "NAC-2+2-28", make = "Ashok Leyland",
        }, Ct)).EnsureSuccessStatusCode();
        var today = ServiceDay.Of(DateTimeOffset.UtcNow);

        var response = await ops.PutAsJsonAsync("/api/admin/schedules/gab-bar-1415", new
        {
            routeId = "gab-bar", coachId = "coach-gb1", departure = "14:15", fromDate = today, toDate = today.AddDays(30),
        }, Ct);

        response.EnsureSuccessStatusCode();
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("tripsCreated").GetInt32() >= 13);
        using var passenger = await app.NewPassengerAsync();
        var day = ServiceDay.Key(today.AddDays(3));
        var trips = JsonDocument.Parse(await passenger.GetStringAsync($"/api/trips?from=dhaka-gabtoli&to=barishal&date={day}", Ct)).RootElement;
        var trip = trips.EnumerateArray().Single(t => t.GetProperty("routeCode").GetString() == "GAB-BAR");
        Assert.Equal(520, trip.GetProperty("fare").GetInt32());
        Assert.Equal(28, trip.GetProperty("totalSeats").GetInt32());

        // The same coach cannot also leave at 15:00 while it is on the road.
        var clash = await ops.PutAsJsonAsync("/api/admin/schedules/gab-bar-1500", new
        {
            routeId = "gab-bar", coachId = "coach-gb1", departure = "15:00", fromDate = today, toDate = today.AddDays(30),
        }, Ct);
        var problem = await ProblemAssert.IsProblemAsync(clash, HttpStatusCode.Conflict, "coach-busy");
        Assert.StartsWith("GAB-BAR-", problem.GetProperty("otherTrip").GetString());
    }

    [Fact]
    public async Task BlockAndUnblock_FlipTheSeatForAWatchingClient()
    {
        using var ops = Ops();
        using var visitor = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(visitor, 6))[1];
        var changes = Channel.CreateUnbounded<JsonElement>();
        await using var watcher = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, "/hubs/trips")).Build();
        watcher.On<JsonElement>("seatsChanged", e => changes.Writer.TryWrite(e));
        await watcher.StartAsync(Ct);
        await watcher.InvokeAsync<JsonElement>("Watch", trip.TripId, Dhaka, Kolkata, Ct);
        var body = new { seats = new[] { "C4" }, from = Dhaka, to = Kolkata, reason = "broken-seat" };

        Assert.Equal(HttpStatusCode.NoContent, (await ops.PostAsJsonAsync($"/api/admin/trips/{trip.TripId}/blocks", body, Ct)).StatusCode);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        Assert.Equal("blocked", StateOf(await changes.Reader.ReadAsync(timeout.Token), "C4"));
        var hold = await visitor.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
            new { seats = new[] { "C4" }, from = Jashore, to = Kolkata, requestId = Guid.NewGuid().ToString() }, Ct);
        await ProblemAssert.IsProblemAsync(hold, HttpStatusCode.Conflict, "seats-unavailable");

        Assert.Equal(HttpStatusCode.NoContent, (await ops.PostAsJsonAsync($"/api/admin/trips/{trip.TripId}/unblocks", body, Ct)).StatusCode);
        Assert.Equal("free", StateOf(await changes.Reader.ReadAsync(timeout.Token), "C4"));
    }

    private static string StateOf(JsonElement change, string seat) =>
        change.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("seat").GetString() == seat).GetProperty("state").GetString()!;
}
