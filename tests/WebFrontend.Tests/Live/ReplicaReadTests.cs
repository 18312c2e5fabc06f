using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Live;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Live;

/// <summary>
/// Seat maps from the frontend's replica over the real app: read-your-writes through the version a write answers with,
/// monotonic reads, resync when the trip itself changes, and monotonic reads across a restart onto a new frontend.
/// </summary>
public sealed class ReplicaReadTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("dp-replica-").FullName;

    private string DatabasePath => Path.Combine(_dataDir, "app.db");

    /// <summary>
    /// The app on this test's data folder. Replica reads wait up to 5 s and holds last 10 min, so a busy machine (or a
    /// slow restart) cannot flake the assertions.
    /// </summary>
    private sealed class AppOn(string databasePath) : WebAppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Orleans:DataPath", databasePath), new("Replicas:Enabled", "true"), new("Replicas:ReadWait", "00:00:05"),
                new("Trips:OnlineHoldDuration", "00:10:00")];
    }

    private sealed record Read(long Version, string Source, JsonElement Map);

    private static async Task<Read> SeatsAsync(HttpClient client, string tripId, long minVersion = 0)
    {
        var response = await client.GetAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Kolkata}"
            + (minVersion > 0 ? $"&minVersion={minVersion}" : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = map.GetProperty("version").GetInt64();
        Assert.Equal(version.ToString(), response.Headers.GetValues(TripVersionHeaders.Version).Single());
        return new Read(version, response.Headers.GetValues(TripVersionHeaders.Source).Single(), map);
    }

    private static string StateOf(Read read, string seat) =>
        read.Map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat).GetProperty("state").GetString()!;

    private static async Task<long> HoldAsync(HttpClient passenger, string tripId, string seat)
    {
        var response = await passenger.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats = new[] { seat }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString("N") });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return long.Parse(response.Headers.GetValues(TripVersionHeaders.Version).Single());
    }

    /// <summary>Reads once (starting the trip's watch) and waits until this frontend's replica of it is fresh.</summary>
    private static async Task ReplicaUpAsync(WebAppFixture app, HttpClient client, string tripId)
    {
        await SeatsAsync(client, tripId);
        var replica = app.Services.GetRequiredService<TripWatchService>().ReplicaOf(tripId)!;
        Assert.NotNull(await replica.WaitForAsync(0, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    /// <remarks>
    /// Each client is fenced at what it has seen: Alice asks for her hold's version and sees her hold; the visitor has
    /// seen nothing of the trip, asks for nothing and is answered from the replica at whatever version it holds.
    /// </remarks>
    [Fact]
    public async Task Hold_AnswersWithItsVersion_AndItsClientsReadAskingForItSeesTheHold_FromTheReplica()
    {
        await using var app = new AppOn(DatabasePath);
        await app.InitializeAsync();
        using var alice = await app.NewPassengerAsync();
        using var visitor = app.NewVisitor();
        var tripId = (await KolkataTripsAsync(alice, 3))[0].TripId;
        await ReplicaUpAsync(app, visitor, tripId);

        var version = await HoldAsync(alice, tripId, "B2");
        var mine = await SeatsAsync(alice, tripId, version);
        var theirs = await SeatsAsync(visitor, tripId);

        Assert.Equal("replica", mine.Source);
        Assert.True(mine.Version >= version);
        Assert.Equal("held", StateOf(mine, "B2"));
        Assert.True(mine.Map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "B2").GetProperty("mine").GetBoolean());
        Assert.Single(mine.Map.GetProperty("myHolds").EnumerateArray());
        Assert.Equal("replica", theirs.Source);
        Assert.False(theirs.Map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == "B2").GetProperty("mine").GetBoolean());
        Assert.Empty(theirs.Map.GetProperty("myHolds").EnumerateArray());
    }

    /// <remarks>
    /// The hold's answer carries its change, which the endpoint applies to the replica before answering; the stream
    /// may bring it too, later or (on a fast machine) earlier, but the replica must hold it by the time the client hears.
    /// </remarks>
    [Fact]
    public async Task HoldAndRelease_ReachThisFrontendsReplica_BeforeTheirAnswers()
    {
        await using var app = new AppOn(DatabasePath);
        await app.InitializeAsync();
        using var alice = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(alice, 6))[0].TripId;
        await ReplicaUpAsync(app, alice, tripId);
        var replica = app.Services.GetRequiredService<TripWatchService>().ReplicaOf(tripId)!;
        var ct = TestContext.Current.CancellationToken;

        var response = await alice.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats = new[] { "E1" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString("N") }, ct);
        var heldAt = long.Parse(response.Headers.GetValues(TripVersionHeaders.Version).Single());
        var held = await replica.WaitForAsync(heldAt, TimeSpan.Zero, ct);
        Assert.NotNull(held);
        Assert.Equal(SeatState.Held, held.SeatMap(Dhaka, Kolkata, null, DateTimeOffset.UtcNow)!.Seats.Single(s => s.Seat == "E1").State);

        var hold = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var released = await alice.DeleteAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}", ct);
        var releasedAt = long.Parse(released.Headers.GetValues(TripVersionHeaders.Version).Single());
        var free = await replica.WaitForAsync(releasedAt, TimeSpan.Zero, ct);
        Assert.NotNull(free);
        Assert.Equal(SeatState.Free, free.SeatMap(Dhaka, Kolkata, null, DateTimeOffset.UtcNow)!.Seats.Single(s => s.Seat == "E1").State);
    }

    [Fact]
    public async Task Read_AskingForAVersionTheTripNeverReached_FallsThroughToTheGrain()
    {
        await using var app = new AppOn(DatabasePath);
        await app.InitializeAsync();
        using var visitor = app.NewVisitor();
        var tripId = (await KolkataTripsAsync(visitor, 3))[1].TripId;
        await ReplicaUpAsync(app, visitor, tripId);
        var replica = app.Services.GetRequiredService<TripWatchService>().ReplicaOf(tripId)!;

        var ahead = replica.Version + 1_000;
        var started = TimeProvider.System.GetTimestamp();
        var read = await SeatsAsync(visitor, tripId, ahead);

        Assert.Equal("grain", read.Source);
        Assert.Equal(replica.Version, read.Version);
        // It waited for the replica (up to ReadWait) and not much past it.
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Read_WithAMalformedMinVersion_Is400()
    {
        await using var app = new AppOn(DatabasePath);
        await app.InitializeAsync();
        using var visitor = app.NewVisitor();
        var tripId = (await KolkataTripsAsync(visitor, 3))[0].TripId;

        var response = await visitor.GetAsync($"/api/trips/{tripId}/seats?from={Dhaka}&to={Kolkata}&minVersion=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SuccessiveReads_NeverGoBack_AndReleasesReachTheReplicaInOrder()
    {
        await using var app = new AppOn(DatabasePath);
        await app.InitializeAsync();
        using var alice = await app.NewPassengerAsync();
        var tripId = (await KolkataTripsAsync(alice, 4))[0].TripId;
        await ReplicaUpAsync(app, alice, tripId);

        long seen = 0;
        foreach (var seat in new[] { "C1", "C2", "C3" })
        {
            var response = await alice.PostAsJsonAsync($"/api/trips/{tripId}/holds",
                new { seats = new[] { seat }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString("N") });
            var hold = await response.Content.ReadFromJsonAsync<JsonElement>();
            var released = await alice.DeleteAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}");
            Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
            var version = long.Parse(released.Headers.GetValues(TripVersionHeaders.Version).Single());
            var read = await SeatsAsync(alice, tripId, Math.Max(seen, version));
            Assert.True(read.Version >= seen);
            Assert.True(read.Version >= version);
            Assert.Equal("free", StateOf(read, seat));
            seen = read.Version;
        }
    }

    [Fact]
    public async Task MonotonicReads_HoldAcrossARestartOntoANewFrontend()
    {
        string tripId;
        long seen;
        await using (var first = new AppOn(DatabasePath))
        {
            await first.InitializeAsync();
            using var alice = await first.NewPassengerAsync();
            using var visitor = first.NewVisitor();
            tripId = (await KolkataTripsAsync(alice, 5))[0].TripId;
            await ReplicaUpAsync(first, visitor, tripId);
            var version = await HoldAsync(alice, tripId, "D3");
            var read = await SeatsAsync(visitor, tripId, version);
            Assert.Equal("replica", read.Source);
            seen = read.Version;
        }

        await using var second = new AppOn(DatabasePath);
        await second.InitializeAsync();
        using var again = second.NewVisitor();
        // The client carries the newest version it saw; the new frontend has no replica yet and must not answer older.
        var afterRestart = await SeatsAsync(again, tripId, seen);
        Assert.True(afterRestart.Version >= seen);
        Assert.Equal("held", StateOf(afterRestart, "D3"));
        await ReplicaUpAsync(second, again, tripId);
        var later = await SeatsAsync(again, tripId, afterRestart.Version);
        Assert.Equal("replica", later.Source);
        Assert.True(later.Version >= afterRestart.Version);
        Assert.Equal("held", StateOf(later, "D3"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
