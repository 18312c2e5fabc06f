using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Browser;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Analytics;

/// <summary>The ops dashboard in Chromium: charts drawn from the report API, occupancy live over the hub, booking search.</summary>
[Collection(SignInBrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser, LongHoldWebAppFixture app)
{
    private const string From = "dhaka-gabtoli";
    private const string To = "khulna-sonadanga";
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 30_000 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_DrawsSalesCharts_ShowsLiveOccupancy_AndFindsABookingByPnr()
    {
        using var visitor = await app.NewPassengerAsync();
        var pnr = await SellAsync(visitor, ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(11)));
        await WaitUntilReportedAsync(pnr);

        var page = await OpsPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("/ops/");

        await Expect(page.Locator("#occupancy-table tbody tr[data-ready=true]").First).ToHaveCountAsync(1, Slow);
        // The charts are drawn when their reports arrive, independently of the occupancy table.
        await PageConditions.WaitUntilAsync(page, """() => ["sales-chart", "channel-chart", "hours-chart"].every(id => Boolean(Chart.getChart(id)))""");
        var charts = await page.EvaluateAsync<JsonElement>("""
            () => ["sales-chart", "channel-chart", "hours-chart"].map(id => {
              const chart = Chart.getChart(id);
              return { labels: chart.data.labels.length, total: chart.data.datasets[0].data.reduce((a, b) => a + b, 0) };
            })
            """);
        Assert.Equal(30, charts[0].GetProperty("labels").GetInt32());
        Assert.True(charts[0].GetProperty("total").GetDouble() > 0, "The sales chart has no revenue");
        Assert.True(charts[1].GetProperty("total").GetDouble() > 0, "The channel chart has no revenue");
        Assert.Equal(24, charts[2].GetProperty("labels").GetInt32());
        // The report table lists today's sales, with the Bangla route name.
        await Expect(page.Locator("#report-table tbody")).ToContainTextAsync("ঢাকা – খুলনা", new() { Timeout = 15_000 });

        // A hold on one of today's coaches shows up in its row without a reload.
        var today = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow));
        var open = (await visitor.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={today}", Ct))!
            .LastOrDefault(t => t.SalesOpen);
        if (open is not null)
        {
            var row = page.Locator($"#occupancy-table tr[data-trip='{open.TripId}']");
            await Expect(row).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
            var before = int.Parse(await row.Locator("[data-count=held]").InnerTextAsync());
            await HoldAsync(visitor, open.TripId, "E1", "E2");
            await Expect(row.Locator("[data-count=held]")).ToHaveTextAsync((before + 2).ToString(), new() { Timeout = 15_000 });
        }

        await page.FillAsync("#booking-query", pnr.ToLowerInvariant());
        await page.ClickAsync("#booking-search button[type=submit]");
        await Expect(page.Locator("#booking-results tbody tr")).ToContainTextAsync(pnr, new() { Timeout = 15_000 });
        await Expect(page.Locator("#cluster-table tbody tr")).ToHaveCountAsync(1, Slow);
        Assert.Empty(errors);
    }

    private async Task<IPage> OpsPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var access = JsonSerializer.Serialize(new { token = app.StaffToken(Roles.Ops), expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
        var user = JsonSerializer.Serialize(new { id = "u-ops", name = "Ops", role = Roles.Ops, counterId = (string?)null, login = "ops@example.com" });
        await context.AddInitScriptAsync(
            $"sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); localStorage.setItem('dp.user', {JsonSerializer.Serialize(user)});");
        return await context.NewPageAsync();
    }

    private static async Task<string> SellAsync(HttpClient visitor, string day)
    {
        var trip = (await visitor.GetFromJsonAsync<List<DemoTrips.Listing>>($"/api/trips?from={From}&to={To}&date={day}", Ct))![0];
        var hold = await HoldAsync(visitor, trip.TripId, "B1");
        var pnr = (await Json(await PostBookingAsync(visitor, hold, Passenger()))).GetProperty("pnr").GetString()!;
        (await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" }, Ct)).EnsureSuccessStatusCode();
        return pnr;
    }

    private static async Task<string> HoldAsync(HttpClient visitor, string tripId, params string[] seats)
    {
        var response = await visitor.PostAsJsonAsync($"/api/trips/{tripId}/holds",
            new { seats, from = From, to = To, requestId = Guid.NewGuid().ToString() }, Ct);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("holdId").GetString()!;
    }

    /// <summary>
    /// Waits until the rollup has folded this test's own sale (the booking index and the sales rows are written in the same
    /// fold), not just any sale: other tests sharing the app sell today too.
    /// </summary>
    private async Task WaitUntilReportedAsync(string pnr)
    {
        var rollup = app.Services.GetRequiredService<RollupStore>();
        var search = app.Services.GetRequiredService<BookingSearch>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!(await search.FindAsync(pnr, Ct)).Any(b => b.Pnr == pnr))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The sale never reached the reports");
            await Task.Delay(250, Ct);
            await rollup.CatchUpAsync(cancellationToken: Ct);
        }
    }
}
