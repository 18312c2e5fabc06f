using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiuParibahan.Cluster.Tests.Fixtures;

/// <summary>
/// A browser's view of one trip's seat map through nginx, kept the way the page keeps it: a snapshot from <c>Watch</c>,
/// then <c>seatsChanged</c> deltas in version order; on <c>resync</c>, a version gap or a reconnect it takes a new
/// snapshot. Every hold of the load covers the whole trip, so a seat's state on the watched (whole) leg is the state
/// of its change.
/// </summary>
public sealed class SeatWatcher : IAsyncDisposable
{
    private readonly DemoTrip _trip;
    private readonly HubConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, string> _seats = [];

    private SeatWatcher(LocalCluster cluster, DemoTrip trip)
    {
        _trip = trip;
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.PublicAddress, "/hubs/trips"), o =>
            {
                o.Cookies = new CookieContainer();
                // Like a browser on the site: the hub refuses other origins, so the proxy must pass the public host on.
                o.Headers["Origin"] = cluster.PublicAddress.GetLeftPart(UriPartial.Authority);
                o.HttpMessageHandlerFactory = h =>
                {
                    if (h is HttpClientHandler handler)
                    {
                        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                    }
                    return h;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            })
            .WithAutomaticReconnect(new EverySecond())
            .Build();
        _connection.On<JsonElement>("seatsChanged", OnChangedAsync);
        _connection.On<JsonElement>("resync", _ => ResyncInBackground());
        _connection.Reconnected += _ =>
        {
            Reconnects++;
            Signal();
            return ResyncInBackground();
        };
    }

    public long Version { get; private set; }

    public int Deltas { get; private set; }

    public int Resyncs { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>Deltas applied since the last (re)snapshot, i.e. live changes received after a break.</summary>
    public int DeltasSinceResync { get; private set; }

    // Completed (and replaced) whenever the view changes or the connection comes back: waiters wake on that event
    // instead of sleeping and looking again.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking it each time the watcher's view or connection changes.</summary>
    public async Task WaitUntilAsync(Func<SeatWatcher, bool> condition, TimeSpan timeout, string failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            // Read the signal before the condition, so a change between the two still wakes this waiter.
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this))
            {
                return;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Assert.Fail(failure);
            }
        }
    }

    private void Signal() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public static async Task<SeatWatcher> StartAsync(LocalCluster cluster, DemoTrip trip, CancellationToken cancellationToken)
    {
        var watcher = new SeatWatcher(cluster, trip);
        await watcher._connection.StartAsync(cancellationToken);
        await watcher.ResyncAsync();
        return watcher;
    }

    public IReadOnlyDictionary<string, string> Seats
    {
        get
        {
            _gate.Wait();
            try
            {
                return new Dictionary<string, string>(_seats);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    // A handler must not await a hub invocation (its answer arrives on the loop that runs the handler).
    private Task ResyncInBackground()
    {
        _ = Task.Run(ResyncAsync);
        return Task.CompletedTask;
    }

    private async Task ResyncAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var snapshot = await _connection.InvokeAsync<JsonElement>("Watch", _trip.TripId, _trip.From, _trip.To);
                await _gate.WaitAsync();
                try
                {
                    var version = snapshot.GetProperty("version").GetInt64();
                    // Versions are persisted with the trip, so an older snapshot than the view is a stale answer.
                    if (version >= Version)
                    {
                        _seats = snapshot.GetProperty("seats").EnumerateArray()
                            .ToDictionary(s => s.GetProperty("seat").GetString()!, s => s.GetProperty("state").GetString()!);
                        Version = version;
                    }
                    Resyncs++;
                    DeltasSinceResync = 0;
                }
                finally
                {
                    _gate.Release();
                }
                Signal();
                return;
            }
            catch (Exception) when (attempt < 60 && _connection.State != HubConnectionState.Disconnected)
            {
                // The trip may be reactivating on another silo: try again shortly.
                await Task.Delay(500);
            }
        }
    }

    private async Task OnChangedAsync(JsonElement change)
    {
        var version = change.GetProperty("version").GetInt64();
        bool gap;
        await _gate.WaitAsync();
        try
        {
            if (version <= Version)
            {
                return;
            }
            gap = version != Version + 1;
            if (!gap)
            {
                foreach (var seat in change.GetProperty("changes").EnumerateArray().GroupBy(c => c.GetProperty("seat").GetString()!))
                {
                    var states = seat.Select(c => c.GetProperty("state").GetString()!).ToList();
                    _seats[seat.Key] = states.FirstOrDefault(s => s != "free") ?? "free";
                }
                Version = version;
                Deltas++;
                DeltasSinceResync++;
            }
        }
        finally
        {
            _gate.Release();
        }
        Signal();
        if (gap)
        {
            await ResyncInBackground();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private sealed class EverySecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromSeconds(1) : null;
    }
}
