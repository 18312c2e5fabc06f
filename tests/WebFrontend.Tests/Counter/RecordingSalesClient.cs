using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Testing.History;

namespace DiuParibahan.WebFrontend.Tests.Counter;

/// <summary>
/// The two ways seats are sold, recorded in an <see cref="OperationHistory"/>: a clerk's counter sale
/// (<c>POST /api/counter/sales</c>, a <see cref="OperationKind.Sell"/>) and an online buyer booking a hold and paying
/// for it with the simulated provider (a <see cref="OperationKind.Confirm"/> of the hold).
/// </summary>
public sealed class RecordingSalesClient(HttpClient http, OperationHistory history)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sells <paramref name="seats"/> on the leg between stops number <paramref name="from"/> and <paramref name="to"/>; true if sold.</summary>
    public async Task<bool> SellAtCounterAsync(string tripId, IReadOnlyList<string> stops, IReadOnlyList<string> seats, int from, int to,
        CancellationToken cancellationToken)
    {
        var body = new
        {
            tripId, seats, from = stops[from], to = stops[to], requestId = Guid.NewGuid().ToString("N"),
            passengers = seats.Select(_ => new { name = "Counter Passenger", phone = "01812345678", gender = "female" }).ToArray(),
        };
        var pending = history.Begin(tripId, OperationKind.Sell, seats, from, to);
        try
        {
            using var response = await http.PostAsJsonAsync("/api/counter/sales", body, Json, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                pending.Acknowledged();
                return true;
            }
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                pending.Refused(await ConflictsAsync(response, cancellationToken));
                return false;
            }
            pending.Failed();
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            pending.Failed();
            return false;
        }
    }

    /// <summary>Books the hold for one passenger per seat and pays for it; true if the booking ended Confirmed.</summary>
    public async Task<bool> BookAndPayAsync(string tripId, string holdId, int seatCount, CancellationToken cancellationToken)
    {
        var booking = new
        {
            holdId,
            passengers = Enumerable.Range(0, seatCount).Select(_ => new { name = "Online Passenger", phone = "01712345678", gender = "male" }).ToArray(),
            contact = new { phone = "01712345678" },
        };
        using var created = await http.PostAsJsonAsync("/api/bookings", booking, Json, cancellationToken);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            // No booking, so no payment: the hold stays a hold until it expires.
            return false;
        }
        var pnr = (await created.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("pnr").GetString();
        var pending = history.BeginConfirm(tripId, holdId);
        try
        {
            using var paid = await http.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Json, cancellationToken);
            if (paid.StatusCode == HttpStatusCode.OK)
            {
                var status = (await paid.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("status").GetString();
                if (status == "Confirmed")
                {
                    pending.Acknowledged();
                    return true;
                }
                pending.Refused();
                return false;
            }
            if ((int)paid.StatusCode is >= 400 and < 500)
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

    private static async Task<IReadOnlyList<string>> ConflictsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("conflicts", out var conflicts)
            ? conflicts.EnumerateArray().Select(c => c.GetString()!).ToList()
            : [];
    }
}
