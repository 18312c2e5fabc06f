using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Analytics;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>An app of its own for the CSV test: it renames demo stops to hostile names, which no other test may see.</summary>
public sealed class CsvExportAppFixture : WebAppFixture;

/// <summary>
/// The real exports, end to end: passengers and stops named like spreadsheet formulas are booked, sold and rolled up,
/// and every CSV an operator downloads (the staff manifest and the reports that carry names) shows them as text.
/// </summary>
public sealed class CsvExportInjectionTests(CsvExportAppFixture app) : IClassFixture<CsvExportAppFixture>
{
    private const string From = "dhaka-gabtoli";
    private const string To = "khulna-sonadanga";

    private static readonly string[] HostilePassengers =
    [
        "=HYPERLINK(\"http://x\",\"y\")",
        "+8801712345678 =1+1",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        // Leading white space is trimmed from names when booked, so these arrive as formulas and must be caught too.
        "\t=1+1",
        "\r=2+2",
    ];

    private const string FromNameEn = "=HYPERLINK(\"http://x\",\"y\")";
    private const string FromNameBn = "@SUM(1+1)";
    private const string ToNameEn = "-2+3+cmd|' /C calc'!A0";
    private const string ToNameBn = "+খুলনা";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostilePassengerAndStopNames_ComeOutOfTheManifestAndReportCsvsAsText_AndNumbersStayNumbers()
    {
        using var ops = app.WithToken(app.StaffToken(Roles.Ops));
        await RenameStopAsync(ops, From, FromNameEn, FromNameBn);
        await RenameStopAsync(ops, To, ToNameEn, ToNameBn);
        using var passenger = await app.NewPassengerAsync();
        var day = ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(2);
        var trips = await passenger.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={ServiceDay.Key(day)}", Ct);
        var tripId = trips![0].TripId;
        // Two bookings of three by two passengers: a hold, and a phone, take only so many seats.
        var seats = new[] { "A1", "A2", "B1", "B2", "C1", "C2" };
        var pnrs = new List<string>();
        foreach (var group in seats.Zip(HostilePassengers).Chunk(3))
        {
            using var booker = await app.NewPassengerAsync();
            var hold = await HoldFromToAsync(booker, tripId, group.Select(g => g.First).ToArray());
            var booking = await Json(await PostBookingAsync(booker, hold, group.Select(g => Passenger(g.Second)).ToArray()));
            var pnr = booking.GetProperty("pnr").GetString()!;
            (await booker.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();
            pnrs.Add(pnr);
        }

        var manifest = await CsvAsync(ops, $"/api/staff/trips/{tripId}/manifest?format=csv");

        var rows = manifest.Skip(1).Where(r => pnrs.Contains(r[Column(manifest, "pnr")])).ToList();
        Assert.Equal(HostilePassengers.Select(n => "'" + n.Trim()).Order(), rows.Select(r => r[Column(manifest, "name")]).Order());
        Assert.All(rows, r =>
        {
            Assert.Equal("'" + FromNameEn, r[Column(manifest, "fromNameEn")]);
            Assert.Equal("'" + FromNameBn, r[Column(manifest, "fromNameBn")]);
            Assert.Equal("'" + ToNameEn, r[Column(manifest, "toNameEn")]);
            Assert.Equal("'" + ToNameBn, r[Column(manifest, "toNameBn")]);
        });
        AssertNoLiveFormula(manifest);

        var range = $"from={ServiceDay.Key(day.AddDays(-3))}&to={ServiceDay.Key(day.AddDays(1))}";
        var boarding = await ReportWithRowAsync(ops, $"/api/reports/boarding-points?{range}&top=100", "stopId", From);
        var stop = boarding.Skip(1).Single(r => r[Column(boarding, "stopId")] == From);
        Assert.Equal(("'" + FromNameEn, "'" + FromNameBn), (stop[Column(boarding, "nameEn")], stop[Column(boarding, "nameBn")]));
        Assert.True(long.Parse(stop[Column(boarding, "seats")], CultureInfo.InvariantCulture) >= seats.Length);
        var legs = await ReportWithRowAsync(ops, $"/api/reports/leg-load?{range}", "fromStop", From);
        Assert.Contains(legs.Skip(1), r => r[Column(legs, "fromStop")] == From && r[Column(legs, "fromNameBn")] == "'" + FromNameBn);
        Assert.Contains(legs.Skip(1), r => r[Column(legs, "toStop")] == To && r[Column(legs, "toNameBn")] == "'" + ToNameBn);
        foreach (var report in new[] { "sales", "channels", "trip-load", "leg-load", "conversion", "peak-hours", "boarding-points" })
        {
            AssertNoLiveFormula(await CsvAsync(ops, $"/api/reports/{report}?{range}&format=csv"));
        }
    }

    [Theory]
    [InlineData("Rahim\t=1+1", "D1")]
    [InlineData("Rahim\r=1+1", "D2")]
    [InlineData("=1+1\r\n=2+2", "E1")]
    public async Task PassengerNames_WithATabOrLineBreakInside_AreRefused_SoNoExportCanCarryThem(string name, string seat)
    {
        using var passenger = await app.NewPassengerAsync();
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(3));
        var trips = await passenger.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={day}", Ct);
        var hold = await HoldFromToAsync(passenger, trips![0].TripId, seat);

        var response = await PostBookingAsync(passenger, hold, Passenger(name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// No cell a spreadsheet would run: anything starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
    /// return must be a plain number (a negative amount), everything else text behind an apostrophe.
    /// </summary>
    private static void AssertNoLiveFormula(List<List<string>> csv)
    {
        foreach (var cell in csv.SelectMany(r => r))
        {
            if (cell.Length > 0 && "=+-@\t\r".Contains(cell[0]))
            {
                Assert.True(decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _), $"A live formula in an export: {cell}");
            }
        }
    }

    private async Task RenameStopAsync(HttpClient ops, string stopId, string nameEn, string nameBn)
    {
        var network = JsonDocument.Parse(await ops.GetStringAsync("/api/admin/network", Ct)).RootElement;
        var stop = network.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("id").GetString() == stopId);
        var saved = await ops.PutAsJsonAsync($"/api/admin/stops/{stopId}", new
        {
            nameEn,
            nameBn,
            city = stop.GetProperty("city").GetString(),
            kind = stop.GetProperty("kind"),
        }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
    }

    private static async Task<string> HoldFromToAsync(HttpClient passenger, string tripId, params string[] seats)
    {
        var response = await passenger.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = From, to = To, requestId = Guid.NewGuid().ToString() }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"Hold refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await Json(response)).GetProperty("holdId").GetString()!;
    }

    private static async Task<List<List<string>>> CsvAsync(HttpClient ops, string url)
    {
        using var response = await ops.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        return CsvReader.Parse(new UTF8Encoding(false).GetString(bytes.AsSpan(Encoding.UTF8.GetPreamble().Length)));
    }

    /// <summary>
    /// The report's CSV once the sale has reached it. Analytics events are appended off the booking's path and offer no
    /// completion signal, so this polls the rollup (catching it up each time) until the row is there, within a deadline.
    /// </summary>
    private async Task<List<List<string>>> ReportWithRowAsync(HttpClient ops, string url, string column, string value)
    {
        var rollup = app.Services.GetRequiredService<RollupStore>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (true)
        {
            await rollup.CatchUpAsync(cancellationToken: Ct);
            var csv = await CsvAsync(ops, url + "&format=csv");
            if (csv.Count > 1 && csv.Skip(1).Any(r => r[Column(csv, column)] == value))
            {
                return csv;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The sale never reached {url}.");
            await Task.Delay(250, Ct);
        }
    }

    private static int Column(List<List<string>> csv, string name)
    {
        var index = csv[0].IndexOf(name);
        Assert.True(index >= 0, $"No column {name} in {string.Join(",", csv[0])}.");
        return index;
    }
}
