using System.Diagnostics;
using System.Net.Http.Json;
using DiuParibahan.Benchmarks;
using DiuParibahan.Benchmarks.Baseline;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using DiuParibahan.Benchmarks.Report;
using DiuParibahan.Benchmarks.Scenarios;
using DiuParibahan.Benchmarks.Systems;
using DiuParibahan.Testing;
using DiuParibahan.Testing.History;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// ./bench.sh [all|eid|holds|fanout|soak|scale|overload|queue|reports] [--smoke] [--volatile-postgres] [--queue-size=N]: our system and the row-lock baseline side by side, results in
// docs/benchmarks.md. `queue` and `reports` are not part of `all`: the waiting room blocks its trips, the reports need a generated year of data.
if (args.FirstOrDefault() == QueueFollowers.ChildCommand)
{
    // A waiting-room load-generator child started by the queue scenario, not a scenario of its own.
    return await QueueFollowers.RunChildAsync(args[1..]);
}
var scenario = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
string[] known = ["all", "eid", "holds", "fanout", "soak", "scale", "overload", "queue", "reports"];
if (!known.Contains(scenario))
{
    Console.Error.WriteLine($"usage: bench.sh [{string.Join('|', known)}] [--smoke] [--volatile-postgres] [--queue-size=N]");
    return 2;
}
bool Runs(string name) => scenario == "all" || scenario == name;
var options = args.Contains("--smoke") ? BenchOptions.SmokeRun : new BenchOptions();
// `queue --queue-size=N`: fewer (or more) waiters and followers, to find the largest size a machine completes.
if (args.FirstOrDefault(a => a.StartsWith("--queue-size=")) is { } queueSize)
{
    options = options with { QueueWaiters = int.Parse(queueSize["--queue-size=".Length..], System.Globalization.CultureInfo.InvariantCulture) };
}
var clock = Stopwatch.StartNew();
void Progress(string message) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {message}");

var root = FindRepositoryRoot();
if (scenario == "reports")
{
    return await DiuParibahan.Benchmarks.Reports.ReportBenchmark.RunAsync(root, args.Contains("--smoke"), Progress);
}
var logs = Directory.CreateTempSubdirectory("dp-bench-").FullName;
Progress($"scenario {scenario}{(options.Smoke ? " (smoke: tiny parameters)" : "")}; child process logs in {logs}");

