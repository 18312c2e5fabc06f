using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Hubs;

[Collection(WebAppCollection.Name)]
public sealed class TripsHubTests(WebAppFixture app)
{
    private async Task<(HubConnection Connection, Channel<JsonElement> Changes)> ConnectAsync()
    {
        var changes = Channel.CreateUnbounded<JsonElement>();
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, "/hubs/trips")).Build();
        connection.On<JsonElement>("seatsChanged", e => changes.Writer.TryWrite(e));
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return (connection, changes);
    }

    [Fact]
    public async Task Watch_ReturnsTheSnapshot_ThenEveryChangeArrivesInVersionOrder()
    {
        using var buyer = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(buyer, 8))[0];
        var (connection, changes) = await ConnectAsync();
        await using var _ = connection;

        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", trip.TripId, Jashore, Kolkata, TestContext.Current.CancellationToken);
        var version = snapshot.GetProperty("version").GetInt64();
        Assert.Equal(30, snapshot.GetProperty("seats").GetArrayLength());

        foreach (var seat in new[] { "A1", "A2", "A3" })
        {
            using var visitor = await app.NewPassengerAsync();
            var response = await visitor.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
                new { seats = new[] { seat }, from = Dhaka, to = Benapole, requestId = Guid.NewGuid().ToString() });
            response.EnsureSuccessStatusCode();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var seat in new[] { "A1", "A2", "A3" })
        {
            var change = await changes.Reader.ReadAsync(timeout.Token);
            Assert.Equal(++version, change.GetProperty("version").GetInt64());
            var timeline = change.GetProperty("changes").EnumerateArray().Where(c => c.GetProperty("seat").GetString() == seat).ToList();
            // The seat's whole timeline: held Dhaka→Benapole (one run across two legs), free Benapole→Kolkata.
            Assert.Contains(timeline, c => c.GetProperty("from").GetString() == Dhaka && c.GetProperty("to").GetString() == Benapole
                && c.GetProperty("state").GetString() == "held");
            Assert.Contains(timeline, c => c.GetProperty("from").GetString() == Benapole && c.GetProperty("state").GetString() == "free");
        }
    }

    [Fact]
    public async Task Watch_OfAnUnknownTrip_IsAHubError_AndTheConnectionStaysUsable()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 8))[1];
        var (connection, _) = await ConnectAsync();
        await using var _c = connection;

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<JsonElement>("Watch", "NOPE-1", Dhaka, Jashore, TestContext.Current.CancellationToken));
        Assert.Contains("no trip", error.Message);

        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", trip.TripId, Dhaka, Jashore, TestContext.Current.CancellationToken);
        Assert.Equal(trip.TripId, snapshot.GetProperty("tripId").GetString());
    }

    [Fact]
    public async Task ManyBrowsersOnOneTrip_ShareOneGrainWatch_ThatEndsWithTheLastViewer()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 9))[0];
        var watches = (global::DiuParibahan.WebFrontend.Live.TripWatchService)app.Services.GetService(typeof(global::DiuParibahan.WebFrontend.Live.TripWatchService))!;
        var viewers = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
        {
            var (connection, _) = await ConnectAsync();
            viewers.Add(connection);
            await connection.InvokeAsync<JsonElement>("Watch", trip.TripId, Dhaka, Jashore, TestContext.Current.CancellationToken);
        }

        Assert.Single(watches.WatchedTrips, trip.TripId);

        foreach (var viewer in viewers)
        {
            await viewer.InvokeAsync("Unwatch", trip.TripId, TestContext.Current.CancellationToken);
            await viewer.DisposeAsync();
        }
        Assert.DoesNotContain(trip.TripId, watches.WatchedTrips);
    }
}
