using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>The sales window the search page words "sales open on …" with is the one trips are really created for.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SalesWindowApiTests(WebAppFixture app)
{
    [Fact]
    public async Task SalesWindow_NamesTheLastDayWithTrips_AndTheDayAfterHasNone()
    {
        using var client = app.NewVisitor();

        var window = await client.GetFromJsonAsync<JsonElement>("/api/sales-window", TestContext.Current.CancellationToken);
        var days = window.GetProperty("daysAhead").GetInt32();

        Assert.Equal(ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(days - 1)), window.GetProperty("lastDay").GetString());
        Assert.NotEmpty(await KolkataTripsAsync(client, days - 1));
        Assert.Empty(await KolkataTripsAsync(client, days));
    }
}
