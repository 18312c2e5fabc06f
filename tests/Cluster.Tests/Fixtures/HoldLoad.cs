using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DiuParibahan.Cluster.Tests.Fixtures;

/// <summary>One request of the load and how it ended, on the load's clock.</summary>
public sealed record LoadEvent(TimeSpan At, string Kind, string TripId, HttpStatusCode? Status, string? Error);

/// <summary>
/// An acknowledged hold (201): its owner (the access token of the passenger who holds it), seats and whether its
/// release was acknowledged later (204).
/// </summary>
public sealed record AckedHold(DemoTrip Trip, string HoldId, string OwnerToken, IReadOnlyList<string> Seats, TimeSpan At)
{
    public bool Released { get; set; }

    /// <summary>
    /// A release answered with anything but 204 may or may not have happened: a 5xx or timeout hides the outcome, and
    /// nginx replays a DELETE (idempotent) on another frontend when the first one dies mid-request, so a 404 can follow
    /// a release that worked.
    /// </summary>
    public bool ReleaseUncertain { get; set; }

    public HttpStatusCode? ReleaseStatus { get; set; }
}

/// <summary>
/// Continuous hold/release traffic through nginx, as passengers signed in by SMS code (each worker signs in a pool of
/// its own and rotates through it, so no passenger meets the per-trip hold limit): every worker reads a seat map, holds
/// one or two free seats end to end and releases about half of its holds again. It records every
/// request's outcome and every acknowledged hold, so a test can check afterwards that nothing acknowledged was lost and
/// no seat was given to two holds.
/// </summary>
public sealed class HoldLoad : IAsyncDisposable
{
    private readonly LocalCluster _cluster;
    private readonly IReadOnlyList<DemoTrip> _trips;
    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Task> _workers = [];
    private const int PassengersPerWorker = 12;

    public HoldLoad(LocalCluster cluster, IReadOnlyList<DemoTrip> trips, int workers = 6)
    {
        _cluster = cluster;
        _trips = trips;
        _client = cluster.PublicClient(TimeSpan.FromSeconds(12));
        for (var i = 0; i < workers; i++)
        {
            var seed = i;
            _workers.Add(Task.Run(() => RunAsync(seed)));
        }
    }

    public ConcurrentQueue<LoadEvent> Events { get; } = new();

    public ConcurrentQueue<AckedHold> Acknowledged { get; } = new();

    public TimeSpan Now => _clock.Elapsed;

    // Completed (and replaced) whenever the load records an event or an acknowledged hold: waiters wake on real
    // progress instead of sleeping and looking again.
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until the load has acknowledged <paramref name="holds"/> more holds from now.</summary>
    public Task WaitForProgressAsync(int holds, TimeSpan timeout)
    {
        var target = Acknowledged.Count + holds;
        return WaitUntilAsync(() => Acknowledged.Count >= target, timeout,
            () => $"The load acknowledged only {Acknowledged.Count} of {target} holds within {timeout}. Last: {string.Join("; ", Events.TakeLast(5))}");
    }

