using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Security;

[Collection(WebAppCollection.Name)]
public sealed class HubAuthTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> WatchAsync(string url, string tripId, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, url), o => configure?.Invoke(o)).Build();
        await using var _ = connection;
        await connection.StartAsync(Ct);
        return await connection.InvokeAsync<JsonElement>("Watch", tripId, Dhaka, Kolkata, Ct);
    }

    private static bool Mine(JsonElement map, string seat) =>
        map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat).GetProperty("mine").GetBoolean();

    [Fact]
    public async Task Hub_WithTheAccessTokenInTheQuery_KnowsTheUser_WithoutAnyCookie()
    {
        var session = await app.SignInByCodeAsync();
        using var client = app.WithToken(session.AccessToken);
        var trip = (await KolkataTripsAsync(client, 10))[0];
        (await client.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
            new { seats = new[] { "E1" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString() }, Ct)).EnsureSuccessStatusCode();

        var signedIn = await WatchAsync($"/hubs/trips?access_token={session.AccessToken}", trip.TripId);
        var anonymous = await WatchAsync("/hubs/trips", trip.TripId);

        Assert.True(Mine(signedIn, "E1"));
        Assert.False(Mine(anonymous, "E1"));
    }

    [Fact]
    public async Task Hub_WithTheAccessTokenFromTheClientsTokenFactory_KnowsTheUser()
    {
        var session = await app.SignInByCodeAsync();
        using var client = app.WithToken(session.AccessToken);
        var trip = (await KolkataTripsAsync(client, 11))[0];
        (await client.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
            new { seats = new[] { "E2" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString() }, Ct)).EnsureSuccessStatusCode();

        var map = await WatchAsync("/hubs/trips", trip.TripId, o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.AccessToken));

        Assert.True(Mine(map, "E2"));
    }
}
