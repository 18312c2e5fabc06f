using System.Security.Cryptography;
using DiuParibahan.Benchmarks.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace DiuParibahan.Benchmarks.Baseline;

/// <summary>
/// The baseline behind the same HTTP surface shape as the product (search, seat map, hold, release), plus the bare
/// SignalR hub used as the fan-out reference. Trip definitions are static and cached in memory, as any real system
/// would; every seat read and change goes to PostgreSQL.
/// </summary>
public static class BaselineServer
{
    private const string OwnerCookie = "dp_owner";

    public static async Task<WebApplication> StartAsync(string connectionString, IReadOnlyList<BenchTrip> trips, int port, TimeSpan holdDuration)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64 }.ConnectionString).Build();
        builder.Services.AddSingleton(db);
        builder.Services.AddSingleton(new BaselineStore(db, holdDuration));
        builder.Services.AddSingleton(trips.ToDictionary(t => t.TripId));
        builder.Services.AddSignalR();
        var app = builder.Build();

        app.MapGet("/health/ready", () => TypedResults.Ok());
        app.MapGet("/api/trips", SearchTrips);
        app.MapGet("/api/trips/{tripId}/seats", GetSeats);
        app.MapPost("/api/trips/{tripId}/holds", CreateHold);
        app.MapDelete("/api/holds/{holdId}", ReleaseHold);
        app.MapHub<BareHub>(BareHub.Path);
        await app.StartAsync();
        return app;
    }

    public sealed record HoldBody(string[]? Seats, string? From, string? To, string? RequestId);

    private static async Task<Results<Ok<List<object>>, ProblemHttpResult>> SearchTrips(
        string? from, string? to, string? date, Dictionary<string, BenchTrip> trips, BaselineStore store)
    {
        if (!DateOnly.TryParse(date, out var day) || from is null || to is null)
        {
            return Problem(400, "invalid-request");
        }
        var legs = trips.Values
            .Where(t => t.Day == day)
            .Select(t => (Trip: t, From: Array.IndexOf(t.Stops, from), To: Array.IndexOf(t.Stops, to)))
            .Where(l => l.From >= 0 && l.To > l.From)
            .ToList();
        var taken = legs.Count == 0 ? [] : await store.TakenSeatsAsync(legs);
        return TypedResults.Ok(legs.Select(l => (object)new
        {
            tripId = l.Trip.TripId,
            freeSeats = l.Trip.Seats.Length - taken.GetValueOrDefault(l.Trip.TripId),
            totalSeats = l.Trip.Seats.Length,
            salesOpen = true,
        }).ToList());
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetSeats(
        string tripId, string? from, string? to, HttpContext http, Dictionary<string, BenchTrip> trips, BaselineStore store)
    {
        if (!trips.TryGetValue(tripId, out var trip) || !TryLeg(trip, from, to, out var f, out var t))
        {
            return Problem(404, "trip-not-found");
        }
        var seats = await store.SeatMapAsync(trip, f, t, FindOwner(http));
        return TypedResults.Ok((object)new
        {
            tripId,
            version = 0,
            from,
            to,
            cancelled = false,
            seats = trip.Seats.Select(s => seats.GetValueOrDefault(s) is var (state, mine)
                ? new { seat = s, state = state switch { 2 => "sold", 1 => "held", _ => "free" }, mine }
                : new { seat = s, state = "free", mine = false }),
            myHolds = Array.Empty<object>(),
        });
    }

    private static async Task<Results<Created<object>, Ok<object>, ProblemHttpResult>> CreateHold(
        string tripId, HoldBody body, HttpContext http, Dictionary<string, BenchTrip> trips, BaselineStore store)
    {
        if (!trips.TryGetValue(tripId, out var trip))
        {
            return Problem(404, "trip-not-found");
        }
        if (body.Seats is null || string.IsNullOrEmpty(body.RequestId) || !TryLeg(trip, body.From, body.To, out var from, out var to))
        {
            return Problem(400, "invalid-request");
        }
        var owner = FindOwner(http) ?? IssueOwner(http);
        var (hold, refusal) = await store.HoldAsync(trip, owner, body.Seats, from, to, body.RequestId);
        if (hold is null)
        {
            return Problem(refusal!.Status, refusal.Code, refusal.Conflicts);
        }
        var dto = (object)new
        {
            holdId = $"{tripId}.{hold.HoldId:N}",
            tripId,
            seats = body.Seats,
            from = body.From,
            to = body.To,
            expiresAt = hold.ExpiresAt,
            amount = 0,
        };
        return hold.Repeated ? TypedResults.Ok(dto) : TypedResults.Created($"/api/holds/{tripId}.{hold.HoldId:N}", dto);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseHold(string holdId, HttpContext http, BaselineStore store)
    {
        var dot = holdId.LastIndexOf('.');
        if (dot <= 0 || !Guid.TryParseExact(holdId.AsSpan(dot + 1), "N", out var id))
        {
            return Problem(404, "hold-not-found");
        }
        if (FindOwner(http) is not { } owner)
        {
            return Problem(403, "not-hold-owner");
        }
        var status = await store.ReleaseAsync(id, owner);
        return status == 204 ? TypedResults.NoContent() : Problem(status, status == 403 ? "not-hold-owner" : "hold-not-found");
    }

    private static bool TryLeg(BenchTrip trip, string? from, string? to, out int f, out int t)
    {
        f = from is null ? -1 : Array.IndexOf(trip.Stops, from);
        t = to is null ? -1 : Array.IndexOf(trip.Stops, to);
        return f >= 0 && t > f;
    }

    private static string? FindOwner(HttpContext http) =>
        http.Request.Cookies[OwnerCookie] is { Length: 32 } token ? "anon:" + token : null;

    private static string IssueOwner(HttpContext http)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(OwnerCookie, token, new CookieOptions { HttpOnly = true });
        return "anon:" + token;
    }

    private static ProblemHttpResult Problem(int status, string code, IReadOnlyList<string>? conflicts = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (conflicts is { Count: > 0 })
        {
            extensions["conflicts"] = conflicts;
        }
        return TypedResults.Problem(statusCode: status, title: code, extensions: extensions);
    }
}

/// <summary>The bare broadcast reference: clients join one group; the benchmark broadcasts timestamped ticks to it.</summary>
public sealed class BareHub : Hub
{
    public const string Path = "/hubs/bare";
    public const string Group = "watchers";

    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, Group);
}
