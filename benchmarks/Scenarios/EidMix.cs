using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using DiuParibahan.Testing.History;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <param name="ReplicaReads">Seat maps answered from a frontend replica (the system said so in <c>Trip-Read-Source</c>).</param>
/// <param name="SeatMapReads">All seat maps read by the mix's workers and racers.</param>
/// <param name="ReplicaLag">
/// Client-visible replica lag: from a probe's write being acknowledged (with its <c>Trip-Version</c>) until a plain
/// read (no minVersion) of another visitor on the same frontend first shows that version. Empty for a system without versions.
/// </param>
public sealed record EidResult(
    string System, long Requests, double Seconds, Latencies.Summary All, Latencies.Summary Writes, long Errors,
    int HotSeats, int HotTaken, HistoryReport History, long ReplicaReads = 0, long SeatMapReads = 0,
    Latencies.Summary? ReplicaLag = null)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>
/// The Eid rush: closed-loop clients over every trip, mostly reading, some holding and releasing, while racers fight
/// for every seat of one hot trip. Holds, releases and seat maps go into the system's history for the checker.
/// </summary>
public sealed class EidMix(BenchOptions options, IReadOnlyList<BenchTrip> trips, Action<string> progress)
{
    private long _requests;
    private long _errors;
    private volatile bool _measuring;
    private readonly Latencies _all = new();
    private readonly Latencies _writes = new();
    private readonly Latencies _replicaLag = new();
    private long _replicaReads;
    private long _seatMapReads;

    public async Task<EidResult> RunAsync(Target target, OperationHistory history, BenchTrip hotTrip)
    {
        // Everyone signs in before the clock starts: sign-ins are not part of the mix, and 265 of them at once on a
        // busy machine used to reach the frontend's admission limit and end the run with a 503.
        progress($"{target.Name}: signing in {options.EidWorkers + options.HotRacers + 1} passengers ...");
        var passengers = new Queue<HttpClient>(await SignInAsync(target, options.EidWorkers + options.HotRacers + 1));
        var warmupEnd = history.Now + TimeSpan.FromSeconds(options.EidWarmupSeconds);
        var end = warmupEnd + TimeSpan.FromSeconds(options.EidSeconds);
        var ticker = Ticker(history, warmupEnd, end, target.Name);
        var racers = Enumerable.Range(0, options.HotRacers).Select(r => RaceAsync(passengers.Dequeue(), history, hotTrip, r, end)).ToList();
        var workers = Enumerable.Range(0, options.EidWorkers).Select(w => WorkAsync(passengers.Dequeue(), history, w, warmupEnd, end)).ToList();
        var probe = ProbeReplicaLagAsync(passengers.Dequeue(), target, history, end);
        await Task.WhenAll(workers.Concat(racers).Append(probe));
        _measuring = false;
        await ticker;

        using var observer = target.NewVisitor();
        var final = await new RecordingTripClient(observer, history).SeatMapAsync(hotTrip.TripId, hotTrip.Stops, 0, hotTrip.Stops.Length - 1);
        progress($"{target.Name}: verifying {history.Operations.Count:N0} operations and {history.SeatMaps.Count:N0} seat maps");
        var report = history.Verify();
        return new EidResult(target.Name, _requests, options.EidSeconds, _all.Summarise(), _writes.Summarise(), _errors,
            hotTrip.Seats.Length, final.Values.Count(taken => taken), report, _replicaReads, _seatMapReads,
            _replicaLag.Count > 0 ? _replicaLag.Summarise() : null);
    }

    /// <summary>
    /// Every 100 ms during the measured window: hold one seat of a mix trip (its answer carries the version), then read
    /// the trip as another visitor without asking for a version until the map shows it; the time from the hold's
    /// answer to that read is one replica-lag sample. The seat is released afterwards. Not counted as mix requests.
    /// </summary>
    private async Task ProbeReplicaLagAsync(HttpClient passenger, Target target, OperationHistory history, TimeSpan end)
    {
        await Task.Yield();
        using var writer = passenger;
        using var reader = target.NewVisitor();
        var writes = new RecordingTripClient(writer, history);
        var random = new Random(99);
        while (history.Now < end)
        {
            var trip = trips[random.Next(trips.Count)];
            var attempt = await writes.HoldAsync(trip.TripId, trip.Stops, [trip.Seats[random.Next(trip.Seats.Length)]], 0, trip.Stops.Length - 1);
            var acknowledged = history.Now;
            var version = writes.SeenVersion(trip.TripId);
            if (attempt.HoldId is not { } holdId)
            {
                await Task.Delay(100);
                continue;
            }
            if (version > 0)
            {
                // Polls as fast as it can, bounded: a lag over 2 s counts as 2 s (and shows in the maximum).
                while (history.Now - acknowledged < TimeSpan.FromSeconds(2))
                {
                    var map = await reader.GetFromJsonAsync<JsonElement>(
                        $"/api/trips/{trip.TripId}/seats?from={trip.Origin}&to={trip.Terminus}");
                    if (map.GetProperty("version").GetInt64() >= version)
                    {
                        break;
                    }
                }
                if (_measuring)
                {
                    _replicaLag.Add(history.Now - acknowledged);
                }
            }
            await writes.ReleaseAsync(trip.TripId, holdId);
            await Task.Delay(100);
        }
    }

