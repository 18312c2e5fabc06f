using System.Net.Http.Json;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>Finds seeded demo trips through the public search API.</summary>
public static class DemoTrips
{
    public const string Dhaka = "dhaka-kalyanpur";
    public const string Jashore = "jashore";
    public const string Benapole = "benapole";
    public const string Kolkata = "kolkata-marquis-street";

    public sealed record Listing(string TripId, string RouteCode, DateTimeOffset Departure, DateTimeOffset Arrival, int Fare, int FreeSeats, int TotalSeats, bool SalesOpen);

    /// <summary>
    /// The Dhaka–Kolkata trips of a day some days ahead (so sales are open). Tests sharing one app take distinct days
    /// (or distinct seats), so their holds never meet: days 2–13 are taken by the tests in this project.
    /// </summary>
    public static async Task<IReadOnlyList<Listing>> KolkataTripsAsync(HttpClient client, int daysAhead)
    {
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(daysAhead));
        return (await client.GetFromJsonAsync<List<Listing>>($"/api/trips?from={Dhaka}&to={Kolkata}&date={day}"))!;
    }
}
