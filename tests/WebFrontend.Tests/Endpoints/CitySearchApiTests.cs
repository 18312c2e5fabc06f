using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>Search by city (and old spellings, and Bangla), the stops autocomplete and the date strip, over the demo network.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CitySearchApiTests(WebAppFixture app)
{
    // Only read here: no holds, so the day can be any day on sale that the holding tests leave alone.
    private static readonly DateOnly Day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(5);
    private static readonly DateOnly Today = ServiceDay.Of(DateTimeOffset.UtcNow);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record StopRef(string Id, string NameEn, string NameBn);

    private sealed record Row(string TripId, string RouteCode, DateTimeOffset Departure, DateTimeOffset Arrival, int Fare, int FreeSeats,
        bool SalesOpen, StopRef FromStop, StopRef ToStop);

    private sealed record Place(string Id, string Type, string NameEn, string NameBn, string? CityId);

    private sealed record CalendarDay(DateOnly Date, string Status, int? LowestFare, int SeatsLeft, int Trips);

    private static async Task<List<Row>> SearchAsync(HttpClient client, string from, string to, DateOnly day) =>
        (await client.GetFromJsonAsync<List<Row>>($"/api/trips?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&date={ServiceDay.Key(day)}", Ct))!;

    private static async Task<List<Place>> PlacesAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<List<Place>>($"/api/stops?q={Uri.EscapeDataString(q)}", Ct))!;

    [Fact]
    public async Task CitySearch_DhakaToKhulna_ListsCoachesFromEveryDhakaCounter_EachNamingItsBoardingCounter()
    {
        using var client = app.NewVisitor();

        var trips = await SearchAsync(client, "dhaka", "khulna", Day);

        Assert.Equal(["dhaka-gabtoli", "dhaka-kalyanpur"], trips.Select(t => t.FromStop.Id).Distinct().Order());
        var byCounter = (await SearchAsync(client, "dhaka-gabtoli", "khulna-sonadanga", Day))
            .Concat(await SearchAsync(client, "dhaka-kalyanpur", "khulna-sonadanga", Day));
        Assert.Equal(byCounter.Select(t => t.TripId).Order(), trips.Select(t => t.TripId).Order());
        Assert.Equal(trips.OrderBy(t => t.Departure).Select(t => t.TripId), trips.Select(t => t.TripId));
        var padma = trips.Single(t => t.TripId == $"DHK-KHL-PB-{Day:yyyyMMdd}-0730");
        Assert.Equal(("dhaka-kalyanpur", "Dhaka (Kalyanpur)", "ঢাকা (কল্যাণপুর)"), (padma.FromStop.Id, padma.FromStop.NameEn, padma.FromStop.NameBn));
        Assert.Equal("khulna-sonadanga", padma.ToStop.Id);
        Assert.Equal(new DateTimeOffset(Day.ToDateTime(new TimeOnly(7, 30)), ServiceDay.DhakaOffset), padma.Departure);
        Assert.Equal(60 + 600, padma.Fare);
    }

    [Fact]
    public async Task CitySearch_FromAStopToACity_BoardsAtThatStop()
    {
        using var client = app.NewVisitor();

        var trips = await SearchAsync(client, "dhaka-arambagh", "khulna", Day);

        Assert.Equal(2, trips.Count);
        Assert.All(trips, t => Assert.Equal(("dhaka-arambagh", "KHL"), (t.FromStop.Id, t.RouteCode.Split('-')[1])));
        Assert.Equal([600, 900], trips.Select(t => t.Fare));
    }

    [Fact]
    public async Task CitySearch_TheOtherWay_SetsDownAtTheFirstDhakaCounter()
    {
        using var client = app.NewVisitor();

        var trips = await SearchAsync(client, "khulna", "dhaka", Day);

        Assert.Equal(4, trips.Count);
        Assert.Equal(["dhaka-arambagh", "dhaka-gabtoli"], trips.Select(t => t.ToStop.Id).Distinct().Order());
        Assert.All(trips, t => Assert.Equal("khulna-sonadanga", t.FromStop.Id));
    }

    [Theory]
    [InlineData("Jessore", "jashore")]
    [InlineData("jashore", "jashore")]
    [InlineData("Chittagong", "chattogram")]
    [InlineData("Barisal", "barishal")]
    [InlineData("Calcutta", "kolkata")]
    [InlineData("ঢাকা", "dhaka")]
    [InlineData("খুলনা", "khulna")]
    [InlineData("Chottogram", "chattogram")]
    [InlineData("kol", "kolkata")]
    public async Task Stops_Q_FindsTheCityByNameOldSpellingBanglaOrPrefix_First(string q, string cityId)
    {
        using var client = app.NewVisitor();

        var places = await PlacesAsync(client, q);

        Assert.Equal(("city", cityId), (places[0].Type, places[0].Id));
    }

    [Fact]
    public async Task Stops_Q_ListsCitiesBeforeStops_AndStopsOfTheCityToo()
    {
        using var client = app.NewVisitor();

        var places = await PlacesAsync(client, "dha");

        Assert.Equal(("city", "dhaka"), (places[0].Type, places[0].Id));
        Assert.Equal(["dhaka-arambagh", "dhaka-gabtoli", "dhaka-kalyanpur", "dhaka-sayedabad"],
            places.Skip(1).Select(p => p.Id).Order());
        Assert.All(places.Skip(1), p => Assert.Equal(("stop", "dhaka"), (p.Type, p.CityId)));
        var gabtoli = await PlacesAsync(client, "gab");
        Assert.Equal(["dhaka-gabtoli"], gabtoli.Select(p => p.Id));
    }

    [Fact]
    public async Task Stops_Q_OffersNoCityWithoutCounters_ButSearchingItIsNoError()
    {
        using var client = app.NewVisitor();

        Assert.Empty(await PlacesAsync(client, "Bogra"));
        Assert.Empty(await SearchAsync(client, "bogura", "dhaka", Day));
    }

    [Theory]
    [InlineData("from=atlantis&to=khulna", "unknown-place", "from")]
    [InlineData("from=dhaka&to=jessore", "unknown-place", "to")]
    [InlineData("from=dhaka&to=dhaka", "same-city", "to")]
    [InlineData("from=dhaka&to=dhaka-gabtoli", "same-city", "to")]
    [InlineData("from=dhaka-kalyanpur&to=dhaka", "same-city", "to")]
    public async Task SearchAndCalendar_WithAnUnknownPlaceOrOneCityToItself_Are400Problems(string query, string code, string field)
    {
        using var client = app.NewVisitor();
        var date = ServiceDay.Key(Day);

        foreach (var path in new[] { "/api/trips", "/api/trips/calendar" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await client.GetAsync($"{path}?{query}&date={date}", Ct), HttpStatusCode.BadRequest, code);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Calendar_GivesEachDaysLowestFareAndSeatsLeft_AsTheDepartureBoardsHaveThem()
    {
        using var client = app.NewVisitor();

        var days = (await client.GetFromJsonAsync<List<CalendarDay>>($"/api/trips/calendar?from=dhaka&to=khulna&date={ServiceDay.Key(Day)}", Ct))!;

        Assert.Equal(Enumerable.Range(-3, 7).Select(Day.AddDays), days.Select(d => d.Date));
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        foreach (var day in days)
        {
            Assert.Equal("open", day.Status);
            // Straight from the boards: the four Dhaka → Khulna coaches of the day, boarding at their first Dhaka counter.
            var board = await grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day.Date)).GetSummariesAsync();
            var legs = board.Where(t => t.RouteCode is "DHK-KHL" or "DHK-KHL-PB")
                .Select(t => (Trip: t, From: t.Stops.ToList().FindIndex(s => s.StopId.StartsWith("dhaka-", StringComparison.Ordinal)),
                    To: t.IndexOf("khulna-sonadanga")))
                .ToList();
            Assert.Equal(4, legs.Count);
            Assert.Equal(legs.Count, day.Trips);
            Assert.Equal(legs.Min(l => l.Trip.FareFor(l.From, l.To)), day.LowestFare);
            Assert.Equal(legs.Sum(l => l.Trip.Availability?.FreeSeats(l.From, l.To) ?? l.Trip.SeatCount), day.SeatsLeft);
        }
        Assert.Equal(660, days[3].LowestFare);
        Assert.Equal(40 + 36 + 40 + 36, days[3].SeatsLeft);
    }

    [Fact]
    public async Task Calendar_MarksDaysBeforeTodayAsPast_AndDaysBeyondTheSalesWindowAsNotYetOnSale()
    {
        using var client = app.NewVisitor();

        var early = (await client.GetFromJsonAsync<List<CalendarDay>>($"/api/trips/calendar?from=dhaka&to=khulna&date={ServiceDay.Key(Today)}", Ct))!;
        var late = (await client.GetFromJsonAsync<List<CalendarDay>>($"/api/trips/calendar?from=dhaka&to=khulna&date={ServiceDay.Key(Today.AddDays(13))}", Ct))!;

        Assert.Equal(["past", "past", "past", "open"], early.Take(4).Select(d => d.Status));
        Assert.All(early.Take(3), d => Assert.Equal((null, 0), (d.LowestFare, d.SeatsLeft)));
        // Trips are on sale for 14 service days (Seeding:DaysAhead), today included: today + 13 is the last.
        Assert.Equal(["open", "notYetOnSale", "notYetOnSale", "notYetOnSale"], late.Skip(3).Select(d => d.Status));
        Assert.Equal((null, 0, 0), (late[^1].LowestFare, late[^1].SeatsLeft, late[^1].Trips));
        Assert.NotNull(late[3].LowestFare);
    }
}
