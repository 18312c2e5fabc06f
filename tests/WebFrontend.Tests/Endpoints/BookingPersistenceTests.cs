using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Data.Sqlite;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;

namespace DiuParibahan.WebFrontend.Tests.Endpoints;

/// <summary>An embedded app stopped and started again on the same data folder keeps bookings, events and ticket keys.</summary>
public sealed class BookingPersistenceTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("dp-restart-").FullName;

    private string DatabasePath => Path.Combine(_dataDir, "app.db");

    private sealed class AppOn(string databasePath) : WebAppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Orleans:DataPath", databasePath)];
    }

    [Fact]
    public async Task ConfirmedBooking_SurvivesARestart_WithItsHistoryEventsSeatsAndAStillValidTicket()
    {
        string pnr, token, tripId, payload;
        await using (var first = new AppOn(DatabasePath))
        {
            await first.InitializeAsync();
            using var alice = await first.NewPassengerAsync();
            tripId = (await KolkataTripsAsync(alice, 2))[0].TripId;
            var booking = await BookAsync(alice, tripId, "J1");
            pnr = booking.GetProperty("pnr").GetString()!;
            token = booking.GetProperty("bookingToken").GetString()!;
            (await alice.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" })).EnsureSuccessStatusCode();
            var html = await alice.GetStringAsync($"/api/bookings/{pnr}/ticket?token={token}");
            var start = html.IndexOf("data-payload=\"", StringComparison.Ordinal) + "data-payload=\"".Length;
            payload = html[start..html.IndexOf('"', start)];
        }

        await using var second = new AppOn(DatabasePath);
        await second.InitializeAsync();
        using var client = await second.NewPassengerAsync();
        client.DefaultRequestHeaders.Add("X-Booking-Token", token);

        var response = await client.GetAsync($"/api/bookings/{pnr}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var restored = await Json(response);
        Assert.Equal("Confirmed", restored.GetProperty("status").GetString());
        Assert.Equal(["booking.created", "booking.payment-started", "booking.confirmed"],
            restored.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("kind").GetString()));
        Assert.Equal("sold", await SeatStateAsync(client, tripId, "J1"));
        using var clerk = second.WithToken(second.StaffToken("clerk", "dhaka-kalyanpur"));
        var verified = await clerk.PostAsJsonAsync("/api/tickets/verify", new { payload });
        Assert.Equal("valid", (await Json(verified)).GetProperty("status").GetString());
        Assert.Equal(3, CountEvents(pnr));
    }

    private long CountEvents(string pnr)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM events WHERE booking_ref = $pnr AND kind LIKE 'booking.%'";
        command.Parameters.AddWithValue("$pnr", pnr);
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