    private async Task Ticker(OperationHistory history, TimeSpan warmupEnd, TimeSpan end, string name)
    {
        while (history.Now < warmupEnd)
        {
            await Task.Delay(250);
        }
        _measuring = true;
        while (history.Now < end)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            progress($"{name}: eid mix {Math.Min((history.Now - warmupEnd).TotalSeconds, options.EidSeconds):F0}/{options.EidSeconds} s, "
                + $"{Interlocked.Read(ref _requests):N0} requests, {Interlocked.Read(ref _errors)} errors");
        }
    }

    private async Task WorkAsync(HttpClient passenger, OperationHistory history, int worker, TimeSpan warmupEnd, TimeSpan end)
    {
        await Task.Yield();
        using var http = passenger;
        var client = new RecordingTripClient(http, history, $"eid-{worker}");
        var random = new Random(worker);
        while (history.Now < end)
        {
            var trip = trips[random.Next(trips.Count)];
            var choice = random.NextDouble();
            if (choice < options.EidReadShare / 2)
            {
                var (from, to) = Leg(random, trip);
                await Measure(false, async () => Ok(await client.SeatMapAsync(trip.TripId, trip.Stops, from, to)));
                Counted(client);
            }
            else if (choice < options.EidReadShare)
            {
                await Measure(false, async () =>
                {
                    using var response = await http.GetAsync($"/api/trips?from={trip.Origin}&to={trip.Terminus}&date={trip.Day:yyyy-MM-dd}");
                    await response.Content.LoadIntoBufferAsync();
                    return response.StatusCode == HttpStatusCode.OK;
                });
            }
            else
            {
                var (from, to) = Leg(random, trip);
                var seats = random.GetItems(trip.Seats, random.Next(1, 3)).Distinct().ToArray();
                HoldAttempt? attempt = null;
                await Measure(true, async () =>
                {
                    attempt = await client.HoldAsync(trip.TripId, trip.Stops, seats, from, to);
                    return attempt.Status is HttpStatusCode.Created or HttpStatusCode.Conflict;
                });
                if (attempt?.HoldId is { } holdId && random.Next(2) == 0)
                {
                    await Measure(true, async () => await client.ReleaseAsync(trip.TripId, holdId));
                }
            }
        }
    }

    /// <summary>One hot-trip racer: look at the map, grab a free seat, keep it once held; stop when the coach is full.</summary>
    private async Task RaceAsync(HttpClient passenger, OperationHistory history, BenchTrip trip, int racer, TimeSpan end)
    {
        await Task.Yield();
        using var http = passenger;
        var client = new RecordingTripClient(http, history, $"racer-{racer}");
        var random = new Random(10_000 + racer);
        var last = trip.Stops.Length - 1;
        while (history.Now < end)
        {
            IReadOnlyDictionary<string, bool>? map = null;
            await Measure(false, async () => Ok(map = await client.SeatMapAsync(trip.TripId, trip.Stops, 0, last)));
            Counted(client);
            var free = map?.Where(s => !s.Value).Select(s => s.Key).ToArray() ?? [];
            if (map is not null && free.Length == 0)
            {
                return;
            }
            if (free.Length == 0)
            {
                continue;
            }
            HoldAttempt? attempt = null;
            await Measure(true, async () =>
            {
                attempt = await client.HoldAsync(trip.TripId, trip.Stops, [free[random.Next(free.Length)]], 0, last);
                return attempt.Status is HttpStatusCode.Created or HttpStatusCode.Conflict;
            });
            if (attempt?.Held == true)
            {
                return;
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> signed-in passengers, 32 sign-ins at a time; a sign-in refused as overloaded (503, the
    /// frontend's admission control on a busy machine) is tried again after a pause instead of ending the run.
    /// </summary>
    private static async Task<HttpClient[]> SignInAsync(Target target, int count)
    {
        var passengers = new HttpClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    passengers[i] = await target.NewPassengerAsync(ct);
                    return;
                }
                catch (HttpRequestException e) when (attempt < 10 && e.Message.Contains(" 503", StringComparison.Ordinal))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                }
            }
        });
        return passengers;
    }

    private static (int From, int To) Leg(Random random, BenchTrip trip)
    {
        var from = random.Next(0, trip.Stops.Length - 1);
        return (from, random.Next(from + 1, trip.Stops.Length));
    }

    private static bool Ok(object? _) => true;

    /// <summary>Adds the client's latest read to the replica share while measuring.</summary>
    private void Counted(RecordingTripClient client)
    {
        if (_measuring)
        {
            Interlocked.Increment(ref _seatMapReads);
            if (client.ReplicaReads > 0)
            {
                Interlocked.Add(ref _replicaReads, client.ReplicaReads);
                client.ResetReadCounts();
            }
        }
        else
        {
            client.ResetReadCounts();
        }
    }

    private async Task Measure(bool write, Func<Task<bool>> request)
    {
        var started = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            ok = await request();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            ok = false;
        }
        if (!_measuring)
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        Interlocked.Increment(ref _requests);
        _all.Add(elapsed);
        if (write)
        {
            _writes.Add(elapsed);
        }
        if (!ok)
        {
            Interlocked.Increment(ref _errors);
        }
    }
}
