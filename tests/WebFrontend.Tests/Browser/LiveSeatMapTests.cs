using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class LiveSeatMapTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    /// <summary>A browser on the trip's seat map, its passenger signed in by SMS code first (holding needs it).</summary>
    private async Task<IPage> OpenTripAsync(string tripId, ViewportSize? viewport = null)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login.html?return={Uri.EscapeDataString($"/trip.html?trip={tripId}&from={Dhaka}&to={Kolkata}")}");
        await BrowserCodeSignIn.OnSignInPageThenAtAsync(page, Security.AuthClient.NewPhone(), "/trip.html");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");
        return page;
    }

    [Fact]
    public async Task SeatHeldInOneBrowser_TurnsTakenInTheOther_AndBothSeeItFreeAfterExpiry()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 10))[0];
        var alice = await OpenTripAsync(trip.TripId);
        var bob = await OpenTripAsync(trip.TripId);

        await alice.Locator("[data-seat='A1']").ClickAsync();
        await Expect(alice.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "selected");
        await alice.Locator("#hold-button").ClickAsync();

        await Expect(alice.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "mine");
        await Expect(alice.Locator("#hold-countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{1,2}:\d{2}"));
        await Expect(bob.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "held", new() { Timeout = 2000 });

        // The hold expires on the grain's timer; both browsers are told without reloading.
        var expiry = new LocatorAssertionsToHaveAttributeOptions { Timeout = (float)(ShortHoldWebAppFixture.OnlineHold.TotalMilliseconds + 5000) };
        await Expect(bob.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "free", expiry);
        await Expect(alice.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "free", expiry);
    }

    [Fact]
    public async Task SeatISelected_TakenByAnotherBuyer_IsDeselectedWithAClearMessage()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 11))[0];
        var alice = await OpenTripAsync(trip.TripId);
        var bob = await OpenTripAsync(trip.TripId);

        await alice.Locator("[data-seat='B2']").ClickAsync();
        await Expect(alice.Locator("[data-seat='B2']")).ToHaveAttributeAsync("data-state", "selected");
        await bob.Locator("[data-seat='B2']").ClickAsync();
        await bob.Locator("#hold-button").ClickAsync();
        await Expect(bob.Locator("[data-seat='B2']")).ToHaveAttributeAsync("data-state", "mine");

        await Expect(alice.Locator("[data-seat='B2']")).ToHaveAttributeAsync("data-state", "held", new() { Timeout = 2000 });
        await Expect(alice.Locator("#selection-limit")).ToBeVisibleAsync();
        await Expect(alice.Locator("#selection-limit")).ToContainTextAsync("B2");
    }

    [Fact]
    public async Task HoldRefusedBecauseASeatWasJustTaken_ShowsTheSeatInTheAlert()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 12))[0];
        var alice = await OpenTripAsync(trip.TripId);
        await alice.Locator("[data-seat='C1']").ClickAsync();
        await Expect(alice.Locator("[data-seat='C1']")).ToHaveAttributeAsync("data-state", "selected");
        // Another buyer's hold lands between alice's choice and her click, before its broadcast can reach her page.
        await alice.Context.RouteAsync("**/holds", async route =>
        {
            using var other = await app.NewPassengerAsync();
            (await other.PostAsJsonAsync($"/api/trips/{trip.TripId}/holds",
                new { seats = new[] { "C1" }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString() })).EnsureSuccessStatusCode();
            await route.ContinueAsync();
        });

        await alice.Locator("#hold-button").ClickAsync();

        await Expect(alice.Locator("#hold-alert")).ToBeVisibleAsync();
        await Expect(alice.Locator("#hold-alert")).ToContainTextAsync("C1");
        await Expect(alice.Locator("[data-seat='C1']")).ToHaveAttributeAsync("data-state", "held");
    }

    [Fact]
    public async Task SeatMap_OnA360PxPhone_FitsWithoutHorizontalScroll()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 10))[1];

        var page = await OpenTripAsync(trip.TripId, new ViewportSize { Width = 360, Height = 740 });

        await Expect(page.Locator("[data-seat='C2']")).ToBeVisibleAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"The page is {scrollWidth}px wide on a 360px screen");
        var screenshot = await page.ScreenshotAsync(new() { FullPage = true });
        Assert.NotEmpty(screenshot);
    }
}
