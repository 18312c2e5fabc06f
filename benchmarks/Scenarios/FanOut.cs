using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
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
            // Typed, as the bare reference's (long, long): the JSON protocol binds the two fields the watcher reads
            // straight from the frame instead of building and cloning a document per delta. The watchers share the
            // machine's cores with the system, so their own parsing counts against both systems' latency.
            connection.On<SeatsChangedMessage>("seatsChanged", change =>
            {
                var now = Stopwatch.GetTimestamp();
                bool resync;
                lock (watcher)
                {
                    resync = change.Version != watcher.Last + 1;
                    if (resync)
                    {
                        watcher.Gaps++;
                    }
                    else
                    {
                        watcher.Last = change.Version;
                    }
                }
                if (resync)
                {
                    _ = ResyncAsync(watcher, trip);
                    return;
                }
                Interlocked.Increment(ref delivered);
                var changes = change.Changes;
                for (var i = 0; i < changes.Length; i++)
                {
                    var seat = changes[i].Seat;
                    // One sample per seat: a change lists a seat once per leg.
                    if (IsRepeat(changes, i) || !sent.TryGetValue(seat, out var at))
                    {
                        continue;
                    }
                    var latency = Stopwatch.GetElapsedTime(at.At, now);
                    if (at.Change < options.FanoutWarmupChanges)
                    {
                        continue;
                    }
                    latencies.Add(latency);
                    slowest.AddOrUpdate(at.Change, latency.TotalMilliseconds, (_, max) => Math.Max(max, latency.TotalMilliseconds));
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

    /// <summary>The parts of a <c>seatsChanged</c> delta a watcher reads (the rest of the message is skipped).</summary>
    internal sealed record SeatsChangedMessage(long Version, SeatChangeMessage[] Changes);

    internal sealed record SeatChangeMessage(string Seat);

    private static bool IsRepeat(SeatChangeMessage[] changes, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (changes[j].Seat == changes[index].Seat)
            {
                return true;
            }
        }
        return false;
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

    /// <summary>
    /// The SignalR client arms a timer per connection that ticks every second (server-timeout check, keep-alive). Five
    /// thousand of them in one process kept the runtime's timer queue lock busy: in the 5,000-watcher profile 26 % of the
    /// generator's thread time was workers blocked on it (docs/profiles/fanout-and-overload.md). A browser's tick costs
    /// the server nothing, but here the watchers share its cores, so both systems' watchers tick every 5 s instead
    /// (keep-alive pings still go out, at most 5 s late; both servers allow 30 s or more of silence).
    /// </summary>
    private static readonly PropertyInfo? TickRate = typeof(HubConnection).GetProperty("TickRate", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly TimeSpan WatcherTick = TimeSpan.FromSeconds(5);

    private async Task<List<Watcher>> ConnectAsync(int count, Uri url, Func<Watcher, Task> start)
    {
        if (TickRate is null)
        {
            progress("  this SignalR client has no TickRate: watchers tick every second");
        }
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
            TickRate?.SetValue(watcher.Connection, WatcherTick);
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
