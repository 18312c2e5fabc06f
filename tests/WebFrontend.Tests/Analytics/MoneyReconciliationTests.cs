using System.Net.Http.Json;
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

/// <summary>An app of its own, so today's sales report holds only what this test does.</summary>
public sealed class MoneyAppFixture : WebAppFixture;

/// <summary>
/// Honest money through the whole stack: a passenger books, moves to a dearer departure, drops one traveller and cancels
/// the rest; the sales and channel reports count one booking and one change, and their gross, change difference,
/// refunds and net equal the money the booking events carry (and the fares and refunds the API quoted).
/// </summary>
public sealed class MoneyReconciliationTests(MoneyAppFixture app) : IClassFixture<MoneyAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BookChangePartCancelAndCancel_ReportsOneBookingOneChange_AndMoneyThatReconcilesWithTheEvents()
    {
        using var alice = await app.NewPassengerAsync();
        var first = await TicketChangeApiTests.CoxTripsAsync(alice, 10);
        var later = await TicketChangeApiTests.CoxTripsAsync(alice, 11);
        var booked = await TicketChangeApiTests.ConfirmedAsync(alice, first.Morning, "G1", "G2");
        var pnr = booked.GetProperty("pnr").GetString()!;
        var gross = booked.GetProperty("fare").GetProperty("total").GetDecimal();

        var quote = await alice.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}/trip-change?tripId={later.Evening}", Ct);
        (await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change", new { tripId = later.Evening, seats = new[] { "B1", "B2" }, requestId = "m" }, Ct))
            .EnsureSuccessStatusCode();
        (await alice.PostAsJsonAsync($"/api/bookings/{pnr}/trip-change/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();
        var dropped = await Json(await alice.DeleteAsync($"/api/bookings/{pnr}/passengers/B2", Ct));
        var cancelled = await Json(await alice.PostAsync($"/api/bookings/{pnr}/cancel", null, Ct));

        var changeDifference = quote.GetProperty("amountDue").GetDecimal();
        var refunds = dropped.GetProperty("changeRefunds").EnumerateArray().Sum(r => r.GetProperty("amount").GetDecimal())
                      + cancelled.GetProperty("refund").GetProperty("amount").GetDecimal();
        Assert.True(changeDifference > 0 && refunds > 0);
        var events = await BookingEventAmountsAsync(pnr);
        Assert.Equal(gross, events.Where(e => e.Kind == "booking.confirmed").Sum(e => e.Amount));
        Assert.Equal(changeDifference, events.Where(e => e.Kind == "booking.trip-changed").Sum(e => e.Amount));
        Assert.Equal(refunds, events.Where(e => e.Kind is "booking.passenger-cancelled" or "booking.cancelled").Sum(e => e.Amount));

        var today = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow));
        using var ops = app.WithToken(app.StaffToken("ops"));
        var sales = await SettledReportAsync(ops, $"/api/reports/sales?from={today}&to={today}", gross);

        Assert.Equal((1L, 1L, 1L), (Sum(sales, "bookings"), Sum(sales, "changes"), Sum(sales, "cancellations")));
        Assert.Equal((gross, changeDifference, refunds), (Money(sales, "gross"), Money(sales, "changeDifference"), Money(sales, "refunds")));
        Assert.Equal(gross + changeDifference - refunds, Money(sales, "revenue"));
        var channels = await ops.GetFromJsonAsync<JsonElement>($"/api/reports/channels?from={today}&to={today}", Ct);
        var online = Assert.Single(channels.GetProperty("rows").EnumerateArray());
        Assert.Equal(("Online", gross + changeDifference - refunds), (online.GetProperty("channel").GetString(), online.GetProperty("revenue").GetDecimal()));
        var csv = await ops.GetStringAsync($"/api/reports/sales?from={today}&to={today}&format=csv", Ct);
        Assert.Contains("changes,gross,refunds,changeDifference", csv);
    }

    private async Task<List<(string Kind, decimal Amount)>> BookingEventAmountsAsync(string pnr) =>
        await app.Services.GetRequiredService<AppDatabase>().RunAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT kind, payload FROM events WHERE booking_ref = @pnr AND kind LIKE 'booking.%'";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@pnr";
            parameter.Value = pnr;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<(string, decimal)>();
            while (await reader.ReadAsync(ct))
            {
                var amount = JsonDocument.Parse(reader.GetString(1)).RootElement.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.Number
                    ? a.GetDecimal() : 0;
                rows.Add((reader.GetString(0), amount));
            }
            return rows;
        }, Ct);

    /// <summary>
    /// The report once the trips' sale events (written in the background) and the booking events are both folded: it is
    /// folded here directly, and read until the gross matches or a minute has passed.
    /// </summary>
    private async Task<JsonElement[]> SettledReportAsync(HttpClient ops, string url, decimal gross)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            await app.Services.GetRequiredService<RollupStore>().CatchUpAsync(cancellationToken: Ct);
            var rows = (await ops.GetFromJsonAsync<JsonElement>(url, Ct)).GetProperty("rows").EnumerateArray().ToArray();
            if (Money(rows, "gross") == gross && Sum(rows, "changes") == 1 || DateTime.UtcNow > deadline)
            {
                return rows;
            }
            await Task.Delay(100, Ct);
        }
    }

    private static long Sum(JsonElement[] rows, string column) => rows.Sum(r => r.GetProperty(column).GetInt64());

    private static decimal Money(JsonElement[] rows, string column) => rows.Sum(r => r.GetProperty(column).GetDecimal());
}
