using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// The boarding scanner on a phone-sized Chromium: headless Chromium has no camera, so the page must say so and offer the
/// typed PNR, which boards the passenger; typing it again says when they boarded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardingScanPageTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task TypedPnr_BoardsThePassenger_ASecondEntrySaysAlreadyBoarded_AndTheCameraFailsGracefully()
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var tripId = (await KolkataTripsAsync(clerk, 9))[^1].TripId;
        var sale = await Json(await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { "G4" }, from = Dhaka, to = Jashore, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Scan Begum", "01712345678", "female") },
        }));
        var pnr = sale.GetProperty("pnr").GetString()!;
        var token = app.StaffToken(Roles.Supervisor);
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = app.ServerAddress.ToString(),
            ViewportSize = new() { Width = 360, Height = 740 },
            IsMobile = true,
        });
        await context.AddInitScriptAsync($$"""
            sessionStorage.setItem("dp.access", JSON.stringify({ token: "{{token}}", expiresAt: new Date(Date.now() + 600000).toISOString() }));
            localStorage.setItem("dp.user", JSON.stringify({ id: "sup", name: "Supervisor", role: "supervisor", counterId: null, login: "sup@example.com" }));
            """);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/staff/scan.html?trip={tripId}");
        await Expect(page.Locator("#trip-summary")).ToContainTextAsync("DHK-KOL", Slow);

        await page.Locator("#camera-start").ClickAsync();
        await Expect(page.Locator("#camera-message")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#camera-message")).ToContainTextAsync("type the PNR");
        await Expect(page.Locator("#pnr")).ToBeFocusedAsync();

        await page.Locator("#pnr").FillAsync(pnr.Replace("-", "").ToLowerInvariant());
        await page.Locator("#pnr").PressAsync("Enter");
        await Expect(page.Locator("#result")).ToContainTextAsync("Boarded: Scan Begum (G4)", Slow);

        await page.Locator("#pnr").FillAsync(pnr);
        await page.Locator("#pnr").PressAsync("Enter");
        await Expect(page.Locator("#result")).ToContainTextAsync("Already boarded at", Slow);

        await page.Locator("#pnr").FillAsync("not a pnr");
        await page.Locator("#pnr").PressAsync("Enter");
        await Expect(page.Locator("#pnr-error")).ToBeVisibleAsync();

        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("#scanner h2")).ToHaveTextAsync("টিকিট স্ক্যান করুন বা লিখুন");
        await context.CloseAsync();
    }
}
