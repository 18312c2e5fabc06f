using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>What the waiting-room run measured.</summary>
public sealed record WaitingRoomResult(
    int Waiters,
    int JoinRate,
    int JoinFailures,
    double SendSeconds,
    double JoinSeconds,
    Latencies.Summary Join,
    int Frontends,
    int FollowerProcesses,
    int Followers,
    int Connected,
    double ConnectSeconds,
    int Dropped,
    int Missed,
    Latencies.Summary Notice,
    int Trips,
    double ObserveSeconds,
    int[] Updates,
    long AdmittedBefore,
    long AdmittedAfter,
    int SeenAdmittedMin,
    int SeenAdmittedMax,
    Latencies.Summary NoticeFromSend)
{
    /// <summary>Joins answered per second, from the first scheduled send to the last answer.</summary>
    public double JoinsPerSecond => (Waiters - JoinFailures) / JoinSeconds;
}

/// <summary>
/// The Eid waiting room at full size. <c>waiters</c> verified passengers (tokens minted with the frontends' signing
/// key, so sign-in is not what is measured) join one sale window open loop at <c>joinRate</c> per second, spread over
/// the frontends as a load balancer would (latency from the scheduled send). Then every waiter follows the window with
/// its own SignalR connection, held by <see cref="QueueFollowers"/> child processes (the per-process open-files limit),
/// position updates are counted for a while, and every seat of the window's trips is blocked through the ops API; the
/// time from the last block's answer to each follower's sold-out notice is measured.
/// </summary>
public sealed class WaitingRoom(Action<string> progress)
{
    private const int ConnectionsPerFrontend = 64;

    public async Task<WaitingRoomResult> RunAsync(IReadOnlyList<Uri> frontends, string authSigningKey, string logDirectory,
        IReadOnlyList<BenchTrip> trips, BenchOptions options)
    {
        var waiters = options.QueueWaiters;
        var tokens = new TokenMinter(authSigningKey);
        using var ops = new HttpClient { BaseAddress = frontends[0], Timeout = TimeSpan.FromSeconds(60) };
        ops.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Mint("bench-ops", "ops", null));

        // The window covers one route on one day: the far-away trips of the discovered list, which nothing else touches.
        var probe = trips[^1];
        var listings = await ops.GetFromJsonAsync<JsonElement>(
            $"/api/trips?from={probe.Origin}&to={probe.Terminus}&date={probe.Day:yyyy-MM-dd}");
        var routeId = listings.EnumerateArray().First(l => l.GetProperty("tripId").GetString() == probe.TripId).GetProperty("routeId").GetString()!;
        var sameRoute = listings.EnumerateArray().Where(l => l.GetProperty("routeId").GetString() == routeId)
            .Select(l => l.GetProperty("tripId").GetString()).ToHashSet();
        var windowTrips = trips.Where(t => sameRoute.Contains(t.TripId)).ToList();
        var opensAt = DateTimeOffset.UtcNow.AddSeconds(5);
        var created = await ops.PostAsJsonAsync("/api/admin/sale-windows", new
        {
            routeIds = new[] { routeId },
            travelDates = new[] { probe.Day.ToString("yyyy-MM-dd") },
            opensAt,
            admissionPerMinute = 600,
            admissionValidity = "00:10:00",
        });
        created.EnsureSuccessStatusCode();
        var windowId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        progress($"  window {windowId} on {routeId} {probe.Day:yyyy-MM-dd} ({windowTrips.Count} trips), {frontends.Count} frontends");
        // Every frontend must know the window before joins reach it (each keeps a copy of the list for Queue:WindowCacheAge).
        foreach (var frontend in frontends.Skip(1))
        {
            await WaitUntilKnownAsync(frontend, windowId, tokens);
        }

