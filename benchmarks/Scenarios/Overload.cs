using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>One open-loop step of the overload scenario.</summary>
/// <param name="Multiple">Offered rate as a multiple of the measured saturation.</param>
/// <param name="Good">Answers that did the work: seat maps (200), holds granted (201) or refused by the trip or the passenger's limits (409, 429).</param>
/// <param name="Overloaded">Fast refusals: 503 with Retry-After.</param>
/// <param name="Timeouts">Requests with no answer within the client's 10 s budget, counted from the scheduled send.</param>
/// <param name="Seconds">From the first scheduled send to the last answer: goodput counts what was done in that time, not more.</param>
/// <param name="Lag">The generator's own delay: from a request's scheduled time to the moment it handed it to its HTTP client.</param>
/// <param name="PoolWait">Time requests waited in the generator's HTTP client for a connection (.NET's <c>http.client.request.time_in_queue</c>).</param>
public sealed record OverloadStep(
    double Multiple, int OfferedRate, int Sent, double AchievedRate, double Seconds, int Good, int Overloaded, int Timeouts, int Errors,
    Latencies.Summary Admitted, Latencies.Summary Refused, Latencies.Summary Lag, Latencies.Summary PoolWait)
{
    public double Goodput => Good / Seconds;

    /// <summary>
    /// Whether the generator (on the same cores as the system) sent on time: 99 % of requests handed over within
    /// <see cref="Overload.GeneratorSlack"/> of their schedule and given a connection within it. If not, part of every
    /// latency and timeout of the step is the generator's own queue, not the system's.
    /// </summary>
    public bool GeneratorKeptUp => Lag.P99 <= Overload.GeneratorSlack.TotalMilliseconds
        && (PoolWait.Count == 0 || PoolWait.P99 <= Overload.GeneratorSlack.TotalMilliseconds);
}

/// <param name="SaturationRefused">503s the closed-loop clients got while saturation was measured: with admission limits below
/// 128 clients' worth, some of them are refused, so <paramref name="Saturation"/> is the rate of good answers under the limits.</param>
public sealed record OverloadResult(double Saturation, Latencies.Summary SaturationLatency, IReadOnlyList<OverloadStep> Steps, long SaturationRefused = 0);

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

    /// <summary>How late (p99) the generator may hand a request over, or get it a connection, and still count as keeping up.</summary>
    public static readonly TimeSpan GeneratorSlack = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Connections the generator may open. The other scenarios' pool (512) is far below the number of requests in
    /// flight at 10× saturation, so requests queued in the generator's own pool for a connection and the frontend never
    /// saw the excess it should refuse (the 2026-12-07 run: 0 refusals, 283,307 timeouts). A flash crowd is many
    /// clients with their own connections; this lets the requests reach the frontend and be answered there.
    /// </summary>
    private const int MaxConnections = 4096;

    public async Task<OverloadResult> RunAsync(Target target)
    {
        var signedIn = await target.NewPassengersAsync(options.OverloadPassengers);
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = MaxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
        };
        // The passengers' sign-ins are reused on the overload's own connection pool: same cookie and token headers.
        var passengers = signedIn.Select(p => Client(handler, target.Address, p)).ToArray();
        using var visitor = Client(handler, target.Address, target.NewVisitor());
        try
        {
            progress($"{target.Name}: overload: measuring saturation closed loop ({options.OverloadWorkers} clients, {options.OverloadStepSeconds} s) ...");
            var (saturation, latency, saturationRefused) = await SaturationAsync(visitor, passengers);
            progress($"{target.Name}: saturation {saturation:F0} requests/s (p99 {latency.P99:F1} ms), {saturationRefused} refused with 503");
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
            return new OverloadResult(saturation, latency, steps, saturationRefused);
        }
        finally
        {
            foreach (var passenger in passengers.Concat(signedIn))
            {
                passenger.Dispose();
            }
        }
    }

    private static HttpClient Client(SocketsHttpHandler handler, Uri address, HttpClient signedIn)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        foreach (var header in signedIn.DefaultRequestHeaders)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
        }
        return client;
    }

    private async Task<(double Rate, Latencies.Summary Latency, long Refused)> SaturationAsync(HttpClient visitor, HttpClient[] passengers)
    {
        var latencies = new Latencies();
        var clock = Stopwatch.StartNew();
        var warmup = TimeSpan.FromSeconds(1);
        var end = warmup + TimeSpan.FromSeconds(options.OverloadStepSeconds);
        long answered = 0, refused = 0;
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
                else if (started >= warmup && outcome is Outcome.Overloaded)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        return (answered / (double)options.OverloadStepSeconds, latencies.Summarise(), refused);
    }

    private async Task<OverloadStep> StepAsync(HttpClient visitor, HttpClient[] passengers, double multiple, int rate)
    {
        var admitted = new Latencies();
        var refused = new Latencies();
        var lag = new Latencies();
        using var poolWait = PoolWaitListener.Start();
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
                var late = Stopwatch.GetElapsedTime(start) - due;
                lag.Add(late);
                // The budget runs from the scheduled send: time spent in the generator counts against it too.
                var outcome = await SendAsync(visitor, passengers, new Random(seed), ClientBudget - late);
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
        await Task.WhenAll(pending);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var lags = lag.Summarise();
        // Requests really handed over per second: the schedule's span plus how late the last ones left.
        var sendSeconds = options.OverloadStepSeconds + lags.Max / 1000;
        return new OverloadStep(multiple, rate, total, total / sendSeconds, seconds, good, overloaded, timeouts, errors,
            admitted.Summarise(), refused.Summarise(), lags, poolWait.Summarise());
    }

    /// <summary>Collects .NET's own measure of how long requests waited for a connection in the client's pool.</summary>
    private sealed class PoolWaitListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Latencies _samples = new();

        public static PoolWaitListener Start()
        {
            var wait = new PoolWaitListener();
            wait._listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.time_in_queue")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            wait._listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => wait._samples.Add(seconds * 1000));
            wait._listener.Start();
            return wait;
        }

        public Latencies.Summary Summarise() => _samples.Summarise();

        public void Dispose() => _listener.Dispose();
    }

    private enum Outcome
    {
        Good,
        Overloaded,
        Timeout,
        Error,
    }

    private async Task<Outcome> SendAsync(HttpClient visitor, HttpClient[] passengers, Random random, TimeSpan? budgetLeft = null)
    {
        var trip = trips[random.Next(trips.Count)];
        var left = budgetLeft ?? ClientBudget;
        if (left <= TimeSpan.Zero)
        {
            return Outcome.Timeout;
        }
        using var budget = new CancellationTokenSource(left);
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
