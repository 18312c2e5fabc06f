using System.Diagnostics;
using System.Diagnostics.Metrics;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// One grain watch per trip on this frontend, however many browsers view it: updates from the trip grain are fanned out
/// to the trip's SignalR group and applied to the trip's <see cref="TripReplica"/>. The watch starts with the first
/// viewer or seat-map read and stops once nobody views the trip and nobody has read it for
/// <see cref="ReplicaOptions.IdleAfter"/>. If the stream breaks (the grain moved or a silo died), it is reopened, the
/// replica is stale until a new snapshot, and viewers are told to resync if they may have missed anything.
/// </summary>
public sealed partial class TripWatchService : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TripWatch> _watches = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly IHubContext<TripsHub> _hub;
    private readonly ILogger<TripWatchService> _logger;
    private readonly TimeProvider _time;
    private readonly ReplicaOptions _options;
    private readonly Histogram<double> _fanOut;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _sweeper;

    public TripWatchService(
        IGrainFactory grains,
        IHubContext<TripsHub> hub,
        IMeterFactory meters,
        ILogger<TripWatchService> logger,
        TimeProvider time,
        IOptions<ReplicaOptions> options)
    {
        (_grains, _hub, _logger, _time, _options) = (grains, hub, logger, time, options.Value);
        var meter = meters.Create(DiuParibahan.Hosting.Telemetry.TelemetryExtensions.WebMeterName);
        _fanOut = meter.CreateHistogram<double>("diuparibahan.fanout.duration", "ms", "Time to hand one trip update to its SignalR group");
        _sweeper = _options.Enabled ? SweepIdleAsync() : Task.CompletedTask;
    }

    public static string GroupName(string tripId) => "trip:" + tripId;

    /// <summary>Counts a viewer and waits until the trip's grain stream is open.</summary>
    public Task AddViewerAsync(string tripId, string connectionId)
    {
        TripWatch watch;
        lock (_gate)
        {
            watch = WatchOf(tripId);
            watch.Viewers.Add(connectionId);
        }
        return watch.Opened.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void RemoveViewer(string tripId, string connectionId)
    {
        lock (_gate)
        {
            if (_watches.TryGetValue(tripId, out var watch) && watch.Viewers.Remove(connectionId) && watch.Viewers.Count == 0)
            {
                if (_options.Enabled)
                {
                    // The replica stays for readers until the idle sweep finds nobody read it for a while.
                    watch.LastRead = _time.GetUtcNow();
                }
                else
                {
                    _watches.Remove(tripId);
                    watch.Stop.Cancel();
                }
            }
        }
    }

    /// <summary>
    /// The replica of <paramref name="tripId"/> at version <paramref name="minVersion"/> or later, waiting up to
    /// <see cref="ReplicaOptions.ReadWait"/> for it; null when the caller must read the trip grain instead (replicas
    /// off, the replica not yet or no longer fresh, or behind for longer than the wait). The first read of a trip
    /// starts its watch (the caller has checked the trip exists) and is answered by the grain.
    /// </summary>
    /// <remarks>
    /// The fence is the client's own: <paramref name="minVersion"/> is the newest version that client has seen (its
    /// own write's answer, or a map it read), so it gets read-your-writes and monotonic reads and never waits for
    /// anyone else's writes. A read that asks for nothing (0) is answered at once from a fresh replica. Writes through
    /// this frontend are not remembered here: fencing every read at the frontend's newest acknowledged write made
    /// most reads of a write-heavy mix wait for the stream (docs/benchmarks.md).
    /// </remarks>
    public async ValueTask<TripReplica.View?> ReadReplicaAsync(string tripId, long minVersion, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return null;
        }
        TripWatch watch;
        lock (_gate)
        {
            if (!_watches.ContainsKey(tripId) && _watches.Count >= _options.MaxTrips)
            {
                // Bounded memory and grain streams: past the cap, trips without a watch are read from their grains.
                return null;
            }
            watch = WatchOf(tripId);
            watch.LastRead = _time.GetUtcNow();
        }
        if (!watch.Replica.IsFresh)
        {
            return null;
        }
        return await watch.Replica.WaitForAsync(minVersion, _options.ReadWait, cancellationToken);
    }

    /// <summary>Whether this frontend keeps a watch (and replica) of the trip, without starting one.</summary>
    public TripReplica? ReplicaOf(string tripId)
    {
        lock (_gate)
        {
            return _watches.TryGetValue(tripId, out var watch) ? watch.Replica : null;
        }
    }

    // Call under _gate.
    private TripWatch WatchOf(string tripId)
    {
        if (!_watches.TryGetValue(tripId, out var watch))
        {
            watch = new TripWatch(tripId, new TripReplica(tripId, _time)) { LastRead = _time.GetUtcNow() };
            _watches[tripId] = watch;
            watch.Loop = Task.Run(() => RunAsync(watch));
        }
        return watch;
    }

    /// <summary>Stops watches nobody views and nobody has read for <see cref="ReplicaOptions.IdleAfter"/>.</summary>
    private async Task SweepIdleAsync()
    {
        using var timer = new PeriodicTimer(_options.IdleAfter / 2, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var cutoff = _time.GetUtcNow() - _options.IdleAfter;
                lock (_gate)
                {
                    foreach (var idle in _watches.Values.Where(w => w.Viewers.Count == 0 && w.LastRead < cutoff).ToList())
                    {
                        _watches.Remove(idle.TripId);
                        idle.Stop.Cancel();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void RemoveConnection(string connectionId)
    {
        string[] trips;
        lock (_gate)
        {
            trips = _watches.Where(w => w.Value.Viewers.Contains(connectionId)).Select(w => w.Key).ToArray();
        }
        foreach (var trip in trips)
        {
            RemoveViewer(trip, connectionId);
        }
    }

    /// <summary>Trips watched by this frontend now (for status pages and tests).</summary>
    public IReadOnlyCollection<string> WatchedTrips
    {
        get
        {
            lock (_gate)
            {
                return _watches.Keys.ToArray();
            }
        }
    }

    private async Task RunAsync(TripWatch watch)
    {
        long? forwarded = null;
        var attempt = 0;
        var group = _hub.Clients.Group(GroupName(watch.TripId));
        var trip = _grains.GetGrain<ITripGrain>(watch.TripId);
        while (!watch.Stop.IsCancellationRequested)
        {
            try
            {
                var first = true;
                await foreach (var update in trip.WatchAsync(watch.Stop.Token))
                {
                    if (first)
                    {
                        // The marker of a (re)opened stream: anyone who saw another version may have missed changes.
                        first = false;
                        if (forwarded is not null && update.Version != forwarded)
                        {
                            await group.SendAsync("resync", new { tripId = watch.TripId }, watch.Stop.Token);
                        }
                        forwarded = update.Version;
                        attempt = 0;
                        watch.Opened.TrySetResult();
                        // The stream is open, so every change after the snapshot arrives on it.
                        if (_options.Enabled)
                        {
                            await ResyncReplicaAsync(watch.Replica, trip);
                        }
                        continue;
                    }
                    // The replica first: a read-your-writes reader may be waiting for exactly this version.
                    if (_options.Enabled && !watch.Replica.Apply(update))
                    {
                        await ResyncReplicaAsync(watch.Replica, trip);
                    }
                    if (update.Version <= forwarded)
                    {
                        continue;
                    }
                    var started = Stopwatch.GetTimestamp();
                    if (update.Resync)
                    {
                        // The trip itself changed (cancelled, delayed, another coach): a delta cannot say that.
                        await group.SendAsync("resync", new { tripId = watch.TripId }, watch.Stop.Token);
                        forwarded = update.Version;
                        continue;
                    }
                    await group.SendAsync("seatsChanged", SeatsChangedDto.Of(update), watch.Stop.Token);
                    _fanOut.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    forwarded = update.Version;
                }
            }
            catch (OperationCanceledException) when (watch.Stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogWatchBroken(_logger, ex, watch.TripId);
            }
            watch.Replica.MarkStale();
            // Back off briefly (grows to 2 s) while the trip reactivates elsewhere.
            attempt++;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), watch.Stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Brings the replica back in line with the grain from a snapshot (after opening the stream or a gap).</summary>
    private static async Task ResyncReplicaAsync(TripReplica replica, ITripGrain trip)
    {
        replica.MarkStale();
        if (await trip.GetSnapshotAsync() is { } snapshot)
        {
            replica.Reset(snapshot);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _sweeper;
        TripWatch[] all;
        lock (_gate)
        {
            all = _watches.Values.ToArray();
            _watches.Clear();
        }
        foreach (var watch in all)
        {
            watch.Stop.Cancel();
        }
        await Task.WhenAll(all.Select(w => w.Loop ?? Task.CompletedTask));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of trip {TripId} broke; reopening")]
    private static partial void LogWatchBroken(ILogger logger, Exception exception, string tripId);

    private sealed class TripWatch(string tripId, TripReplica replica)
    {
        public string TripId { get; } = tripId;
        public TripReplica Replica { get; } = replica;
        public DateTimeOffset LastRead { get; set; }
        public HashSet<string> Viewers { get; } = [];
        public CancellationTokenSource Stop { get; } = new();
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task? Loop { get; set; }
    }
}