        try
        {
            var (failures, sendSeconds, joinSeconds, joinLatencies) = await JoinAsync(frontends, windowId, tokens, waiters, options.QueueJoinRate);
            progress($"  {waiters:N0} joins offered at {options.QueueJoinRate:N0}/s: {(waiters - failures) / joinSeconds:F0} joins/s answered, "
                + $"p50 {joinLatencies.P50:F0} ms, p99 {joinLatencies.P99:F0} ms ({failures} failed)");

            progress($"  {waiters:N0} followers (one per waiter) connecting from {options.QueueFollowerProcesses} processes ...");
            var connectClock = Stopwatch.StartNew();
            await using var followers = await QueueFollowers.StartAsync(logDirectory, authSigningKey, windowId, frontends, waiters,
                options.QueueFollowerProcesses, progress);
            var connectSeconds = connectClock.Elapsed.TotalSeconds;
            progress($"  {followers.Connected:N0} followers connected in {connectSeconds:F0} s ({followers.Failed} failed)");

            var untilOpen = opensAt - DateTimeOffset.UtcNow;
            if (untilOpen > TimeSpan.Zero)
            {
                await Task.Delay(untilOpen + TimeSpan.FromSeconds(1));
            }
            progress($"  observing position updates for {options.QueueObserveSeconds} s ...");
            var admittedBefore = await AdmittedAsync(ops, windowId);
            await followers.ObserveAsync();
            var observed = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.QueueObserveSeconds));

            progress("  selling out the window's trips (ops blocks every seat) ...");
            var lastSentAt = 0L;
            foreach (var trip in windowTrips)
            {
                lastSentAt = Stopwatch.GetTimestamp();
                var blocked = await ops.PostAsJsonAsync($"/api/admin/trips/{trip.TripId}/blocks",
                    new { seats = trip.Seats, from = trip.Origin, to = trip.Terminus, reason = "waiting-room benchmark" });
                blocked.EnsureSuccessStatusCode();
            }
            var soldAt = Stopwatch.GetTimestamp();
            // Counting updates stops when the children are asked to collect, right after the last block.
            var observeSeconds = observed.Elapsed.TotalSeconds;
            var reports = await followers.CollectAsync(TimeSpan.FromSeconds(30));
            var admittedAfter = await AdmittedAsync(ops, windowId);

            var notice = new Latencies();
            var fromSend = new Latencies();
            foreach (var at in reports.SelectMany(r => r.Notices))
            {
                // GetElapsedTime(a, b) is b − a, negative when a notice came before the block's answer.
                notice.Add(Stopwatch.GetElapsedTime(soldAt, at));
                fromSend.Add(Stopwatch.GetElapsedTime(lastSentAt, at));
            }
            var summary = notice.Summarise();
            var connected = reports.Sum(r => r.Connected);
            var admittedSeen = reports.SelectMany(r => r.Admitted).DefaultIfEmpty(-1).ToArray();
            var result = new WaitingRoomResult(waiters, options.QueueJoinRate, failures, sendSeconds, joinSeconds, joinLatencies,
                frontends.Count, options.QueueFollowerProcesses, waiters, connected, connectSeconds, reports.Sum(r => r.Dropped),
                waiters - summary.Count, summary, windowTrips.Count, observeSeconds, [.. reports.SelectMany(r => r.Updates)],
                admittedBefore, admittedAfter, admittedSeen.Min(), admittedSeen.Max(), fromSend.Summarise());
            progress($"  sold-out notice to {summary.Count:N0}/{waiters:N0} followers: p50 {summary.P50:F0} ms, p99 {summary.P99:F0} ms, "
                + $"max {summary.Max:F0} ms; {result.Dropped} dropped");
            return result;
        }
        finally
        {
            (await ops.PostAsJsonAsync($"/api/admin/sale-windows/{windowId}/close", new { reason = "benchmark done" })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Open loop: join <c>i</c> is due at <c>i / rate</c> seconds and its latency counts from then.</summary>
    private static async Task<(int Failures, double SendSeconds, double JoinSeconds, Latencies.Summary Latency)> JoinAsync(
        IReadOnlyList<Uri> frontends, string windowId, TokenMinter tokens, int waiters, int rate)
    {
        // Minted up front, so the generator's own HMACs do not slow the schedule.
        var bearer = Enumerable.Range(0, waiters).Select(tokens.MintWaiter).ToArray();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = ConnectionsPerFrontend };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var latencies = new Latencies();
        var failures = 0;
        var errors = new ConcurrentDictionary<string, int>();
        var pending = new List<Task>(waiters);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < waiters; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            while (Stopwatch.GetElapsedTime(start) < due)
            {
                await Task.Delay(1);
            }
            var index = i;
            pending.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(frontends[index % frontends.Count], $"/api/queue/{windowId}/join"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer[index]);
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.IsSuccessStatusCode)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start) - due);
                        return;
                    }
                    errors.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
                Interlocked.Increment(ref failures);
            }));
        }
        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(pending);
        var joinSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (!errors.IsEmpty)
        {
            Console.WriteLine("  join failures: " + string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}")));
        }
        return (failures, sendSeconds, joinSeconds, latencies.Summarise());
    }

    private static async Task WaitUntilKnownAsync(Uri frontend, string windowId, TokenMinter tokens)
    {
        using var http = new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.MintWaiter(99_999_999));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            // A phone that never joined: 404 not-in-queue once the window is known there, sale-window-not-found before.
            using var response = await http.GetAsync($"/api/queue/{windowId}/me");
            var body = await response.Content.ReadAsStringAsync();
            if (!body.Contains("sale-window-not-found", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{frontend} did not learn of window {windowId} within 30 s.");
    }

    private static async Task<long> AdmittedAsync(HttpClient ops, string windowId)
    {
        var windows = await ops.GetFromJsonAsync<JsonElement>("/api/admin/sale-windows");
        return windows.EnumerateArray().First(w => w.GetProperty("id").GetString() == windowId)
            .GetProperty("queue").GetProperty("admitted").GetInt64();
    }

    public static string Section(WaitingRoomResult r, string parameters, string load)
    {
        var updates = r.Updates.Order().ToArray();
        var perSecond = updates.Length == 0 ? double.NaN : updates[updates.Length / 2] / r.ObserveSeconds;
        var allTold = r.Missed == 0 && r.Connected == r.Followers;
        return $"""
            ## Eid waiting room: joins and the sold-out notice

            {parameters}

            {load}

            | measure | value |
            |---|---|
            | joins offered | {r.Waiters:N0} at {r.JoinRate:N0}/s (sent in {r.SendSeconds:F1} s) |
            | joins answered | **{r.JoinsPerSecond:F0} joins/s** (last answer after {r.JoinSeconds:F1} s), p50 {r.Join.P50:F0} ms, p99 {r.Join.P99:F0} ms, max {r.Join.Max:F0} ms from the scheduled send; {r.JoinFailures} failed |
            | followers | {r.Connected:N0}/{r.Followers:N0} connected in {r.ConnectSeconds:F0} s over {r.Frontends} frontends from {r.FollowerProcesses} processes; {r.Dropped} dropped before the end |
            | position updates ({r.ObserveSeconds:F1} s observed, admissions at 600/min) | per follower min {(updates.Length == 0 ? 0 : updates[0])}, median {(updates.Length == 0 ? 0 : updates[updates.Length / 2])}, max {(updates.Length == 0 ? 0 : updates[^1])} `queueChanged` (median {perSecond:F2}/s; at most one per frontend round of 1 s is sent); admitted {r.AdmittedBefore} at the start and {r.AdmittedAfter} after the sell-out on the grain, last told to followers before the sell-out {r.SeenAdmittedMin}–{r.SeenAdmittedMax} |
            | sold-out notice ({r.Trips} trips blocked) | to {r.Notice.Count:N0}/{r.Followers:N0} followers: p50 {r.Notice.P50:F0} ms, **p99 {r.Notice.P99:F0} ms**, max {r.Notice.Max:F0} ms from the last block's answer; {r.Missed} missed within 30 s |
            | the same from the last block's send | p50 {r.NoticeFromSend.P50:F0} ms, p99 {r.NoticeFromSend.P99:F0} ms, max {r.NoticeFromSend.Max:F0} ms (includes that request's own latency) |

            - {(r.JoinsPerSecond >= 5_000 && r.JoinFailures == 0 ? "PASS" : "MISS")}: ≥ 5,000 joins/s sustained (answered {r.JoinsPerSecond:F0}/s of {r.JoinRate:N0}/s offered, {r.JoinFailures} failed).
            - {(allTold && r.Notice.P99 <= 2_000 && r.Followers >= 20_000 ? "PASS" : "MISS")}: sold-out notice to every one of 20,000 waiters, p99 ≤ 2 s ({r.Notice.Count:N0}/{r.Followers:N0} told, p99 {r.Notice.P99:F0} ms from the answer, {r.NoticeFromSend.P99:F0} ms from the send).

            The notice latency runs from the answer to the last seat block to each follower's `queueChanged` with `state:
            soldout`: the trip's report to its departure board, each frontend's next seat count (every `Queue:PollInterval`,
            1 s), the queue grain's stored switch to sold out, and one SignalR group send per frontend to its own followers.
            """;
    }
}
