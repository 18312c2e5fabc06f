using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Queue;

/// <summary>Helpers for the waiting-room tests: a route and day of their own per test, windows, trips to hold and sell out.</summary>
public static class SaleWindows
{
    private static int _day = 1;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A route of the network and a service day no other waiting-room test uses (trips exist on it).</summary>
    public static async Task<(string RouteId, DateOnly Day)> FreshRouteDayAsync(this QueueAppFixture app)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var n = Interlocked.Increment(ref _day);
        var routes = (await grains.GetGrain<ICatalogGrain>("network").GetNetworkAsync()).Routes;
        var route = routes[n % routes.Count];
        return (route.Id, ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(2 + n / routes.Count));
    }

    public static HttpClient Ops(this QueueAppFixture app) => app.WithToken(app.StaffToken(Roles.Ops));

    public static object Body(string routeId, DateOnly day, DateTimeOffset opensAt, int perMinute = 60, string validity = "00:10:00",
        int? counterSeatsPerTrip = null) => new
    {
        routeIds = new[] { routeId },
        travelDates = new[] { ServiceDay.Key(day) },
        opensAt,
        admissionPerMinute = perMinute,
        admissionValidity = validity,
        counterSeatsPerTrip,
    };

    /// <summary>Announces a window through the ops API and returns its id.</summary>
    public static async Task<string> AnnounceAsync(this QueueAppFixture app, string routeId, DateOnly day, DateTimeOffset opensAt, int perMinute = 60)
    {
        using var ops = app.Ops();
        var response = await ops.PostAsJsonAsync("/api/admin/sale-windows", Body(routeId, day, opensAt, perMinute), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>The departures of the route on the day, from its departure board.</summary>
    public static async Task<IReadOnlyList<DepartureSummary>> TripsAsync(this QueueAppFixture app, string routeId, DateOnly day)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var board = await grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).GetSummariesAsync();
        return board.Where(s => s.RouteId == routeId).ToList();
    }

    /// <summary>Blocks every seat of every trip of the route on the day, end to end: the window's trips are sold out.</summary>
    public static async Task SellOutAsync(this QueueAppFixture app, string routeId, DateOnly day)
    {
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        foreach (var trip in await app.TripsAsync(routeId, day))
        {
            var grain = grains.GetGrain<ITripGrain>(trip.TripId);
            var definition = (await grain.GetDefinitionAsync())!;
            var result = await grain.BlockAsync(new BlockSeats(definition.Layout.Seats.Select(s => s.Label).ToList(),
                definition.Stops[0].StopId, definition.Stops[^1].StopId, "sold out for the test"));
            Assert.Null(result.Failure);
        }
    }
}
