using System.Net.Http.Json;
using System.Text.Json;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>Steps of the booking flow over HTTP, as a browser would take them.</summary>
public static class BookingFlows
{
    /// <summary>A valid passport far from expiry: needed on a journey across the border, ignored on others.</summary>
    public static object TravelPassport(string number = "EB1234567", string expiry = "2036-01-31") =>
        new { number, nationality = "BGD", expiry };

    public static object Passenger(string name = "Rahim Uddin", string phone = "01712345678", string gender = "male") =>
        new { name, phone, gender, passport = TravelPassport() };

    public static async Task<string> HoldAsync(HttpClient visitor, string tripId, params string[] seats)
    {
        var response = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = DemoTrips.Dhaka, to = DemoTrips.Jashore, requestId = Guid.NewGuid().ToString() });
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("holdId").GetString()!;
    }

    public static Task<HttpResponseMessage> PostBookingAsync(HttpClient visitor, string holdId, params object[] passengers) =>
        visitor.PostAsJsonAsync("/api/bookings", new { holdId, passengers, contact = new { phone = "+8801712345678", email = "rahim@example.com" } });

    /// <summary>Holds <paramref name="seats"/> and books them, one passenger per seat; returns the booking.</summary>
    public static async Task<JsonElement> BookAsync(HttpClient visitor, string tripId, params string[] seats)
    {
        var holdId = await HoldAsync(visitor, tripId, seats);
        var response = await PostBookingAsync(visitor, holdId, seats.Select(_ => Passenger()).ToArray());
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Booking failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return await Json(response);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string> SeatStateAsync(HttpClient client, string tripId, string seat)
    {
        var map = JsonDocument.Parse(await client.GetStringAsync($"/api/trips/{tripId}/seats?from={DemoTrips.Dhaka}&to={DemoTrips.Jashore}")).RootElement;
        return map.GetProperty("seats").EnumerateArray().Single(s => s.GetProperty("seat").GetString() == seat).GetProperty("state").GetString()!;
    }
}
