using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>One open-loop step of the overload scenario.</summary>
/// <param name="Multiple">Offered rate as a multiple of the measured saturation.</param>
/// <param name="Good">Answers that did the work: seat maps (200), holds granted (201) or refused by the trip or the passenger's limits (409, 429).</param>
/// <param name="Overloaded">Fast refusals: 503 with Retry-After.</param>
/// <param name="Timeouts">Requests with no answer within the client's 10 s budget.</param>
public sealed record OverloadStep(
    double Multiple, int OfferedRate, int Sent, double AchievedRate, double Seconds, int Good, int Overloaded, int Timeouts, int Errors,
    Latencies.Summary Admitted, Latencies.Summary Refused)
{
    public double Goodput => Good / Seconds;
}

public sealed record OverloadResult(double Saturation, Latencies.Summary SaturationLatency, IReadOnlyList<OverloadStep> Steps);

/// <summary>
/// Graceful overload: first the saturating rate is measured closed loop (many clients, each sending its next request
/// when the last is answered), then requests are offered open loop at multiples of it. 90 % are seat-map reads of
/// anonymous visitors and 10 % holds of signed-in passengers, over the mix's trips. Latency counts from the scheduled
/// send time. A system with admission control answers the excess at once with 503 and keeps what it admits fast; one
/// without it queues until clients time out.
/// </summary>
public sealed class Overload(BenchOptions options, IReadOnlyList<BenchTrip> trips, Action<string> progress)
{
    private static readonly TimeSpan ClientBudget = TimeSpan.FromSeconds(10);

    public async Task<OverloadResult> RunAsync(Target target)
    {
        var passengers = await target.NewPassengersAsync(options.OverloadPassengers);
        using var visitor = target.NewVisitor();
        try
        {
            progress($"{target.Name}: overload: measuring saturation closed loop ({options.OverloadWorkers} clients, {options.OverloadStepSeconds} s) ...");
            var (saturation, latency) = await SaturationAsync(visitor, passengers);
            progress($"{target.Name}: saturation {saturation:F0} requests/s (p99 {latency.P99:F1} ms)");
            var steps = new List<OverloadStep>();
            foreach (var multiple in options.OverloadMultiples)
            {
                var rate = (int)Math.Max(1, Math.Round(saturation * multiple));
                progress($"{target.Name}: overload: open loop at {multiple}× = {rate:N0} requests/s for {options.OverloadStepSeconds} s ...");
                var step = await StepAsync(visitor, passengers, multiple, rate);
                progress($"{target.Name}: {multiple}×: sent at {step.AchievedRate:F0}/s, goodput {step.Goodput:F0}/s, {step.Overloaded} × 503 "
                    + $"(p99 {step.Refused.P99:F1} ms), admitted p99 {step.Admitted.P99:F1} ms, {step.Timeouts} timeouts, {step.Errors} errors");
                steps.Add(step);
            }
            return new OverloadResult(saturation, latency, steps);
        }
        finally
        {
            foreach (var passenger in passengers)
            {
                passenger.Dispose();
            }
        }
    }

    private async Task<(double Rate, Latencies.Summary Latency)> SaturationAsync(HttpClient visitor, HttpClient[] passengers)
    {
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        var warmup = TimeSpan.FromSeconds(1);
        var end = warmup + TimeSpan.FromSeconds(options.OverloadStepSeconds);
        long answered = 0;
        await Task.WhenAll(Enumerable.Range(0, options.OverloadWorkers).Select(async worker =>
        {
            await Task.Yield();
            var random = new Random(70_000 + worker);
            while (clock.Elapsed < end)
            {
                var started = clock.Elapsed;
                var outcome = await SendAsync(visitor, passengers, random);
                if (started >= warmup && outcome is Outcome.Good)
                {
                    Interlocked.Increment(ref answered);
                    latencies.Add(clock.Elapsed - started);
                }
            }
        }));
        return (answered / (double)options.OverloadStepSeconds, latencies.Summarise());
    }

    private async Task<OverloadStep> StepAsync(HttpClient visitor, HttpClient[] passengers, double multiple, int rate)
    {
        var admitted = new Latencies();
        var refused = new Latencies();
        int good = 0, overloaded = 0, timeouts = 0, errors = 0;
        var total = rate * options.OverloadStepSeconds;
        var random = new Random(rate);
        var pending = new List<Task>(Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            while (Stopwatch.GetElapsedTime(start) < due)
            {
                await Task.Delay(1);
            }
            var seed = random.Next();
            pending.Add(Task.Run(async () =>
            {
                var outcome = await SendAsync(visitor, passengers, new Random(seed));
                var latency = Stopwatch.GetElapsedTime(start) - due;
                switch (outcome)
                {
                    case Outcome.Good:
                        Interlocked.Increment(ref good);
                        admitted.Add(latency);
                        break;
                    case Outcome.Overloaded:
                        Interlocked.Increment(ref overloaded);
                        refused.Add(latency);
                        break;
                    case Outcome.Timeout:
                        Interlocked.Increment(ref timeouts);
                        break;
                    default:
                        Interlocked.Increment(ref errors);
                        break;
                }
            }));
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);
        return new OverloadStep(multiple, rate, total, total / sendSeconds, Math.Max(sendSeconds, options.OverloadStepSeconds),
            good, overloaded, timeouts, errors, admitted.Summarise(), refused.Summarise());
    }

    private enum Outcome
    {
        Good,
        Overloaded,
        Timeout,
        Error,
    }

    private async Task<Outcome> SendAsync(HttpClient visitor, HttpClient[] passengers, Random random)
    {
        var trip = trips[random.Next(trips.Count)];
        using var budget = new CancellationTokenSource(ClientBudget);
        try
        {
            using var response = random.NextDouble() < 0.9
                ? await visitor.GetAsync($"/api/trips/{trip.TripId}/seats?from={trip.Origin}&to={trip.Terminus}", budget.Token)
                : await passengers[random.Next(passengers.Length)].PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
                    new { seats = new[] { trip.Seats[random.Next(trip.Seats.Length)] }, from = trip.Origin, to = trip.Terminus, requestId = Guid.NewGuid().ToString("N") },
                    budget.Token);
            await response.Content.LoadIntoBufferAsync(budget.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests => Outcome.Good,
                HttpStatusCode.ServiceUnavailable => Outcome.Overloaded,
                _ => Outcome.Error,
            };
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return Outcome.Timeout;
        }
        catch (HttpRequestException)
        {
            return Outcome.Error;
        }
    }
}
