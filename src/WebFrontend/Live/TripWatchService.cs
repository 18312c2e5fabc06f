using System.Diagnostics;
using System.Diagnostics.Metrics;
using DiuParibahan.Grains.Trips;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.SignalR;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>
/// One grain watch per trip on this frontend, however many browsers view it: updates from the trip grain are fanned out
/// to the trip's SignalR group. The watch starts with the first viewer and stops after the last leaves. If the stream
/// breaks (the grain moved or a silo died), it is reopened and viewers are told to resync if they may have missed
/// anything.
/// </summary>
public sealed partial class TripWatchService(
    IGrainFactory grains,
    IHubContext<TripsHub> hub,
    IMeterFactory meters,
    ILogger<TripWatchService> logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TripWatch> _watches = new(StringComparer.Ordinal);
    private readonly Histogram<double> _fanOut = meters.Create(DiuParibahan.Hosting.Telemetry.TelemetryExtensions.WebMeterName)
        .CreateHistogram<double>("diuparibahan.fanout.duration", "ms", "Time to hand one trip update to its SignalR group");

    public static string GroupName(string tripId) => "trip:" + tripId;

    /// <summary>Counts a viewer and waits until the trip's grain stream is open.</summary>
    public Task AddViewerAsync(string tripId, string connectionId)
    {
        TripWatch watch;
        lock (_gate)
        {
            if (!_watches.TryGetValue(tripId, out watch!))
            {
                watch = new TripWatch(tripId);
                _watches[tripId] = watch;
                watch.Loop = Task.Run(() => RunAsync(watch));
            }
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
                _watches.Remove(tripId);
                watch.Stop.Cancel();
            }
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
        var group = hub.Clients.Group(GroupName(watch.TripId));
        while (!watch.Stop.IsCancellationRequested)
        {
            try
            {
                var first = true;
                await foreach (var update in grains.GetGrain<ITripGrain>(watch.TripId).WatchAsync(watch.Stop.Token))
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
                        continue;
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
                LogWatchBroken(logger, ex, watch.TripId);
            }
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

    public async ValueTask DisposeAsync()
    {
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

    private sealed class TripWatch(string tripId)
    {
        public string TripId { get; } = tripId;
        public HashSet<string> Viewers { get; } = [];
        public CancellationTokenSource Stop { get; } = new();
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task? Loop { get; set; }
    }
}
