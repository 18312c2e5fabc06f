using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Benchmarks.Baseline;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using DiuParibahan.Testing.History;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiuParibahan.Benchmarks.Scenarios;

public sealed record FanoutResult(string System, int Watchers, int Changes, Latencies.Summary Latency, long Delivered, long Expected, int Gaps, int Lost);

/// <summary>
/// Many SignalR watchers of one trip while its seats change at a fixed rate. For our system the latency runs from
/// sending the change request (HTTP hold or release) to each watcher's handler; for the bare reference, from a
/// broadcast in the benchmark process to each handler. Watchers check versions (or sequence numbers) and resync on a gap.
/// </summary>
public sealed class FanOut(BenchOptions options, Action<string> progress)
{
    private sealed class Watcher
    {
        public HubConnection Connection = null!;
        public long Last;
        public int Gaps;
    }

    public async Task<FanoutResult> RunProductAsync(Target target, BenchTrip trip, int watchers)
    {
        var sent = new ConcurrentDictionary<string, (long At, int Change)>();
        var slowest = new ConcurrentDictionary<int, double>();
        var latencies = new Latencies();
        long delivered = 0;
        var last = trip.Stops.Length - 1;
        var hubUrl = new Uri(target.Address, "/hubs/trips");
        var all = await ConnectAsync(watchers, hubUrl, async watcher =>
        {
            var connection = watcher.Connection;
            connection.On<JsonElement>("seatsChanged", change =>
            {
                var now = Stopwatch.GetTimestamp();
                var version = change.GetProperty("version").GetInt64();
                bool resync;
                lock (watcher)
                {
                    resync = version != watcher.Last + 1;
                    if (resync)
                    {
                        watcher.Gaps++;
                    }
                    else
                    {
                        watcher.Last = version;
                    }
                }
                if (resync)
                {
                    _ = ResyncAsync(watcher, trip);
                    return;
                }
                Interlocked.Increment(ref delivered);
                foreach (var seat in change.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("seat").GetString()!).Distinct())
                {
                    if (sent.TryGetValue(seat, out var at))
                    {
                        var latency = Stopwatch.GetElapsedTime(at.At, now);
                        if (at.Change < options.FanoutWarmupChanges)
                        {
                            continue;
                        }
                        latencies.Add(latency);
                        slowest.AddOrUpdate(at.Change, latency.TotalMilliseconds, (_, max) => Math.Max(max, latency.TotalMilliseconds));
                    }
                }
            });
            connection.On<JsonElement>("resync", message => { _ = ResyncAsync(watcher, trip); });
            await connection.StartAsync();
            var snapshot = await connection.InvokeAsync<JsonElement>("Watch", trip.TripId, trip.Origin, trip.Terminus);
            watcher.Last = snapshot.GetProperty("version").GetInt64();
        });

