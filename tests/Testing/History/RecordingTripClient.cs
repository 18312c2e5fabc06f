using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DiuParibahan.Testing.History;

/// <summary>What one hold request got back, and how long it took.</summary>
public sealed record HoldAttempt(HttpStatusCode? Status, string? HoldId, IReadOnlyList<string> Conflicts, TimeSpan Latency)
{
    /// <summary>201, or 200 when the same request id was answered before: either way the seats are held.</summary>
    public bool Held => Status is HttpStatusCode.Created or HttpStatusCode.OK;
}

/// <summary>
/// Sends holds, releases and seat map reads over the public HTTP surface (<c>POST /api/trips/{id}/holds</c>,
/// <c>DELETE /api/holds/{id}</c>, <c>GET /api/trips/{id}/seats</c>) and records each in an <see cref="OperationHistory"/>.
/// Stops travel as ids; the history gets their indexes on the trip's route.
/// </summary>
public sealed class RecordingTripClient(HttpClient http, OperationHistory history)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public OperationHistory History => history;

    /// <summary>Holds <paramref name="seats"/> on the leg between stops number <paramref name="from"/> and <paramref name="to"/> of <paramref name="stops"/>.</summary>
    public async Task<HoldAttempt> HoldAsync(string tripId, IReadOnlyList<string> stops, IReadOnlyList<string> seats, int from, int to,
        CancellationToken cancellationToken = default)
    {
        var body = new { seats, from = stops[from], to = stops[to], requestId = Guid.NewGuid().ToString("N") };
        var pending = history.Begin(tripId, OperationKind.Hold, seats, from, to);
        var started = history.Now;
        try
        {
            using var response = await http.PostAsJsonAsync($"/api/trips/{Uri.EscapeDataString(tripId)}/holds", body, Json, cancellationToken);
            var status = response.StatusCode;
            if (status is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                var hold = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
                var holdId = hold.GetProperty("holdId").GetString()!;
                pending.Acknowledged(holdId, hold.GetProperty("expiresAt").GetDateTimeOffset());
                return new HoldAttempt(status, holdId, [], history.Now - started);
            }
            if ((int)status is >= 400 and < 500)
            {
                var conflicts = await ConflictsAsync(response, cancellationToken);
                pending.Refused(conflicts);
                return new HoldAttempt(status, null, conflicts, history.Now - started);
            }
            pending.Failed();
            return new HoldAttempt(status, null, [], history.Now - started);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            pending.Failed();
            return new HoldAttempt(null, null, [], history.Now - started);
        }
    }

    /// <summary>Releases a hold; true if the system said it did (204).</summary>
    public async Task<bool> ReleaseAsync(string tripId, string holdId, CancellationToken cancellationToken = default)
    {
        var pending = history.BeginRelease(tripId, holdId);
        try
        {
            using var response = await http.DeleteAsync($"/api/holds/{Uri.EscapeDataString(holdId)}", cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                pending.Acknowledged();
                return true;
            }
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                pending.Refused();
            }
            else
            {
                pending.Failed();
            }
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            pending.Failed();
            return false;
        }
    }

    /// <summary>Reads the seat map of a leg and records, per seat, whether it was shown taken.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> SeatMapAsync(string tripId, IReadOnlyList<string> stops, int from, int to,
        CancellationToken cancellationToken = default)
    {
        var pending = history.BeginSeatMap(tripId, from, to);
        var map = await http.GetFromJsonAsync<JsonElement>(
            $"/api/trips/{Uri.EscapeDataString(tripId)}/seats?from={stops[from]}&to={stops[to]}", Json, cancellationToken);
        var taken = map.GetProperty("seats").EnumerateArray().ToDictionary(
            s => s.GetProperty("seat").GetString()!,
            s => s.GetProperty("state").GetString() != "free");
        pending.Observed(taken);
        return taken;
    }

    private static async Task<IReadOnlyList<string>> ConflictsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("conflicts", out var conflicts)
                ? conflicts.EnumerateArray().Select(c => c.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
