using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DiuParibahan.Benchmarks.Catalog;
using DiuParibahan.Benchmarks.Load;
using Microsoft.AspNetCore.SignalR.Client;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>What the waiting-room run measured.</summary>
public sealed record WaitingRoomResult(int Waiters, int JoinFailures, double JoinSeconds, int Followers, int Missed, Latencies.Summary Notice, int Trips)
{
    public double JoinsPerSecond => Waiters / JoinSeconds;
}

/// <summary>
/// The Eid waiting room: <c>waiters</c> verified passengers join one sale window (closed loop, 64 clients, tokens minted
/// with the frontend's signing key so sign-in is not what is measured), <c>followers</c> hub connections follow it, then
/// every seat of the window's trips is blocked through the ops API and the time from the last block's answer to each
/// follower's sold-out notice is measured.
/// </summary>
public sealed class WaitingRoom(Action<string> progress)
{
    private const int Clients = 64;

    public async Task<WaitingRoomResult> RunAsync(Uri frontend, string authSigningKey, IReadOnlyList<BenchTrip> trips, int waiters, int followers)
    {
        var tokens = new TokenMinter(authSigningKey);
        using var ops = new HttpClient { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(60) };
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
        progress($"  window {windowId} on {routeId} {probe.Day:yyyy-MM-dd} ({windowTrips.Count} trips)");

        progress($"  {followers:N0} followers connecting ...");
        var notices = new ConcurrentDictionary<int, long>();
        var connections = new List<HubConnection>();
        foreach (var chunk in Enumerable.Range(0, followers).Chunk(200))
        {
            connections.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var connection = new HubConnectionBuilder().WithUrl(new Uri(frontend, "/hubs/queue")).Build();
                connection.On<JsonElement>("queueChanged", s =>
                {
                    if (s.GetProperty("state").GetString() == "soldout")
                    {
                        notices.TryAdd(i, Stopwatch.GetTimestamp());
                    }
                });
                await connection.StartAsync();
                await connection.InvokeAsync<JsonElement>("Follow", windowId);
                return connection;
            })));
        }

        try
        {
            progress($"  {waiters:N0} joins from {Clients} clients ...");
            var failures = 0;
            var next = -1;
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients };
            using var http = new HttpClient(handler) { BaseAddress = frontend, Timeout = TimeSpan.FromSeconds(60) };
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < waiters; i = Interlocked.Increment(ref next))
                {
                    var phone = $"+88015{i:D8}";
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/queue/{windowId}/join");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Mint("bench-" + phone, "passenger", phone));
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }));
            var joinSeconds = clock.Elapsed.TotalSeconds;
            progress($"  {waiters / joinSeconds:F0} joins/s ({failures} failed)");

            var untilOpen = opensAt - DateTimeOffset.UtcNow;
            if (untilOpen > TimeSpan.Zero)
            {
                await Task.Delay(untilOpen + TimeSpan.FromSeconds(1));
            }
            progress("  selling out the window's trips (ops blocks every seat) ...");
            foreach (var trip in windowTrips)
            {
                var blocked = await ops.PostAsJsonAsync($"/api/admin/trips/{trip.TripId}/blocks",
                    new { seats = trip.Seats, from = trip.Origin, to = trip.Terminus, reason = "waiting-room benchmark" });
                blocked.EnsureSuccessStatusCode();
            }
            var soldAt = Stopwatch.GetTimestamp();
            var deadline = Stopwatch.StartNew();
            while (notices.Count < followers && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
            var latencies = new Latencies();
            foreach (var at in notices.Values)
            {
                latencies.Add(Stopwatch.GetElapsedTime(soldAt, at));
            }
            var summary = latencies.Summarise();
            progress($"  sold-out notice to {notices.Count:N0}/{followers:N0} followers: p50 {summary.P50:F0} ms, p99 {summary.P99:F0} ms");
            return new WaitingRoomResult(waiters, failures, joinSeconds, followers, followers - notices.Count, summary, windowTrips.Count);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            (await ops.PostAsJsonAsync($"/api/admin/sale-windows/{windowId}/close", new { reason = "benchmark done" })).EnsureSuccessStatusCode();
        }
    }

    public static string Section(WaitingRoomResult r, string parameters) => $"""
        ## Eid waiting room: joins and the sold-out notice

        {parameters}

        | measure | value |
        |---|---|
        | joins | {r.Waiters:N0} in {r.JoinSeconds:F1} s = **{r.JoinsPerSecond:F0} joins/s** ({r.JoinFailures} failed) |
        | sold-out notice to {r.Followers:N0} followers ({r.Trips} trips blocked) | p50 {r.Notice.P50:F0} ms, **p99 {r.Notice.P99:F0} ms**, max {r.Notice.Max:F0} ms; {r.Missed} missed within 30 s |

        The notice latency runs from the answer to the last seat block to each follower's `queueChanged` with `state:
        soldout`: the trip's report to its departure board, the frontend's next seat count (every `Queue:PollInterval`,
        1 s), the queue grain's stored switch to sold out, and one SignalR group send.
        """;

    /// <summary>HS256 access tokens as the frontend issues them (issuer, audience and claims of <c>TokenIssuer</c>).</summary>
    private sealed class TokenMinter(string base64Key)
    {
        private readonly byte[] _key = Convert.FromBase64String(base64Key);

        public string Mint(string subject, string role, string? phone)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var claims = new Dictionary<string, object>
            {
                ["iss"] = "diuparibahan",
                ["aud"] = "diuparibahan-web",
                ["iat"] = now,
                ["nbf"] = now,
                ["exp"] = now + 3600,
                ["sub"] = subject,
                ["role"] = role,
                ["name"] = "Bench",
                ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            };
            if (phone is not null)
            {
                claims["phone"] = phone;
                claims["phone_verified"] = "true";
            }
            var body = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""")) + "."
                + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
            return body + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
