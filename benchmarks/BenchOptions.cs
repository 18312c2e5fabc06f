namespace DiuParibahan.Benchmarks;

/// <summary>Every parameter of a run; printed into docs/benchmarks.md with the results.</summary>
public sealed record BenchOptions
{
    public int EidWorkers { get; init; } = 64;
    // Long enough for tiered JIT and the thread pools of both systems to settle: with 3 s our throughput was still
    // climbing from 1,900 to 4,500 requests/s through the measured 20 s (2026-12-08), the baseline's was not.
    public int EidWarmupSeconds { get; init; } = 15;
    public int EidSeconds { get; init; } = 20;
    public int HotRacers { get; init; } = 200;
    public double EidReadShare { get; init; } = 0.9;
    public int[] HoldRates { get; init; } = [250, 500, 1_000];
    public int HoldStepSeconds { get; init; } = 4;
    public int HoldTripsPerStep { get; init; } = 10;
    public int[] FanoutWatchers { get; init; } = [100, 1_000, 5_000];
    public int FanoutChangesPerSecond { get; init; } = 10;
    public int FanoutSeconds { get; init; } = 8;
    public int FanoutWarmupChanges { get; init; } = 10;
    public int DiscoveryDays { get; init; } = 42;
    public int SoakOperations { get; init; } = 120_000;
    public int SoakMaxSeconds { get; init; } = 240;
    public int SoakWorkers { get; init; } = 64;
    public int SoakTrips { get; init; } = 6;
    public int OverloadWorkers { get; init; } = 128;
    public int OverloadStepSeconds { get; init; } = 5;
    public double[] OverloadMultiples { get; init; } = [0.5, 1, 3, 10];
    public int OverloadPassengers { get; init; } = 200;
    public int QueueWaiters { get; init; } = 20_000;
    public int QueueJoinRate { get; init; } = 5_000;
    public int QueueFrontends { get; init; } = 2;
    public int QueueFollowerProcesses { get; init; } = 4;
    public int QueueObserveSeconds { get; init; } = 10;
    public bool Smoke { get; init; }

    /// <summary>Tiny parameters that only prove the machinery works (seconds, not minutes).</summary>
    public static BenchOptions SmokeRun => new()
    {
        EidWorkers = 8,
        EidWarmupSeconds = 1,
        EidSeconds = 3,
        HotRacers = 60,
        HoldRates = [50, 100],
        HoldStepSeconds = 2,
        HoldTripsPerStep = 3,
        FanoutWatchers = [10, 50],
        FanoutChangesPerSecond = 5,
        FanoutSeconds = 2,
        FanoutWarmupChanges = 2,
        DiscoveryDays = 4,
        SoakOperations = 2_000,
        SoakMaxSeconds = 10,
        SoakWorkers = 8,
        SoakTrips = 2,
        OverloadWorkers = 8,
        OverloadStepSeconds = 2,
        OverloadMultiples = [0.5, 1, 3, 10],
        OverloadPassengers = 10,
        QueueWaiters = 400,
        QueueJoinRate = 200,
        QueueFrontends = 2,
        QueueFollowerProcesses = 2,
        QueueObserveSeconds = 3,
        Smoke = true,
    };

    /// <summary>The parameters that shape one scenario's figures.</summary>
    public string Describe(string scenario) => scenario switch
    {
        "holds" => $"open loop at {string.Join('/', HoldRates)} holds/s for {HoldStepSeconds} s each (latency from the scheduled send), "
            + $"one seat on a random leg of {HoldTripsPerStep} fresh trips per step, 2,000 visitors.",
        "soak" => $"{SoakWorkers} closed-loop visitors on {SoakTrips} trips until {SoakOperations:N0} holds and releases "
            + $"(at most {SoakMaxSeconds} s): holds of 1–3 random seats on random legs, each visitor keeping at most two "
            + "(releasing the older one first), one request in ten a seat map read.",
        "queue" => $"{QueueWaiters:N0} verified passengers join one sale window open loop at {QueueJoinRate:N0}/s (latency from the "
            + $"scheduled send, at most 64 connections per frontend), spread evenly over {QueueFrontends} frontends (one silo, durable "
            + $"PostgreSQL); then each of them follows it with its own SignalR connection to `/hubs/queue` on the frontend it joined "
            + $"(held by {QueueFollowerProcesses} load-generator processes); admissions at 600/min are watched for {QueueObserveSeconds} s, "
            + "then every seat of the window's trips is blocked.",
        "fanout" => $"{string.Join('/', FanoutWatchers)} watchers of one trip (one WebSocket each, all in the benchmark process), "
            + $"{FanoutChangesPerSecond} changes/s for {FanoutSeconds} s after {FanoutWarmupChanges} untimed warm-up changes "
            + "(hold then release of one seat, in turn).",
        "overload" => $"saturation measured closed loop ({OverloadWorkers} clients, {OverloadStepSeconds} s after 1 s warm-up), then open loop "
            + $"at {string.Join(" / ", OverloadMultiples.Select(m => m + "×"))} of it for {OverloadStepSeconds} s each (latency from the scheduled "
            + $"send, 10 s client budget); 90 % anonymous seat-map reads, 10 % one-seat holds by {OverloadPassengers} signed-in passengers, "
            + "over the mix's trips.",
        _ => $"{EidWorkers} closed-loop clients, {EidWarmupSeconds} s warm-up + {EidSeconds} s measured, "
            + $"{EidReadShare:P0} reads (seat maps and searches, half each), the rest holds (1–2 seats, random leg) of which half "
            + $"are released at once, the others kept; hot trip: {HotRacers} racers for all seats of one coach, "
            + "each keeping the first seat it holds.",
    };
}
