using System.Net.Http.Json;
using System.Text.Json;

namespace DiuParibahan.Benchmarks.Catalog;

/// <summary>Learns every bookable trip from our system's public API, so the baseline can be given exactly the same trips.</summary>
public static class TripDiscovery
{
    private sealed record Listing(string TripId, bool SalesOpen);

    public static async Task<List<BenchTrip>> DiscoverAsync(HttpClient http, int days, Action<string> progress)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(6));
        var stops = (await http.GetFromJsonAsync<List<JsonElement>>("/api/stops"))!.Select(s => s.GetProperty("id").GetString()!).ToList();

        // One day's searches over every stop pair reveal the corridors; then each corridor end to end, day by day.
        var sample = today.AddDays(2);
        var sampleTrips = new HashSet<string>();
        foreach (var from in stops)
        {
            foreach (var to in stops.Where(s => s != from))
            {
                foreach (var listing in await SearchAsync(http, from, to, sample))
                {
                    sampleTrips.Add(listing.TripId);
                }
            }
        }
        var corridors = new HashSet<(string, string)>();
        foreach (var tripId in sampleTrips)
        {
            var trip = await DetailAsync(http, tripId, sample);
            corridors.Add((trip.Origin, trip.Terminus));
        }

        var found = new Dictionary<string, DateOnly>();
        for (var d = 0; d < days; d++)
        {
            var day = today.AddDays(d);
            if (d % 7 == 0)
            {
                progress($"  searching day {d + 1}/{days} ({found.Count} trips so far)");
            }
            foreach (var (from, to) in corridors)
            {
                foreach (var listing in (await SearchAsync(http, from, to, day)).Where(l => l.SalesOpen))
                {
                    found.TryAdd(listing.TripId, day);
                }
            }
        }
        progress($"found {found.Count} bookable trips on {corridors.Count} corridors over {days} days; reading their layouts");

        var trips = new List<BenchTrip>();
        await Parallel.ForEachAsync(found, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (entry, _) =>
        {
            var trip = await DetailAsync(http, entry.Key, entry.Value);
            lock (trips)
            {
                trips.Add(trip);
            }
        });
        return [.. trips.OrderBy(t => t.Day).ThenBy(t => t.TripId, StringComparer.Ordinal)];
    }

    private static async Task<List<Listing>> SearchAsync(HttpClient http, string from, string to, DateOnly day) =>
        (await http.GetFromJsonAsync<List<Listing>>($"/api/trips?from={from}&to={to}&date={day:yyyy-MM-dd}", JsonSerializerOptions.Web))!;

    private static async Task<BenchTrip> DetailAsync(HttpClient http, string tripId, DateOnly day)
    {
        var detail = await http.GetFromJsonAsync<JsonElement>($"/api/trips/{tripId}");
        return new BenchTrip(tripId,
            [.. detail.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("stopId").GetString()!)],
            [.. detail.GetProperty("layout").GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("label").GetString()!)],
            day);
    }
}