    /// <summary>
    /// Waits until the requests recorded after <paramref name="from"/> include <paramref name="count"/> that match
    /// <paramref name="match"/>: e.g. that an outage has been answered as such, rather than sleeping through it.
    /// </summary>
    public Task WaitForEventsAsync(TimeSpan from, Func<LoadEvent, bool> match, int count, TimeSpan timeout) =>
        WaitUntilAsync(() => Events.Count(e => e.At >= from && match(e)) >= count, timeout,
            () => $"The load recorded fewer than {count} such requests within {timeout}. Last: {string.Join("; ", Events.TakeLast(5))}");

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            // Read the signal before the condition, so a change between the two still wakes this waiter.
            var recorded = Volatile.Read(ref _recorded).Task;
            if (condition())
            {
                return;
            }
            try
            {
                await recorded.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Assert.Fail(failure());
            }
        }
    }

    private void Signal() =>
        Interlocked.Exchange(ref _recorded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    /// <summary>
    /// The history check: every acknowledged hold not released is still on its trip (seats held, and listed among its
    /// owner's holds), every acknowledged release is gone, and no seat of a trip belongs to two live acknowledged holds.
    /// </summary>
    public async Task VerifyHistoryAsync(CancellationToken cancellationToken)
    {
        var acked = Acknowledged.Where(a => !a.ReleaseUncertain).ToList();
        Assert.NotEmpty(acked);
        foreach (var trip in acked.GroupBy(a => a.Trip.TripId))
        {
            var live = trip.Where(a => !a.Released).ToList();
            var seats = live.SelectMany(a => a.Seats).ToList();
            Assert.True(seats.Count == seats.Distinct().Count(), $"A seat of {trip.Key} was acknowledged to two holds.");
            var map = await GetWithRetryAsync(trip.First().Trip.SeatsPath, null, cancellationToken);
            var states = map.GetProperty("seats").EnumerateArray()
                .ToDictionary(s => s.GetProperty("seat").GetString()!, s => s.GetProperty("state").GetString()!);
            var lost = seats.Where(seat => states[seat] != "held").ToList();
            if (lost.Count > 0)
            {
                // Tell a stale activation (in memory only) from a lost write: reload the trip from storage and look again.
                string afterReload;
                try
                {
                    await _cluster.PostAdminAsync($"/api/admin/trips/{trip.Key}/deactivate", cancellationToken);
                    var reloaded = await GetWithRetryAsync(trip.First().Trip.SeatsPath, null, cancellationToken);
                    var stored = reloaded.GetProperty("seats").EnumerateArray()
                        .ToDictionary(s => s.GetProperty("seat").GetString()!, s => s.GetProperty("state").GetString()!);
                    afterReload = string.Join(",", lost.Select(l => stored[l]));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    afterReload = "unknown (reload failed: " + e.Message + ")";
                }
                Assert.Fail($"{trip.Key}: acknowledged seats {string.Join(",", lost)} are free in memory and "
                    + $"{afterReload} after a reload from storage. Holds: "
                    + string.Join("; ", Acknowledged.Where(a => a.Trip.TripId == trip.Key && a.Seats.Intersect(lost).Any())
                        .Select(a => $"{a.HoldId} at {a.At.TotalSeconds:F1}s release={a.ReleaseStatus}")));
            }
            foreach (var seat in seats)
            {
                Assert.True(states[seat] == "held", $"{trip.Key} seat {seat} was acknowledged as held but is {states[seat]}. "
                    + $"Holds of that seat: {string.Join("; ", Acknowledged.Where(a => a.Trip.TripId == trip.Key && a.Seats.Contains(seat)).Select(a => $"{a.HoldId} release={a.ReleaseStatus}"))}");
            }
        }
        // Owners are checked in parallel batches: each acknowledged hold must (or, released, must not) be its owner's.
        await Parallel.ForEachAsync(acked, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (hold, ct) =>
        {
            var map = await GetWithRetryAsync(hold.Trip.SeatsPath, hold.OwnerToken, ct);
            var mine = map.GetProperty("myHolds").EnumerateArray().Select(h => h.GetProperty("holdId").GetString()).ToList();
            Assert.True(mine.Contains(hold.HoldId) != hold.Released,
                $"Hold {hold.HoldId} ({(hold.Released ? "released" : "live")}) is {(hold.Released ? "still listed" : "missing")} for its owner.");
        });
    }

    public IEnumerable<LoadEvent> Between(TimeSpan from, TimeSpan to) => Events.Where(e => e.At >= from && e.At <= to);

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _client.Dispose();
        _stop.Dispose();
    }

    private async Task<JsonElement> GetWithRetryAsync(string path, string? owner, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (owner is not null)
            {
                request.Headers.Authorization = new("Bearer", owner);
            }
            try
            {
                using var response = await _client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                }
                Assert.True(attempt < 20 && (int)response.StatusCode >= 500, $"GET {path} answered {(int)response.StatusCode}.");
            }
            catch (HttpRequestException) when (attempt < 20)
            {
            }
            await Task.Delay(500, cancellationToken);
        }
    }

    private async Task RunAsync(int seed)
    {
        var random = new Random(seed);
        var token = _stop.Token;
        var passengers = new List<string>();
        while (passengers.Count < PassengersPerWorker && !token.IsCancellationRequested)
        {
            try
            {
                passengers.Add(await _cluster.SignInPassengerAsync(_client, token));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                Events.Enqueue(new LoadEvent(_clock.Elapsed, "sign-in", "", null, e.Message));
            }
        }
        var turn = 0;
        while (!token.IsCancellationRequested)
        {
            var trip = _trips[random.Next(_trips.Count)];
            try
            {
                // Without a seat map (the trip is unavailable) the visitor still tries a seat, as a stale page would.
                var free = await ReadFreeSeatsAsync(trip, token) ?? [trip.Seats[random.Next(trip.Seats.Count)]];
                if (free.Count > 0)
                {
                    var seats = free.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                    var owner = passengers[turn++ % passengers.Count];
                    var hold = await HoldAsync(trip, seats, owner, token);
                    // Three in four holds are released again, so the coaches do not fill up during a drill.
                    if (hold is not null && random.Next(4) != 0)
                    {
                        await ReleaseAsync(hold, token);
                    }
                }
                await Task.Delay(random.Next(150, 300), token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<List<string>?> ReadFreeSeatsAsync(DemoTrip trip, CancellationToken token)
    {
        var (status, body, error) = await SendAsync(new HttpRequestMessage(HttpMethod.Get, trip.SeatsPath), token);
        Record("seats", trip, status, error);
        if (status != HttpStatusCode.OK)
        {
            await Task.Delay(200, token);
            return null;
        }
        return body.GetProperty("seats").EnumerateArray()
            .Where(s => s.GetProperty("state").GetString() == "free")
            .Select(s => s.GetProperty("seat").GetString()!)
            .ToList();
    }

    private async Task<AckedHold?> HoldAsync(DemoTrip trip, List<string> seats, string owner, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/trips/{trip.TripId}/holds")
        {
            Content = JsonContent.Create(new { seats, from = trip.From, to = trip.To, requestId = Guid.NewGuid().ToString() }),
        };
        request.Headers.Authorization = new("Bearer", owner);
        var (status, body, error) = await SendAsync(request, token);
        Record("hold", trip, status, error);
        if (status != HttpStatusCode.Created)
        {
            return null;
        }
        var hold = new AckedHold(trip, body.GetProperty("holdId").GetString()!, owner, seats, _clock.Elapsed);
        Acknowledged.Enqueue(hold);
        Signal();
        return hold;
    }

    private async Task ReleaseAsync(AckedHold hold, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/holds/{Uri.EscapeDataString(hold.HoldId)}");
        request.Headers.Authorization = new("Bearer", hold.OwnerToken);
        // Uncertain until answered: a release cancelled on our side when the load stops may still run on the server.
        hold.ReleaseUncertain = true;
        var (status, _, error) = await SendAsync(request, token);
        Record("release", hold.Trip, status, error);
        hold.ReleaseStatus = status;
        hold.Released = status == HttpStatusCode.NoContent;
        hold.ReleaseUncertain = !hold.Released;
    }

    private async Task<(HttpStatusCode? Status, JsonElement Body, string? Error)> SendAsync(HttpRequestMessage request, CancellationToken token)
    {
        using (request)
        {
            try
            {
                using var response = await _client.SendAsync(request, token);
                var text = await response.Content.ReadAsStringAsync(token);
                var body = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
                return (response.StatusCode, body, null);
            }
            catch (HttpRequestException e)
            {
                return (null, default, e.Message);
            }
            catch (TaskCanceledException e) when (!token.IsCancellationRequested)
            {
                return (null, default, "timeout: " + e.Message);
            }
        }
    }

    private void Record(string kind, DemoTrip trip, HttpStatusCode? status, string? error)
    {
        Events.Enqueue(new LoadEvent(_clock.Elapsed, kind, trip.TripId, status, error));
        Signal();
    }
}
