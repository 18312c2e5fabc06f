using System.Diagnostics;
using System.Net;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using DiuParibahan.Testing.History;

namespace DiuParibahan.Benchmarks.Scenarios;

public sealed record HoldStepResult(string System, int Rate, int Sent, double AchievedRate, Latencies.Summary Created, Latencies.Summary Refused, int Errors);

/// <summary>
/// Holds at a fixed arrival rate (open loop): requests are sent on schedule whether or not earlier ones have been
/// answered, and latency counts from the scheduled send time, so a system that falls behind cannot hide it.
/// </summary>
public sealed class HoldLatency(BenchOptions options, Action<string> progress)
{
    private const int Visitors = 2_000;

    public async Task<HoldStepResult> RunStepAsync(Target target, OperationHistory history, int rate, IReadOnlyList<BenchTrip> trips)
    {
        var visitors = await target.NewPassengersAsync(Visitors);
        var clients = visitors.Select(v => new RecordingTripClient(v, history)).ToArray();
        var created = new Latencies();
        var refused = new Latencies();
        var errors = 0;
        var total = rate * options.HoldStepSeconds;
        var random = new Random(rate);
        var pending = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            while (Stopwatch.GetElapsedTime(start) < due)
            {
                await Task.Delay(1);
            }
            var trip = trips[random.Next(trips.Count)];
            var from = random.Next(0, trip.Stops.Length - 1);
            var to = random.Next(from + 1, trip.Stops.Length);
            var seat = trip.Seats[random.Next(trip.Seats.Length)];
            var client = clients[random.Next(clients.Length)];
            pending.Add(Task.Run(async () =>
            {
                var attempt = await client.HoldAsync(trip.TripId, trip.Stops, [seat], from, to);
                var latency = Stopwatch.GetElapsedTime(start) - due;
                switch (attempt.Status)
                {
                    case HttpStatusCode.Created:
                        created.Add(latency);
                        break;
                    case HttpStatusCode.Conflict:
                        refused.Add(latency);
                        break;
                    default:
                        Interlocked.Increment(ref errors);
                        break;
                }
            }));
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);
        foreach (var visitor in visitors)
        {
            visitor.Dispose();
        }
        var result = new HoldStepResult(target.Name, rate, total, total / sendSeconds, created.Summarise(), refused.Summarise(), errors);
        progress($"{target.Name}: {rate} holds/s → {result.Created.Count} created (p99 {result.Created.P99:F1} ms), "
            + $"{result.Refused.Count} refused (p99 {result.Refused.P99:F1} ms), {errors} errors");
        return result;
    }
}