// Production durability for both systems unless asked otherwise: every acknowledged write has reached the disk.
var durable = !args.Contains("--volatile-postgres");
var postgres = new PostgresServer { Durable = durable };
await postgres.InitializeAsync();
Console.CancelKeyPress += (_, _) =>
{
    // Interrupted: leave no silo, frontend or PostgreSQL behind.
    ChildProcess.KillAll();
    postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
};
try
{
    var ourDatabase = await postgres.CreateDatabaseAsync("diuparibahan");
    var baselineDatabase = await postgres.CreateDatabaseAsync("baseline");
    string postgresVersion;
    await using (var db = NpgsqlDataSource.Create(baselineDatabase))
    {
        postgresVersion = "PostgreSQL " + (string)(await db.CreateCommand("SHOW server_version").ExecuteScalarAsync())!;
    }
    Progress($"{postgresVersion} on port {postgres.Port}, durability {(durable ? "on (fsync, full_page_writes, synchronous_commit)" : "OFF (--volatile-postgres)")}");

    using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
    await using var cluster = new ProductCluster(root, ourDatabase, logs);
    Progress("starting our silo (seeds the demo network, 42 days of trips) ...");
    await cluster.AddSiloAsync(probe);
    Progress("starting our web frontend (cluster mode) ...");
    await cluster.StartFrontendAsync(probe);
    using var api = new HttpClient { BaseAddress = cluster.FrontendAddress, Timeout = TimeSpan.FromSeconds(60) };

    Progress("discovering trips through our API ...");
    var trips = await TripDiscovery.DiscoverAsync(api, options.DiscoveryDays, Progress);
    // Trips for the hot races, the hold steps and fan-out are set apart, so each starts empty and the mix never touches them.
    var spare = new Queue<BenchTrip>(trips.Where(t => t.Seats.Length == trips.Max(x => x.Seats.Length)).Reverse());
    var reserved = new HashSet<BenchTrip>();
    BenchTrip Reserve()
    {
        var trip = spare.Dequeue();
        reserved.Add(trip);
        return trip;
    }
    var hotTrip = Reserve();
    var scaleHotTrip = Reserve();
    var fanoutTrips = options.FanoutWatchers.Select(_ => Reserve()).ToList();
    var soakTrips = Enumerable.Range(0, options.SoakTrips).Select(_ => Reserve()).ToList();
    var holdTrips = options.HoldRates.Select(_ => Enumerable.Range(0, options.HoldTripsPerStep).Select(_ => Reserve()).ToList()).ToList();
    var mixTrips = trips.Where(t => !reserved.Contains(t)).ToList();
    Progress($"{trips.Count} trips: {mixTrips.Count} for the mix; hot trip {hotTrip.TripId} ({hotTrip.Seats.Length} seats)");

    Progress("creating the baseline's seat-leg rows for the same trips ...");
    await using (var db = NpgsqlDataSource.Create(baselineDatabase))
    {
        await BaselineStore.CreateSchemaAsync(db, trips);
    }
    var baselinePort = FreePort.Next();
    await using var baselineServer = await BaselineServer.StartAsync(baselineDatabase, trips, baselinePort, TimeSpan.FromMinutes(10));
    var baselineAddress = new Uri($"http://127.0.0.1:{baselinePort}");

    using var ours = new Target("ours", cluster.FrontendAddress, cluster.Sms.SignInPassengerAsync);
    using var baseline = new Target("baseline", baselineAddress);
    var histories = new Dictionary<Target, OperationHistory> { [ours] = new(), [baseline] = new() };
    Progress("warming up: every trip's seat map read once on both systems ...");
    foreach (var target in new[] { ours, baseline })
    {
        Progress($"  {target.Name} ...");
        using var http = target.NewVisitor();
        await Parallel.ForEachAsync(trips, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (t, _) =>
            await http.GetFromJsonAsync<object>($"/api/trips/{t.TripId}/seats?from={t.Origin}&to={t.Terminus}"));
    }

    var machine = MachineInfo.Read(root, postgresVersion);
    var sections = new Sections(machine, options, Progress);
    var document = new BenchmarkDocument(Path.Combine(root, "docs", "benchmarks.md")) { DurablePostgres = durable };
    var written = new List<string>();
    void Write(string name, string markdown)
    {
        // A smoke run never overwrites measured sections.
        document.Set(options.Smoke ? "smoke" : name, options.Smoke ? SmokeSection(written.Count == 0 ? "" : document.Get("smoke"), markdown) : markdown);
        written.Add(name);
        document.Save();
    }

    EidResult? oursEid = null, baselineEid = null;
    if (Runs("eid") || Runs("scale"))
    {
        Progress($"eid mix on ours (1 silo): {options.EidWorkers} clients + {options.HotRacers} hot-trip racers ...");
        oursEid = await new EidMix(options, mixTrips, Progress).RunAsync(ours, histories[ours], hotTrip);
        Progress($"ours: {oursEid.Throughput:F0} requests/s, p99 {oursEid.All.P99:F1} ms; {oursEid.History}");
        if (Runs("eid"))
        {
            Progress("eid mix on the baseline ...");
            baselineEid = await new EidMix(options, mixTrips, Progress).RunAsync(baseline, histories[baseline], hotTrip);
            Progress($"baseline: {baselineEid.Throughput:F0} requests/s, p99 {baselineEid.All.P99:F1} ms; {baselineEid.History}");
            Write("eid", sections.Eid(oursEid, baselineEid));
        }
    }

    if (Runs("holds"))
    {
        var steps = new List<HoldStepResult>();
        var holds = new HoldLatency(options, Progress);
        for (var i = 0; i < options.HoldRates.Length; i++)
        {
            foreach (var target in new[] { ours, baseline })
            {
                Progress($"{target.Name}: {options.HoldRates[i]} holds/s for {options.HoldStepSeconds} s ...");
                steps.Add(await holds.RunStepAsync(target, histories[target], options.HoldRates[i], holdTrips[i]));
            }
        }
        Progress("verifying both histories ...");
        Write("holds", sections.Holds(steps, histories[ours].Verify(), histories[baseline].Verify()));
    }

    if (Runs("fanout"))
    {
        var results = new List<FanoutResult>();
        var fanout = new FanOut(options, Progress);
        var hub = baselineServer.Services.GetRequiredService<IHubContext<BareHub>>();
        for (var i = 0; i < options.FanoutWatchers.Length; i++)
        {
            var watchers = options.FanoutWatchers[i];
            Progress($"fan-out to {watchers:N0} watchers on ours ...");
            results.Add(await fanout.RunProductAsync(ours, fanoutTrips[i], watchers));
            Progress($"fan-out to {watchers:N0} watchers, bare SignalR ...");
            results.Add(await fanout.RunBareAsync(baselineAddress, hub, watchers));
        }
        Write("fanout", sections.Fanout(results));
    }

    if (Runs("soak"))
    {
        Progress($"soak on ours: {options.SoakWorkers} visitors on {options.SoakTrips} trips until {options.SoakOperations:N0} operations ...");
        var soak = await new HistorySoak(options, Progress).RunAsync(ours, soakTrips);
        Progress($"ours: {soak.Operations:N0} operations in {soak.Seconds:F0} s; {soak.History}");
        Write("soak", sections.Soak(soak));
    }

    // Not part of `all`: the window gates holds on its trips and blocks all their seats, which the other scenarios'
    // history checks would not expect.
    if (scenario == "queue")
    {
        // Each follower holds a socket in a frontend and in a load generator: spread over frontends and child processes
        // so none needs more than the per-process open-files limit.
        while (cluster.FrontendAddresses.Count < options.QueueFrontends)
        {
            Progress($"starting web frontend {cluster.FrontendAddresses.Count + 1} (cluster mode) ...");
            await cluster.AddFrontendAsync(probe);
        }
        var queueTrips = trips.Where(t => t.Day == trips.Max(x => x.Day)).ToList();
        var loadBefore = LoadAverage();
        Progress($"waiting room: {options.QueueWaiters:N0} joins at {options.QueueJoinRate:N0}/s, then as many followers; load average {loadBefore} ...");
        var queue = await new WaitingRoom(Progress).RunAsync(cluster.FrontendAddresses, cluster.AuthSigningKey, logs, queueTrips, options);
        var loadAfter = LoadAverage();
        Progress($"load average after: {loadAfter}");
        Write("queue", WaitingRoom.Section(queue, "Parameters: " + options.Describe("queue"),
            $"{machine.Describe()} · load average (1/5/15 min) {loadBefore} before the joins, {loadAfter} after the sell-out."));
    }

    if (Runs("scale"))
    {
        Progress("starting a second silo ...");
        await cluster.AddSiloAsync(probe);
        // Give membership a moment to spread so the frontend's client and the first silo both see the newcomer.
        await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 2 : 10));
        Progress("eid mix on ours (2 silos) ...");
        var twoSilos = await new EidMix(options, mixTrips, Progress).RunAsync(ours, histories[ours], scaleHotTrip);
        Progress($"ours, 2 silos: {twoSilos.Throughput:F0} requests/s, p99 {twoSilos.All.P99:F1} ms; {twoSilos.History}");
        Write("scale", sections.Scale(oursEid!, twoSilos, baselineEid));
    }

    if (Runs("overload"))
    {
        // Last: its holds stay on the mix's trips until they expire.
        Progress("graceful overload on ours ...");
        var overload = await new Overload(options, mixTrips, Progress).RunAsync(ours);
        Write("overload", sections.Overload(overload));
    }

    Progress($"done in {clock.Elapsed:mm\\:ss}; wrote {string.Join(", ", written)} to docs/benchmarks.md");
    return 0;
}
finally
{
    await postgres.DisposeAsync();
}

static string SmokeSection(string sofar, string markdown) =>
    (sofar.Length > 0 ? sofar : $"## {BenchmarkDocument.Titles["smoke"]}\n\n"
        + "> **Smoke run:** tiny parameters, run while other work kept the machine busy. These figures only show that the "
        + "benchmark runs end to end; they are not a measurement of either system.\n")
    + "\n" + markdown + "\n";

// The machine is shared: the load average says how much else was running.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "DiuParibahan.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run the benchmark from inside the repository (bench.sh does).");
}
