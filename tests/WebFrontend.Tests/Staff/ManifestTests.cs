using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using DiuParibahan.WebFrontend.Tickets;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Staff;

/// <summary>The supervisor's manifest and boarding at the door, over HTTP.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ManifestTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string TripId, JsonElement Booking)> CounterSaleAsync(string seat, string name)
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var tripId = (await KolkataTripsAsync(clerk, 1))[^1].TripId;
        var response = await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { seat }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger(name, "01912345678") },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (tripId, await Json(response));
    }

    [Fact]
    public async Task Manifest_IsForStaffOnly()
    {
        using var visitor = app.NewVisitor();
        var tripId = (await KolkataTripsAsync(visitor, 1))[^1].TripId;
        using var passenger = app.WithToken((await app.RegisterAsync()).AccessToken);
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        using var supervisor = app.WithToken(app.StaffToken(Roles.Supervisor));

        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passenger.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/staff/trips/{tripId}/manifest", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await supervisor.GetAsync("/api/staff/trips/NO-SUCH-TRIP/manifest", Ct), HttpStatusCode.NotFound, "trip-not-found");
    }

    [Fact]
    public async Task Manifest_ListsThePassengerWithStopsAndPhone_BoardingByQrMarksThem_AndASecondScanSaysWhen()
    {
        var (tripId, booking) = await CounterSaleAsync("H3", "Manifest Mia");
        var pnr = booking.GetProperty("pnr").GetString()!;
        using var supervisor = app.WithToken(app.StaffToken(Roles.Supervisor));

        var before = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{tripId}/manifest", Ct);
        var row = before.GetProperty("passengers").EnumerateArray().Single(p => p.GetProperty("pnr").GetString() == pnr);
        Assert.Equal(("H3", "Manifest Mia", "+8801912345678", Dhaka, Jashore, true, false),
            (row.GetProperty("seat").GetString(), row.GetProperty("name").GetString(), row.GetProperty("phone").GetString(),
                row.GetProperty("from").GetString(), row.GetProperty("to").GetString(), row.GetProperty("paid").GetBoolean(),
                row.GetProperty("boarded").GetBoolean()));
        Assert.Equal("Jashore", row.GetProperty("toNameEn").GetString());

        var qr = app.Services.GetRequiredService<TicketSigner>().Sign(pnr, tripId, ["H3"]);
        var first = await Json(await supervisor.PostAsJsonAsync($"/api/staff/trips/{tripId}/boardings", new { qr }, Ct));
        var second = await Json(await supervisor.PostAsJsonAsync($"/api/staff/trips/{tripId}/boardings", new { pnr = pnr.ToLowerInvariant() }, Ct));

        Assert.False(first.GetProperty("alreadyBoarded").GetBoolean());
        Assert.True(second.GetProperty("alreadyBoarded").GetBoolean());
        Assert.Equal(first.GetProperty("boardedAt").GetDateTimeOffset(), second.GetProperty("boardedAt").GetDateTimeOffset());
        var after = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{tripId}/manifest", Ct);
        Assert.True(after.GetProperty("passengers").EnumerateArray().Single(p => p.GetProperty("pnr").GetString() == pnr).GetProperty("boarded").GetBoolean());

        var csv = await supervisor.GetStringAsync($"/api/staff/trips/{tripId}/manifest?format=csv", Ct);
        Assert.StartsWith("seat,name,phone", csv.TrimStart('\uFEFF'));
        Assert.Contains("Manifest Mia", csv);
    }

    [Fact]
    public async Task Boarding_OnTheWrongCoach_OrWithAForgedOrOldTicket_IsRefused_AndNothingIsMarked()
    {
        var (tripId, booking) = await CounterSaleAsync("I3", "Wrong Coach");
        var pnr = booking.GetProperty("pnr").GetString()!;
        using var supervisor = app.WithToken(app.StaffToken(Roles.Supervisor));
        var otherTrip = (await KolkataTripsAsync(supervisor, 1))[0].TripId;
        var signer = app.Services.GetRequiredService<TicketSigner>();

        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync($"/api/staff/trips/{otherTrip}/boardings", new { pnr }, Ct),
            HttpStatusCode.Conflict, "wrong-trip");
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync($"/api/staff/trips/{tripId}/boardings",
            new { qr = signer.Sign(pnr, tripId, ["I3"]) + "x" }, Ct), HttpStatusCode.BadRequest, "ticket-invalid");
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync($"/api/staff/trips/{tripId}/boardings",
            new { qr = signer.Sign(pnr, tripId, ["I4"]) }, Ct), HttpStatusCode.Conflict, "ticket-superseded");
        await ProblemAssert.IsProblemAsync(await supervisor.PostAsJsonAsync($"/api/staff/trips/{tripId}/boardings", new { pnr = "DP-??" }, Ct),
            HttpStatusCode.BadRequest, "invalid-pnr");

        var manifest = await supervisor.GetFromJsonAsync<JsonElement>($"/api/staff/trips/{tripId}/manifest", Ct);
        Assert.False(manifest.GetProperty("passengers").EnumerateArray().Single(p => p.GetProperty("pnr").GetString() == pnr).GetProperty("boarded").GetBoolean());
    }
}