        using var driver = await target.NewPassengerAsync();
        var client = new RecordingTripClient(driver, new OperationHistory());
        var changes = 0;
        string? holdId = null;
        await AtFixedRateAsync(async k =>
        {
            var seat = trip.Seats[k / 2 % trip.Seats.Length];
            sent[seat] = (Stopwatch.GetTimestamp(), k);
            if (holdId is null)
            {
                holdId = (await client.HoldAsync(trip.TripId, trip.Stops, [seat], 0, last)).HoldId;
                changes += holdId is null ? 0 : 1;
            }
            else
            {
                changes += await client.ReleaseAsync(trip.TripId, holdId) ? 1 : 0;
                holdId = null;
            }
        });
        var final = (await driver.GetFromJsonAsync<JsonElement>($"/api/trips/{trip.TripId}/seats?from={trip.Origin}&to={trip.Terminus}"))
            .GetProperty("version").GetInt64();
        var lost = await SettleAsync(all, final);
        await DisposeAllAsync(all);
        progress("  slowest changes (change #: max ms): " + string.Join(", ", slowest.OrderByDescending(s => s.Value).Take(5).Select(s => $"#{s.Key}: {s.Value:F0}")));
        return Result("ours", watchers, changes, latencies, delivered, all, lost);
    }

    public async Task<FanoutResult> RunBareAsync(Uri baselineAddress, IHubContext<BareHub> hub, int watchers)
    {
        var latencies = new Latencies();
        long delivered = 0;
        var all = await ConnectAsync(watchers, new Uri(baselineAddress, BareHub.Path), async watcher =>
        {
            watcher.Connection.On<long, long>("tick", (sequence, sentAt) =>
            {
                var now = Stopwatch.GetTimestamp();
                lock (watcher)
                {
                    if (sequence != watcher.Last + 1)
                    {
                        watcher.Gaps++;
                    }
                    watcher.Last = Math.Max(watcher.Last, sequence);
                }
                Interlocked.Increment(ref delivered);
                if (sequence > options.FanoutWarmupChanges)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt, now));
                }
            });
            await watcher.Connection.StartAsync();
            await watcher.Connection.InvokeAsync("Join");
        });
        var changes = 0;
        await AtFixedRateAsync(async k =>
        {
            changes = k + 1;
            await hub.Clients.Group(BareHub.Group).SendAsync("tick", (long)changes, Stopwatch.GetTimestamp());
        });
        var lost = await SettleAsync(all, changes);
        await DisposeAllAsync(all);
        return Result("bare SignalR", watchers, changes, latencies, delivered, all, lost);
    }

    private FanoutResult Result(string system, int watchers, int changes, Latencies latencies, long delivered, List<Watcher> all, int lost)
    {
        var result = new FanoutResult(system, watchers, changes, latencies.Summarise(), delivered, (long)changes * watchers, all.Sum(w => w.Gaps), lost);
        progress($"{system}: {watchers} watchers, {changes} changes, p50 {result.Latency.P50:F1} ms, p99 {result.Latency.P99:F1} ms, "
            + $"max {result.Latency.Max:F1} ms, {result.Gaps} gaps, {lost} lost");
        return result;
    }

    /// <summary>Runs beside the handler, never awaited in it: the client serves one handler at a time and the Watch reply must get through.</summary>
    private static async Task ResyncAsync(Watcher watcher, BenchTrip trip)
    {
        var snapshot = await watcher.Connection.InvokeAsync<JsonElement>("Watch", trip.TripId, trip.Origin, trip.Terminus);
        lock (watcher)
        {
            watcher.Last = Math.Max(watcher.Last, snapshot.GetProperty("version").GetInt64());
        }
    }

    private async Task<List<Watcher>> ConnectAsync(int count, Uri url, Func<Watcher, Task> start)
    {
        var all = new List<Watcher>(count);
        var connected = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            var watcher = new Watcher
            {
                Connection = new HubConnectionBuilder()
                    .WithUrl(url, o => { o.Transports = HttpTransportType.WebSockets; o.SkipNegotiation = true; })
                    .Build(),
            };
            watcher.Connection.ServerTimeout = TimeSpan.FromMinutes(2);
            await start(watcher);
            lock (all)
            {
                all.Add(watcher);
            }
            if (Interlocked.Increment(ref connected) % 500 == 0)
            {
                progress($"  {connected}/{count} watchers connected");
            }
        });
        return all;
    }

    private async Task AtFixedRateAsync(Func<int, Task> change)
    {
        // The first changes warm both paths up (JIT, connection pools, buffers) and are delivered but not timed.
        var total = options.FanoutWarmupChanges + options.FanoutChangesPerSecond * options.FanoutSeconds;
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < total; k++)
        {
            var due = TimeSpan.FromSeconds((double)k / options.FanoutChangesPerSecond);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await change(k);
        }
    }

    /// <summary>Waits (at most 15 s) for every watcher to reach <paramref name="final"/>; returns how many never did.</summary>
    private static async Task<int> SettleAsync(List<Watcher> all, long final)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
        while (Stopwatch.GetTimestamp() < deadline && all.Any(w => Volatile.Read(ref w.Last) < final))
        {
            await Task.Delay(100);
        }
        return all.Count(w => Volatile.Read(ref w.Last) < final);
    }

    private static Task DisposeAllAsync(List<Watcher> all) =>
        Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (w, _) => await w.Connection.DisposeAsync());
}
