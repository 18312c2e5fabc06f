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
/// <remarks>
/// With a <paramref name="client"/> name it behaves like one browser session that wants monotonic reads and
/// read-your-writes: it remembers the newest trip version any answer carried (the <c>Trip-Version</c> header of writes,
/// the <c>version</c> of seat maps), asks seat maps for at least that version (<c>Trip-Min-Version</c>), and records
/// each map's version under its name so the checker can verify reads never went back.
/// </remarks>
public sealed class RecordingTripClient(HttpClient http, OperationHistory history, string? client = null)
{
    private const string VersionHeader = "Trip-Version";
    private const string MinVersionHeader = "Trip-Min-Version";
    private const string SourceHeader = "Trip-Read-Source";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public OperationHistory History => history;

    /// <summary>Seat maps this client got from a frontend replica (<c>Trip-Read-Source: replica</c>).</summary>
    public long ReplicaReads { get; private set; }

    /// <summary>Seat maps this client got from the trip grain, or from a system that does not say.</summary>
    public long OtherReads { get; private set; }

    /// <summary>Sets <see cref="ReplicaReads"/> and <see cref="OtherReads"/> back to zero.</summary>
    public void ResetReadCounts() => (ReplicaReads, OtherReads) = (0, 0);

    /// <summary>The newest version of <paramref name="tripId"/> this client has seen (0 if none).</summary>
    public long SeenVersion(string tripId)
    {
        lock (_seen)
        {
            return _seen.GetValueOrDefault(tripId);
        }
    }

    private void Saw(string tripId, long version)
    {
        lock (_seen)
        {
            if (version > _seen.GetValueOrDefault(tripId))
            {
                _seen[tripId] = version;
            }
        }
    }

    private void SawHeader(string tripId, HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(VersionHeader, out var values) && long.TryParse(values.FirstOrDefault(), out var version))
        {
            Saw(tripId, version);
        }
    }

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
            SawHeader(tripId, response);
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
            SawHeader(tripId, response);
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
        var pending = client is null ? history.BeginSeatMap(tripId, from, to) : history.BeginSeatMap(tripId, from, to, client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/trips/{Uri.EscapeDataString(tripId)}/seats?from={stops[from]}&to={stops[to]}");
        if (client is not null && SeenVersion(tripId) is > 0 and var seen)
        {
            request.Headers.Add(MinVersionHeader, seen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var map = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        var taken = map.GetProperty("seats").EnumerateArray().ToDictionary(
            s => s.GetProperty("seat").GetString()!,
            s => s.GetProperty("state").GetString() != "free");
        long? version = map.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
        var fromReplica = response.Headers.TryGetValues(SourceHeader, out var source) && source.FirstOrDefault() == "replica";
        pending.Observed(taken, version, fromReplica);
        if (version is { } shown)
        {
            Saw(tripId, shown);
        }
        if (fromReplica)
        {
            ReplicaReads++;
        }
        else
        {
            OtherReads++;
        }
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
