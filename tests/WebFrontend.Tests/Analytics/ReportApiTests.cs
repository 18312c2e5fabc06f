using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Analytics;

/// <summary>
/// Analytics through the real app: seat operations and searches reach the events log, the rollup feeds the report
/// API, CSV matches JSON, and only ops may read reports. Uses the Dhaka–Khulna trips 12 days ahead, which no other
/// test touches.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ReportApiTests(WebAppFixture app)
{
    private const string From = "dhaka-gabtoli";
    private const string To = "khulna-sonadanga";
    private static readonly string Day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(12));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Ops() => app.WithToken(app.StaffToken("ops"));

    [Fact]
    public async Task Reports_WithoutToken_Are401_AndForNonOps_Are403()
    {
        using var anonymous = app.NewVisitor();
        using var clerk = app.WithToken(app.StaffToken("clerk", "counter-gabtoli"));
        using var passenger = app.WithToken(app.StaffToken("passenger"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports/sales", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/reports/sales?format=csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await passenger.GetAsync("/api/reports/bookings?q=DP-ABCDEF", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("/api/reports/sales?from=2026-02-30&to=2026-03-01", "invalid-report-range")]
    [InlineData("/api/reports/channels?from=2026-03-02&to=2026-03-01", "invalid-report-range")]
    [InlineData("/api/reports/trip-load?from=2024-01-01&to=2026-01-01", "invalid-report-range")]
    [InlineData("/api/reports/peak-hours?from=yesterday", "invalid-report-range")]
    [InlineData("/api/reports/leg-load?format=xlsx", "invalid-report-format")]
    [InlineData("/api/reports/boarding-points?top=0", "invalid-report-top")]
    [InlineData("/api/reports/bookings?q=", "invalid-booking-query")]
    public async Task Reports_BadInput_Are400Problems(string url, string code)
    {
        using var ops = Ops();
        await ProblemAssert.IsProblemAsync(await ops.GetAsync(url, Ct), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task SeatOperationsAndSearches_AreAppendedToTheEventsLog_AndReachTheReports()
    {
        using var visitor = await app.NewPassengerAsync();
        var trips = await visitor.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={Day}", Ct);
        var tripId = trips![0].TripId;

        var expiring = await HoldAsync(visitor, tripId, "C1");
        var released = await HoldAsync(visitor, tripId, "C2");
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.DeleteAsync($"/api/holds/{released}", Ct)).StatusCode);
        var sold = await HoldAsync(visitor, tripId, "C3", "C4");
        var booking = await Json(await PostBookingAsync(visitor, sold, Passenger(), Passenger("Karim", "01812345678")));
        var pnr = booking.GetProperty("pnr").GetString()!;
        (await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();

        // Holds last 20 s in this app; the expiry timer releases C1 without anyone asking.
        var events = await WaitForEventsAsync(tripId, ["trip.hold-created", "trip.hold-released", "trip.hold-expired", "trip.sold", "booking.confirmed"]);
        var sale = JsonDocument.Parse(events.First(e => e.Kind == "trip.sold").Payload).RootElement;
        Assert.Equal(("DHK-KHL", "Online", 2, 40), (sale.GetProperty("routeCode").GetString(), sale.GetProperty("channel").GetString(),
            sale.GetProperty("seats").GetInt32(), sale.GetProperty("capacity").GetInt32()));
        // The API's hold reference is "<tripId>.<hold guid>".
        Assert.Equal(Guid.Parse(expiring.Split('.')[^1]),
            JsonDocument.Parse(events.First(e => e.Kind == "trip.hold-expired").Payload).RootElement.GetProperty("holdId").GetGuid());
        var confirmed = JsonDocument.Parse(events.First(e => e.Kind == "booking.confirmed").Payload).RootElement;
        Assert.Equal(("Online", 2, From, "+8801712345678"), (confirmed.GetProperty("channel").GetString(), confirmed.GetProperty("seats").GetInt32(),
            confirmed.GetProperty("from").GetString(), confirmed.GetProperty("phone").GetString()));
        Assert.True(await CountAsync($"SELECT COUNT(*) FROM events WHERE kind = 'search.trips' AND payload LIKE '%{To}%' AND payload LIKE '%{Day}%'") >= 1);

        await app.Services.GetRequiredService<RollupStore>().CatchUpAsync(cancellationToken: Ct);
        using var ops = Ops();
        var legs = (await ops.GetFromJsonAsync<JsonElement>($"/api/reports/leg-load?from={Day}&to={Day}", Ct)).GetProperty("rows");
        var first = legs.EnumerateArray().Single(l => l.GetProperty("routeCode").GetString() == "DHK-KHL" && l.GetProperty("legIndex").GetInt32() == 0);
        Assert.True(first.GetProperty("seatsSold").GetInt64() >= 2);
        var hit = (await ops.GetFromJsonAsync<JsonElement>($"/api/reports/bookings?q={pnr}", Ct))[0];
        Assert.Equal(("Confirmed", tripId, "…678"), (hit.GetProperty("status").GetString(), hit.GetProperty("tripId").GetString(),
            hit.GetProperty("phoneMasked").GetString()));
    }

    [Fact]
    public async Task CsvExport_ParsesBackToTheJsonReport_WithBanglaIntact()
    {
        using var visitor = await app.NewPassengerAsync();
        var trips = await visitor.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={Day}", Ct);
        var hold = await HoldAsync(visitor, trips![^1].TripId, "D1");
        var pnr = (await Json(await PostBookingAsync(visitor, hold, Passenger()))).GetProperty("pnr").GetString()!;
        (await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();
        await WaitForEventsAsync(trips[^1].TripId, ["trip.sold"]);
        await app.Services.GetRequiredService<RollupStore>().CatchUpAsync(cancellationToken: Ct);

        using var ops = Ops();
        var url = $"/api/reports/leg-load?from={Day}&to={Day}";
        var json = await ops.GetFromJsonAsync<JsonElement>(url, Ct);
        var response = await ops.GetAsync(url + "&format=csv", Ct);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var csv = CsvReader.Parse(new UTF8Encoding(false).GetString(bytes.AsSpan(3)));
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count + 1, csv.Count);
        var header = csv[0];
        Assert.Equal(rows[0].EnumerateObject().Select(p => p.Name), header);
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var (property, column) in rows[r].EnumerateObject().Select((p, i) => (p, i)))
            {
                var text = csv[r + 1][column];
                if (property.Value.ValueKind == JsonValueKind.Number)
                {
                    Assert.Equal(property.Value.GetDecimal(), decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(property.Value.GetString(), text);
                }
            }
        }
        Assert.Contains(csv, row => row.Contains("খুলনা (সোনাডাঙ্গা)"));
    }

    private static async Task<string> HoldAsync(HttpClient visitor, string tripId, params string[] seats)
    {
        var response = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = From, to = To, requestId = Guid.NewGuid().ToString() }, Ct);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("holdId").GetString()!;
    }

    private async Task<List<(string Kind, string Payload)>> WaitForEventsAsync(string tripId, string[] kinds)
    {
        var database = app.Services.GetRequiredService<AppDatabase>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            var events = await database.RunAsync(async (connection, ct) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT kind, payload FROM events WHERE trip_id = @trip ORDER BY id";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@trip";
                parameter.Value = tripId;
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var rows = new List<(string, string)>();
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1)));
                }
                return rows;
            }, Ct);
            var missing = kinds.Except(events.Select(e => e.Item1)).ToList();
            if (missing.Count == 0)
            {
                return events;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Events never appended: {string.Join(", ", missing)}");
            await Task.Delay(250, Ct);
        }
    }

    private Task<long> CountAsync(string sql) =>
        app.Services.GetRequiredService<AppDatabase>().RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
        }, Ct);
}
