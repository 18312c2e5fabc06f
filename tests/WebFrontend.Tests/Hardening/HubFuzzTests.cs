using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>Hub methods called with nulls, wrong types and unknown ids: an error to that caller, the connection lives on, nothing is activated.</summary>
[Collection(HardeningCollection.Name)]
public sealed class HubFuzzTests(HardeningAppFixture app)
{
    private async Task<HubConnection> ConnectAsync()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.ServerAddress, TripsHub.Path)).Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    public static TheoryData<object?[]> BadWatchArguments() => new()
    {
        new object?[] { null, null, null },
        new object?[] { null, Dhaka, Kolkata },
        new object?[] { "", Dhaka, Kolkata },
        new object?[] { " ", Dhaka, Kolkata },
        new object?[] { "\u0000", Dhaka, Kolkata },
        new object?[] { new string('A', 3000), Dhaka, Kolkata },
        new object?[] { "DHK-KOL-20261207-0001", Dhaka, Kolkata },
        new object?[] { "INVENTED-20261207-2230", Dhaka, Kolkata },
        new object?[] { "../../trip", Dhaka, Kolkata },
        new object?[] { 42, Dhaka, Kolkata },
        new object?[] { true, 1.5, new[] { 1 } },
        new object?[] { new { tripId = "x" }, Dhaka, Kolkata },
        new object?[] { "DHK-KOL-20261207-0001" },
        new object?[] { },
    };

    [Theory]
    [MemberData(nameof(BadWatchArguments))]
    public async Task Watch_WithBadArguments_IsAHubErrorToTheCaller_TheConnectionStaysUsable_AndNoTripIsActivated(object?[] arguments)
    {
        var ct = TestContext.Current.CancellationToken;
        using var ops = app.WithToken(app.StaffToken("ops"));
        var before = await TripActivationsAsync(ops);
        var errorsBefore = app.Errors.Entries.Count;
        await using var connection = await ConnectAsync();

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync<JsonElement>("Watch", arguments, ct));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync("Unwatch", arguments.Take(1).ToArray(), ct));

        Assert.True(await TripActivationsAsync(ops) <= before, "A trip grain was activated.");
        // A refusal is the caller's error, not the server's: nothing lands in the error log.
        Assert.Equal(errorsBefore, app.Errors.Entries.Count);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        using var visitor = app.NewVisitor();
        var trip = (await KolkataTripsAsync(visitor, 5))[0];
        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", trip.TripId, Dhaka, Kolkata, ct);
        Assert.True(snapshot.GetProperty("seats").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Watch_MoreTripsThanTheCap_IsRefused_UntilOneIsUnwatched()
    {
        var ct = TestContext.Current.CancellationToken;
        using var visitor = app.NewVisitor();
        var trips = new List<string>();
        for (var day = 1; trips.Count <= TripsHub.MaxWatchedTrips && day < 14; day++)
        {
            trips.AddRange((await KolkataTripsAsync(visitor, day)).Select(t => t.TripId));
        }
        Assert.True(trips.Count > TripsHub.MaxWatchedTrips, "The demo network has too few trips for this test.");
        await using var connection = await ConnectAsync();
        foreach (var trip in trips.Take(TripsHub.MaxWatchedTrips))
        {
            await connection.InvokeAsync<JsonElement>("Watch", trip, Dhaka, Kolkata, ct);
        }

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<JsonElement>("Watch", trips[TripsHub.MaxWatchedTrips], Dhaka, Kolkata, ct));
        await connection.InvokeAsync("Unwatch", trips[0], ct);
        var snapshot = await connection.InvokeAsync<JsonElement>("Watch", trips[TripsHub.MaxWatchedTrips], Dhaka, Kolkata, ct);

        Assert.Contains($"{TripsHub.MaxWatchedTrips}", refused.Message);
        Assert.True(snapshot.GetProperty("seats").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Watch_WithAMessageOverTheSizeLimit_ClosesThatConnection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await ConnectAsync();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        var oversized = new string('A', (int)LiveExtensions.MaxReceiveMessageBytes * 2);
        var call = connection.InvokeCoreAsync<JsonElement>("Watch", [oversized, Dhaka, Kolkata], ct);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private static async Task<int> TripActivationsAsync(HttpClient ops)
    {
        var cluster = await ops.GetFromJsonAsync<JsonElement>("/api/reports/cluster", TestContext.Current.CancellationToken);
        return cluster.GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("tripActivations").GetInt32());
    }
}
