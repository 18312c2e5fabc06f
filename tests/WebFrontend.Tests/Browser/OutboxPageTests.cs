using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The ops outbox page in Chromium: a booking's notifications are listed with their status, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutboxPageTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 30_000 };

    private async Task<string> ConfirmedSylhetBookingAsync()
    {
        using var visitor = await app.NewPassengerAsync();
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(6));
        var trips = await visitor.GetFromJsonAsync<JsonElement>($"/api/trips?from=dhaka-sayedabad&to=sylhet-kadamtali&date={day}");
        var held = await visitor.PostAsJsonAsync($"/api/trips/{trips[0].GetProperty("tripId").GetString()}/holds",
            new { seats = new[] { "C1" }, from = "dhaka-sayedabad", to = "sylhet-kadamtali", requestId = Guid.NewGuid().ToString() });
        held.EnsureSuccessStatusCode();
        var created = await visitor.PostAsJsonAsync("/api/bookings", new
        {
            holdId = (await Json(held)).GetProperty("holdId").GetString(),
            passengers = new[] { Passenger() },
            contact = new { phone = "01712345678" },
            language = "en",
        });
        created.EnsureSuccessStatusCode();
        var pnr = (await Json(created)).GetProperty("pnr").GetString()!;
        (await visitor.PostAsJsonAsync($"/api/bookings/{pnr}/payments/simulate", new { outcome = "succeeded" })).EnsureSuccessStatusCode();
        return pnr;
    }

    /// <summary>Waits until the dispatcher has recorded the booking's messages (the page shows a snapshot).</summary>
    private async Task RecordedAsync(string token, string pnr)
    {
        using var ops = app.WithToken(token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var page = await ops.GetFromJsonAsync<JsonElement>($"/api/admin/outbox?pnr={pnr}&status=recorded");
            if (page.GetProperty("messages").GetArrayLength() > 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail("The booking's notifications were not recorded within a minute.");
    }

    [Fact]
    public async Task OpsPage_ListsTheBookingsConfirmation_AsRecordedWithAMaskedNumber()
    {
        var pnr = await ConfirmedSylhetBookingAsync();
        var token = app.StaffToken("ops");
        await RecordedAsync(token, pnr);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        // Signed in as the app's own sign-in would leave it: the access token for this tab, the user for the navbar.
        await context.AddInitScriptAsync($$"""
            sessionStorage.setItem("dp.access", JSON.stringify({ token: "{{token}}", expiresAt: new Date(Date.now() + 600000).toISOString() }));
            localStorage.setItem("dp.user", JSON.stringify({ id: "ops", name: "Operations", role: "ops", counterId: null, login: "ops@example.com" }));
            """);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/ops/outbox.html?pnr={pnr}");

        var row = page.Locator("#outbox-rows tr", new() { HasText = "Booking confirmed" });
        await Expect(row).ToContainTextAsync("Recorded only", Slow);
        await Expect(row).ToContainTextAsync("…678");
        await Expect(row).ToContainTextAsync(pnr);
        await Expect(page.Locator("#ops-nav a[href='/ops/outbox.html']")).ToHaveAttributeAsync("aria-current", "page");

        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("#outbox-rows tr", new() { HasText = "বুকিং নিশ্চিত" })).ToContainTextAsync("শুধু সংরক্ষিত", Slow);
    }
}
