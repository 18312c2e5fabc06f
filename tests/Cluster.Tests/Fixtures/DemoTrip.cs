using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace DiuParibahan.Cluster.Tests.Fixtures;

/// <summary>A seeded trip, held end to end (first stop to last) by the load so every hold covers the whole coach.</summary>
public sealed record DemoTrip(string TripId, string From, string To, IReadOnlyList<string> Seats)
{
    private static readonly string[][] Legs =
    [
        ["dhaka-sayedabad", "coxs-bazar"],
        ["dhaka-kalyanpur", "kolkata-marquis-street"],
        ["dhaka-sayedabad", "chattogram-dampara"],
        ["dhaka-gabtoli", "khulna-sonadanga"],
        ["dhaka-kalyanpur", "sylhet-kadamtali"],
        ["dhaka-gabtoli", "rajshahi"],
        ["dhaka-sayedabad", "barishal"],
    ];

    /// <summary>Up to <paramref name="count"/> distinct trips departing <paramref name="daysAhead"/> days from now.</summary>
    public static async Task<IReadOnlyList<DemoTrip>> FindAsync(HttpClient client, int daysAhead, int count, CancellationToken cancellationToken)
    {
        var day = DateTime.UtcNow.AddHours(6).Date.AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = new List<string>();
        foreach (var leg in Legs)
        {
            var listings = await client.GetFromJsonAsync<JsonElement>($"/api/trips?from={leg[0]}&to={leg[1]}&date={day}", cancellationToken);
            ids.AddRange(listings.EnumerateArray().Select(l => l.GetProperty("tripId").GetString()!));
        }
        var trips = new List<DemoTrip>();
        foreach (var id in ids.Distinct().Take(count))
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/trips/{id}", cancellationToken);
            var stops = detail.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("stopId").GetString()!).ToList();
            var seats = detail.GetProperty("layout").GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("label").GetString()!).ToList();
            trips.Add(new DemoTrip(id, stops[0], stops[^1], seats));
        }
        Assert.True(trips.Count == count, $"Found only {trips.Count} of {count} demo trips {daysAhead} days ahead.");
        return trips;
    }

    public string SeatsPath => $"/api/trips/{TripId}/seats?from={From}&to={To}";
}
