using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Cluster.Tests.Fixtures;

namespace DiuParibahan.Cluster.Tests;

/// <summary>
/// Fault drills on a real cluster built by deploy/cluster.sh: kill -9 of a silo, a PostgreSQL restart, a frontend
/// restart and a silo joining, each under continuous hold/release load through nginx. Each test uses its own trips
/// (another service day) and starts with `up`, which brings back whatever an earlier drill killed.
/// </summary>
public sealed class ClusterFaultTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillNineOfASilo_UnderLoad_LosesNoAcknowledgedHold_AndItsTripsAndWatchersRecoverWithin30Seconds()
    {
        await cluster.UpAsync();
        using var client = cluster.PublicClient();
        var trips = await DemoTrip.FindAsync(client, daysAhead: 2, count: 8, Token);
        await using var watcher = await SeatWatcher.StartAsync(cluster, trips[0], Token);
        await using var load = new HoldLoad(cluster, trips);
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(60));

        var placement = new Dictionary<string, int?>();
        foreach (var trip in trips)
        {
            placement[trip.TripId] = await cluster.SiloOfTripAsync(trip.TripId, Token);
        }
        var victim = placement[trips[0].TripId] ?? throw new InvalidOperationException("The watched trip is not active anywhere.");
        var affected = trips.Where(t => placement[t.TripId] == victim).ToList();
        var deltasBefore = watcher.Deltas;

        var killed = Stopwatch.StartNew();
        await cluster.ScriptAsync("kill-silo", victim.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var recovery = await WaitUntilAllServeAsync(client, affected, TimeSpan.FromSeconds(45));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"kill -9 silo-{victim}: {affected.Count} trips served again after {recovery.TotalSeconds:F1} s");
        Assert.True(recovery < TimeSpan.FromSeconds(30), $"The killed silo's trips took {recovery.TotalSeconds:F1} s to serve again.");

        // The watcher's frontend reopens the grain stream on the reactivated trip: live deltas flow again.
        var deltasAtRecovery = watcher.Deltas;
        await watcher.WaitUntilAsync(w => w.Deltas > deltasAtRecovery, TimeSpan.FromSeconds(30), "no live change reached the watcher after recovery");
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(30));
        await load.StopAsync();

        await AssertViewEqualsGrainAsync(client, watcher, trips[0]);
        await load.VerifyHistoryAsync(Token);
        Assert.True(watcher.Deltas > deltasBefore);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"load: {load.Acknowledged.Count} holds acknowledged, {FailuresOf(load.Events).Count()} failed requests in all");
    }

    [Fact]
    public async Task AddSilo_UnderLoad_FailsNoRequest_AndNewTripsActivateOnIt()
    {
        await cluster.UpAsync();
        using var client = cluster.PublicClient();
        var trips = await DemoTrip.FindAsync(client, daysAhead: 3, count: 8, Token);
        await using var load = new HoldLoad(cluster, trips);
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(60));

        var joinStarted = load.Now;
        var output = await cluster.ScriptAsync(TimeSpan.FromMinutes(3), "add-silo");
        var joined = load.Now;
        TestContext.Current.TestOutputHelper?.WriteLine($"add-silo took {(joined - joinStarted).TotalSeconds:F1} s");
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(30));

        // Seeding activated every trip on the first silos; trips that activate afresh now are placed over all silos,
        // the new one included. With 20 of them and random placement over 3 silos, missing the new one has odds of
        // (2/3)^20 ≈ 0.03 % per round, once every silo knows the newcomer; the new silo's grain types reach the others a
        // moment after it shows Active, so up to three rounds (on different days' trips) are given.
        var newest = int.Parse(output.Split("silo-")[^1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<(int Index, string Status, int Trips)> silos = [];
        var addedTrips = 0;
        for (var round = 0; round < 3 && addedTrips == 0; round++)
        {
            var fresh = (await DemoTrip.FindAsync(client, daysAhead: 6 + 2 * round, count: 10, Token))
                .Concat(await DemoTrip.FindAsync(client, daysAhead: 7 + 2 * round, count: 10, Token));
            foreach (var trip in fresh)
            {
                await cluster.PostAdminAsync($"/api/admin/trips/{trip.TripId}/deactivate", Token);
                (await client.GetAsync(trip.SeatsPath, Token)).EnsureSuccessStatusCode();
            }
            silos = await cluster.SilosAsync(Token);
            addedTrips = silos.Single(s => s.Index == newest && s.Status == "Active").Trips;
        }
        await load.StopAsync();

        var failures = FailuresOf(load.Between(joinStarted, load.Now)).ToList();
        Assert.True(failures.Count == 0, $"Requests failed while the silo joined: {string.Join("; ", failures.Take(5))}");
        await load.VerifyHistoryAsync(Token);
        Assert.True(addedTrips > 0, $"No trip activated on the new silo-{newest}: {string.Join(", ", silos)}");
    }

    [Fact]
    public async Task PostgresRestart_UnderLoad_Answers503DuringTheOutage_SucceedsAfter_AndLosesNothingAcknowledged()
    {
        await cluster.UpAsync();
        using var client = cluster.PublicClient();
        var trips = await DemoTrip.FindAsync(client, daysAhead: 4, count: 6, Token);
        await using var load = new HoldLoad(cluster, trips);
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(60));

        await cluster.ScriptAsync("stop-postgres");
        var down = load.Now;
        // The outage itself: no database while the load keeps going, until the load has been answered 503 several times
        // (the condition the assertions below are about) rather than for a fixed time.
        await load.WaitForEventsAsync(down + TimeSpan.FromSeconds(1),
            e => e.Kind is "hold" or "release" && e.Status == HttpStatusCode.ServiceUnavailable, count: 5, TimeSpan.FromSeconds(60));
        var restarting = load.Now;
        await cluster.UpAsync();
        var restarted = load.Now;
        await load.WaitForProgressAsync(20, TimeSpan.FromSeconds(60));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"first hold acknowledged {(load.Acknowledged.Count > 0 ? "" : "never ")}after restart; up took {(restarted - restarting).TotalSeconds:F1} s");
        await load.StopAsync();

        var duringOutage = load.Between(down + TimeSpan.FromSeconds(1), restarting)
            .Where(e => e.Kind is "hold" or "release").ToList();
        Assert.Contains(duringOutage, e => e.Status == HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain(duringOutage, e => e.Status is HttpStatusCode.Created or HttpStatusCode.NoContent);
        Assert.All(duringOutage, e => Assert.True(
            e.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict or null,
            $"During the outage a {e.Kind} answered {e.Status}."));
        Assert.Contains(load.Between(restarted, load.Now), e => e.Kind == "hold" && e.Status == HttpStatusCode.Created);
        await load.VerifyHistoryAsync(Token);
    }

    [Fact]
    public async Task FrontendRestart_WhileWatched_TheWatcherReconnectsThroughNginx_AndResyncs()
    {
        await cluster.UpAsync();
        using var client = cluster.PublicClient();
        var trips = await DemoTrip.FindAsync(client, daysAhead: 5, count: 2, Token);
        await using var watcher = await SeatWatcher.StartAsync(cluster, trips[0], Token);
        var frontend = await FrontendWatchingAsync(trips[0].TripId);
        await using var load = new HoldLoad(cluster, trips, workers: 2);
        await load.WaitForProgressAsync(5, TimeSpan.FromSeconds(60));

        await cluster.ScriptAsync("kill-frontend", frontend.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await watcher.WaitUntilAsync(w => w.Reconnects > 0, TimeSpan.FromSeconds(30), "the watcher did not reconnect through nginx");
        await cluster.UpAsync();
        var deltas = watcher.Deltas;
        await watcher.WaitUntilAsync(w => w.Deltas > deltas, TimeSpan.FromSeconds(30), "no live change reached the reconnected watcher");
        await load.StopAsync();

        await AssertViewEqualsGrainAsync(client, watcher, trips[0]);
        await load.VerifyHistoryAsync(Token);
    }

    private async Task<int> FrontendWatchingAsync(string tripId)
    {
        for (var j = 1; j <= 4; j++)
        {
            try
            {
                var status = await cluster.AdminAsync(j, "/api/admin/frontend", Token);
                if (status.GetProperty("watchedTrips").EnumerateArray().Any(t => t.GetString() == tripId))
                {
                    return j;
                }
            }
            catch (HttpRequestException)
            {
                // Not running (an earlier drill may have grown or shrunk the cluster).
            }
        }
        throw new InvalidOperationException($"No frontend watches {tripId}.");
    }

    private static IEnumerable<LoadEvent> FailuresOf(IEnumerable<LoadEvent> events) =>
        events.Where(e => e.Status is null || (int)e.Status >= 500);

    private static async Task<TimeSpan> WaitUntilAllServeAsync(HttpClient client, IReadOnlyList<DemoTrip> trips, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var pending = trips.ToList();
        while (pending.Count > 0)
        {
            Assert.True(clock.Elapsed < limit, $"{pending.Count} trips still not serving after {limit}.");
            foreach (var trip in pending.ToList())
            {
                try
                {
                    using var response = await client.GetAsync(trip.SeatsPath, Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        pending.Remove(trip);
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!Token.IsCancellationRequested)
                {
                }
            }
            if (pending.Count > 0)
            {
                await Task.Delay(200, Token);
            }
        }
        return clock.Elapsed;
    }

    // Once the load is quiet the watcher catches up; its view must then be the grain's seat map, seat for seat. It waits
    // for the watcher to reach the grain's version (woken by each change it receives); should the grain move on
    // meanwhile (a hold expiring), it reads the grain again.
    private static async Task AssertViewEqualsGrainAsync(HttpClient client, SeatWatcher watcher, DemoTrip trip)
    {
        while (true)
        {
            var map = await client.GetFromJsonAsync<JsonElement>(trip.SeatsPath, Token);
            var version = map.GetProperty("version").GetInt64();
            var grain = map.GetProperty("seats").EnumerateArray()
                .ToDictionary(s => s.GetProperty("seat").GetString()!, s => s.GetProperty("state").GetString()!);
            await watcher.WaitUntilAsync(w => w.Version >= version, TimeSpan.FromSeconds(20),
                $"The watcher stayed at version {watcher.Version}; the grain is at {version}.");
            if (watcher.Version == version)
            {
                Assert.Equal(grain.OrderBy(s => s.Key), watcher.Seats.OrderBy(s => s.Key));
                return;
            }
        }
    }
}
