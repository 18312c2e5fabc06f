using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// The offline ticket in Chromium (http on 127.0.0.1 is a secure context, so the service worker runs): a signed-in
/// passenger's paid ticket, once seen online, opens with its QR code without network, with the offline banner; the
/// seat map page shows an offline state instead of stale seats; signing out removes the saved tickets.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTicketBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private const string TicketsCache = "dp-tickets-v1";
    private const string Sayedabad = "dhaka-sayedabad";
    private const string Sylhet = "sylhet-kadamtali";

    /// <summary>Signs a passenger in on the sign-in page, then books and pays a seat with that session's token.</summary>
    private static async Task<string> PaidTicketAsync(IPage page, string tripId, string seat)
    {
        await page.GotoAsync("/login.html?return=/bookings.html");
        await BrowserCodeSignIn.OnSignInPageThenAtAsync(page, Security.AuthClient.NewPhone(), "/bookings.html");
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('dp.access')).token");
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        var api = page.Context.APIRequest;
        var hold = await api.PostAsync($"/api/trips/{tripId}/holds", new()
        {
            Headers = bearer,
            DataObject = new { seats = new[] { seat }, from = Sayedabad, to = Sylhet, requestId = Guid.NewGuid().ToString() },
        });
        Assert.True(hold.Ok, await hold.TextAsync());
        var holdId = JsonDocument.Parse(await hold.TextAsync()).RootElement.GetProperty("holdId").GetString();
        var booked = await api.PostAsync("/api/bookings", new()
        {
            Headers = bearer,
            DataObject = new
            {
                holdId,
                passengers = new[] { new { name = "Rahima Akter", phone = "01712345678", gender = "female" } },
                contact = new { phone = "01712345678" },
            },
        });
        Assert.True(booked.Ok, await booked.TextAsync());
        var pnr = JsonDocument.Parse(await booked.TextAsync()).RootElement.GetProperty("pnr").GetString()!;
        var paid = await api.PostAsync($"/api/bookings/{pnr}/payments/simulate", new() { Headers = bearer, DataObject = new { outcome = "succeeded" } });
        Assert.True(paid.Ok, await paid.TextAsync());
        return pnr;
    }

    private static Task<bool> SavedAsync(IPage page, string path) =>
        page.EvaluateAsync<bool>("async ([name, path]) => Boolean(await (await caches.open(name)).match(path))", new[] { TicketsCache, path });

    private static async Task ExpectQrShownAsync(IPage page)
    {
        await Expect(page.Locator("#qr-card")).ToBeVisibleAsync();
        await PageConditions.WaitUntilAsync(page, "() => { const img = document.getElementById('ticket-qr'); return img.complete && img.naturalWidth > 0; }");
    }

    [Fact]
    public async Task PaidTicket_OpensOfflineWithItsQr_MyTicketsToo_TheSeatMapSaysOffline_AndSignOutRemovesTheCopies()
    {
        using var visitor = app.NewVisitor();
        // Dhaka–Sylhet 10 days ahead: no other browser test books it.
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(10));
        var trip = (await visitor.GetFromJsonAsync<JsonElement>($"/api/trips?from={Sayedabad}&to={Sylhet}&date={day}"))[0].GetProperty("tripId").GetString()!;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        var pnr = await PaidTicketAsync(page, trip, "C2");

        // Online: My bookings and the ticket are seen once; the worker installs and the paid ticket is saved.
        await page.GotoAsync("/bookings.html");
        await Expect(page.Locator($".booking-card[data-pnr='{pnr}']")).ToBeVisibleAsync();
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        // The list is saved after it renders; leaving the page before that would cut the save short.
        await PageConditions.WaitUntilAsync(page, "async ([name, path]) => Boolean(await (await caches.open(name)).match(path))",
            new[] { TicketsCache, "/api/bookings/mine" });
        await page.GotoAsync($"/ticket.html?pnr={pnr}");
        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await ExpectQrShownAsync(page);
        await Expect(page.Locator("#offline-banner")).ToHaveCountAsync(0);
        var qrPath = await page.Locator("#ticket-qr").GetAttributeAsync("src");
        await PageConditions.WaitUntilAsync(page,
            "async ([name, paths]) => { const cache = await caches.open(name); return (await Promise.all(paths.map((p) => cache.match(p)))).every(Boolean); }",
            new object[] { TicketsCache, new[] { "/api/bookings/mine", $"/api/bookings/{pnr}", qrPath! } });
        Assert.True(await page.EvaluateAsync<bool>("() => Boolean(navigator.serviceWorker.controller)"), "the ticket page is controlled by the worker");

        await context.SetOfflineAsync(true);

        await page.ReloadAsync();
        await Expect(page.Locator("#booking-pnr")).ToHaveTextAsync(pnr);
        await ExpectQrShownAsync(page);
        await Expect(page.Locator("#offline-banner")).ToBeVisibleAsync();
        await Expect(page.Locator("#offline-banner")).ToContainTextAsync("Offline");

        await page.GotoAsync("/bookings.html");
        await Expect(page.Locator($".booking-card[data-pnr='{pnr}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#offline-banner")).ToBeVisibleAsync();

        await page.GotoAsync($"/trip.html?trip={Uri.EscapeDataString(trip)}&from={Sayedabad}&to={Sylhet}");
        await Expect(page.Locator("#offline-state")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-seat]")).ToHaveCountAsync(0);

        await context.SetOfflineAsync(false);
        await page.GotoAsync("/bookings.html");
        await page.Locator("#sign-out").ClickAsync();
        await PageConditions.WaitUntilAsync(page, "async (name) => !(await caches.has(name))", TicketsCache);
        Assert.False(await SavedAsync(page, $"/api/bookings/{pnr}"));
        await context.CloseAsync();
    }
}
