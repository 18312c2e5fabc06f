using System.Diagnostics;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using DiuParibahan.Testing.History;

namespace DiuParibahan.Benchmarks.Scenarios;

public sealed record SoakResult(
    string System, long Holds, long Held, long Releases, long SeatMaps, double Seconds, long Errors, HistoryReport History)
{
    public long Operations => Holds + Releases;
}

/// <summary>
/// A long, write-heavy race over a handful of trips, for the history checker rather than for speed: closed-loop
/// visitors hold 1–3 seats on random legs, keep at most two holds each (the per-visitor limit) by releasing the older
/// one, and now and then read a seat map. Contention is high on purpose (many visitors per seat), so most of the
/// checker's rules (overlap, refusals explained, seat maps consistent) are exercised on every trip.
/// </summary>
public sealed class HistorySoak(BenchOptions options, Action<string> progress)
{
    private long _holds, _held, _releases, _seatMaps, _errors;

    public async Task<SoakResult> RunAsync(Target target, IReadOnlyList<BenchTrip> trips)
    {
        var history = new OperationHistory();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(options.SoakMaxSeconds);
        bool Done() => Interlocked.Read(ref _holds) + Interlocked.Read(ref _releases) >= options.SoakOperations || clock.Elapsed >= end;
        var ticker = Task.Run(async () =>
        {
            while (!Done())
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                progress($"{target.Name}: soak {clock.Elapsed.TotalSeconds:F0} s, {Interlocked.Read(ref _holds) + Interlocked.Read(ref _releases):N0} operations");
            }
        });
        await Task.WhenAll(Enumerable.Range(0, options.SoakWorkers).Select(w => WorkAsync(target, history, trips, w, Done)));
        await ticker;
        var seconds = clock.Elapsed.TotalSeconds;
        progress($"{target.Name}: verifying {history.Operations.Count:N0} operations and {history.SeatMaps.Count:N0} seat maps");
        return new SoakResult(target.Name, _holds, _held, _releases, _seatMaps, seconds, _errors, history.Verify());
    }

    private async Task WorkAsync(Target target, OperationHistory history, IReadOnlyList<BenchTrip> trips, int worker, Func<bool> done)
    {
        await Task.Yield();
        using var http = await target.NewPassengerAsync();
        var client = new RecordingTripClient(http, history, $"soak-{worker}");
        var random = new Random(50_000 + worker);
        var mine = new Queue<(string TripId, string HoldId)>();
        while (!done())
        {
            var trip = trips[random.Next(trips.Count)];
            var from = random.Next(0, trip.Stops.Length - 1);
            var to = random.Next(from + 1, trip.Stops.Length);
            if (random.Next(10) == 0)
            {
                await client.SeatMapAsync(trip.TripId, trip.Stops, from, to);
                Interlocked.Increment(ref _seatMaps);
                continue;
            }
            if (mine.Count == 2)
            {
                var (tripId, holdId) = mine.Dequeue();
                Count(await client.ReleaseAsync(tripId, holdId), ref _releases);
            }
            var seats = random.GetItems(trip.Seats, random.Next(1, 4)).Distinct().ToArray();
            var attempt = await client.HoldAsync(trip.TripId, trip.Stops, seats, from, to);
            Interlocked.Increment(ref _holds);
            if (attempt.Status is null || (int)attempt.Status >= 500)
            {
                Interlocked.Increment(ref _errors);
            }
            if (attempt.HoldId is { } id)
            {
                Interlocked.Increment(ref _held);
                mine.Enqueue((trip.TripId, id));
            }
        }
        // Leave the trips as found, so a later scenario starts from free seats.
        while (mine.TryDequeue(out var left))
        {
            Count(await client.ReleaseAsync(left.TripId, left.HoldId), ref _releases);
        }
    }

    private void Count(bool released, ref long counter)
    {
        Interlocked.Increment(ref counter);
        if (!released)
        {
            Interlocked.Increment(ref _errors);
        }
    }
}
