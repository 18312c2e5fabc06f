using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>Ticket changes in Chromium, from the e-ticket page the passenger reaches from "my bookings".</summary>
[Collection(BrowserCollection.Name)]
public sealed class TicketChangeBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    /// <summary>
    /// Signs the browser's passenger in by SMS code on the sign-in page, then books and pays with that session's
    /// token, so the booking is that passenger's.
    /// </summary>
    private static async Task<string> ConfirmedInBrowserAsync(IPage page, string tripId, string seat)
    {
        await page.GotoAsync("/login.html?return=/bookings.html");
        // The session is in sessionStorage once the bookings page is committed; waiting for its full load (fonts, the
        // live connection) only adds a way to time out on a busy machine.
        await BrowserCodeSignIn.OnSignInPageThenAtAsync(page, Security.AuthClient.NewPhone(), "/bookings.html");
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('dp.access')).token");
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        var context = page.Context;
        var hold = await context.APIRequest.PostAsync($"/api/trips/{tripId}/holds", new()
        {
            Headers = bearer,
            DataObject = new { seats = new[] { seat }, from = TicketChangeApiTests.Sayedabad, to = TicketChangeApiTests.Chattogram, requestId = Guid.NewGuid().ToString() },
        });
        Assert.True(hold.Ok, await hold.TextAsync());
        var holdId = JsonDocument.Parse(await hold.TextAsync()).RootElement.GetProperty("holdId").GetString();
        var booked = await context.APIRequest.PostAsync("/api/bookings", new()
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
        var paid = await context.APIRequest.PostAsync($"/api/bookings/{pnr}/payments/simulate", new() { Headers = bearer, DataObject = new { outcome = "succeeded" } });
        Assert.True(paid.Ok, await paid.TextAsync());
        return pnr;
    }

    [Fact]
    public async Task Passenger_ChangesSeatOnTheLiveSeatMapFromMyBookings_AndSeesOthersTakeSeatsMeanwhile()
    {
        using var other = await app.NewPassengerAsync();
        var trips = await TicketChangeApiTests.CoxTripsAsync(other, 12);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        var pnr = await ConfirmedInBrowserAsync(page, trips.Morning, "A1");

        await page.GotoAsync("/bookings.html");
        await page.Locator($"a[href*='{pnr}']").First.ClickAsync();
        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(page.Locator("#changes-card")).ToBeVisibleAsync();
        await page.Locator("#change-seats").ClickAsync();
        await Expect(page.Locator("#change-map [data-seat='A1']")).ToHaveAttributeAsync("data-state", "mine");
        await Expect(page.Locator("#change-map [data-seat='D2']")).ToHaveAttributeAsync("data-state", "free");

        // Someone else buys D2 while the map is open: it flips live and cannot be chosen.
        await TicketChangeApiTests.ConfirmedAsync(other, trips.Morning, "D2");
        await Expect(page.Locator("#change-map [data-seat='D2']")).ToHaveAttributeAsync("data-state", "sold");
        await page.Locator("#change-map [data-seat='D2']").ClickAsync();
        await Expect(page.Locator("#change-submit")).ToBeDisabledAsync();

        await page.Locator("#change-map [data-seat='C3']").ClickAsync();
        await Expect(page.Locator("#change-map [data-seat='C3']")).ToHaveAttributeAsync("data-state", "selected");
        await page.Locator("#change-submit").ClickAsync();

        await Expect(page.Locator("#ticket-seats")).ToHaveTextAsync("C3");
        await Expect(page.Locator("#ticket-history")).ToContainTextAsync("A1 → C3");
        var map = await other.GetFromJsonAsync<JsonElement>(
            $"/api/trips/{trips.Morning}/seats?from={TicketChangeApiTests.Sayedabad}&to={TicketChangeApiTests.Chattogram}");
        var states = map.GetProperty("seats").EnumerateArray().ToDictionary(s => s.GetProperty("seat").GetString()!, s => s.GetProperty("state").GetString());
        Assert.Equal("free", states["A1"]);
        Assert.Equal("sold", states["C3"]);
        await context.CloseAsync();
    }
}
