using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

[Collection(WebAppCollection.Name)]
public sealed class CatalogApiTests(WebAppFixture app)
{
    [Fact]
    public async Task Stops_ListTheDemoNetworkInEnglishAndBangla()
    {
        using var client = app.NewVisitor();

        var stops = JsonDocument.Parse(await client.GetStringAsync("/api/stops")).RootElement.EnumerateArray().ToList();

        Assert.Equal(13, stops.Count);
        var benapole = stops.Single(s => s.GetProperty("id").GetString() == Benapole);
        Assert.Equal("বেনাপোল", benapole.GetProperty("nameBn").GetString());
    }

    [Fact]
    public async Task Search_ForAMiddleLeg_ReturnsTripsWithTheLegsTimesAndFare()
    {
        using var client = app.NewVisitor();
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(2);

        var trips = (await client.GetFromJsonAsync<List<Listing>>($"/api/trips?from={Jashore}&to={Benapole}&date={ServiceDay.Key(day)}"))!;

        Assert.Equal(2, trips.Count);
        Assert.All(trips, t => Assert.StartsWith("DHK-KOL-", t.TripId));
        Assert.All(trips, t => Assert.Equal(TimeSpan.FromMinutes(90), t.Arrival - t.Departure));
        // The night coach of the day before reaches Jashore after midnight, so it is this day's first departure there.
        Assert.Equal([250, 350], trips.Select(t => t.Fare).ToArray());
        Assert.Equal(ServiceDay.Key(day.AddDays(-1)).Replace("-", ""), trips[0].TripId.Split('-')[2]);
        Assert.All(trips, t => Assert.Equal(t.TotalSeats, t.FreeSeats));
        Assert.All(trips, t => Assert.True(t.SalesOpen));
    }

    [Fact]
    public async Task TripDetail_HasStopsInOrderAndTheCoachLayout()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 2))[0];

        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{trip.TripId}")).RootElement;

        Assert.Equal([Dhaka, Jashore, Benapole, Kolkata],
            detail.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("stopId").GetString()).ToArray());
        Assert.Equal(30, detail.GetProperty("layout").GetProperty("seats").GetArrayLength());
        Assert.Equal(4, detail.GetProperty("holdLimits").GetProperty("maxSeatsPerHold").GetInt32());
    }

    [Theory]
    [InlineData("/api/trips?from=dhaka-kalyanpur&to=jashore&date=27-11-2026", "invalid-request")]
    [InlineData("/api/trips?from=dhaka-kalyanpur&to=jashore", "invalid-request")]
    [InlineData("/api/trips?from=atlantis&to=jashore&date=2026-12-01", "unknown-place")]
    [InlineData("/api/trips?from=dhaka-gabtoli&to=dhaka-gabtoli&date=2026-12-01", "invalid-leg")]
    [InlineData("/api/trips?from=jashore&to=jashore&date=2026-12-01", "same-city")]
    public async Task Search_WithBadInput_Returns400Problem(string url, string code)
    {
        using var client = app.NewVisitor();

        await ProblemAssert.IsProblemAsync(await client.GetAsync(url), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task UnknownTrip_Is404Problem()
    {
        using var client = app.NewVisitor();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/trips/NOPE-1"), HttpStatusCode.NotFound, "trip-not-found");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/trips/NOPE-1/seats?from=a&to=b"), HttpStatusCode.NotFound, "trip-not-found");
    }

    [Fact]
    public async Task HealthAndOpenApi_AreServed()
    {
        using var client = app.NewVisitor();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/trips/{tripId}/holds", out _));
    }
}
