using System.Net.Http.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.BookingFlows;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The live map marks ladies seats and the gender of sold seats' passengers, and the legend explains both.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LadiesSeatMapTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private async Task SellAsync(HttpClient clerk, string tripId, string seat, string gender) =>
        (await clerk.PostAsJsonAsync("/api/counter/sales", new
        {
            tripId, seats = new[] { seat }, from = Dhaka, to = Kolkata, requestId = Guid.NewGuid().ToString(),
            passengers = new[] { Passenger("Counter Passenger", "01812345678", gender) },
        }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

    [Fact]
    public async Task SeatMap_ShowsLadiesSeatsAndSoldSeatsGender_LiveAndInTheLegend_InEnglishAndBangla()
    {
        using var clerk = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        // Day 8 is not used by the other browser tests.
        var tripId = (await KolkataTripsAsync(clerk, 8))[0].TripId;
        await SellAsync(clerk, tripId, "A1", "female");
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();

        // Browsing is anonymous: no sign-in to look at the map.
        await page.GotoAsync($"/trip.html?trip={tripId}&from={Dhaka}&to={Kolkata}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        var a1 = page.Locator("#seat-map [data-seat='A1']");
        await Expect(a1).ToHaveAttributeAsync("data-ladies", "true");
        await Expect(page.Locator("#seat-map [data-seat='B1']")).Not.ToHaveAttributeAsync("data-ladies", "true");
        await Expect(a1).ToHaveAttributeAsync("data-state", "sold");
        await Expect(a1.Locator(".seat-gender")).ToHaveAttributeAsync("data-gender", "female");
        await Expect(a1.Locator(".seat-gender")).ToHaveTextAsync("♀");
        await Expect(a1).ToHaveAttributeAsync("aria-label", "Seat A1, sold, ladies seat, female passenger");

        // A sale while the page is open arrives as a delta with its passenger's gender.
        await SellAsync(clerk, tripId, "B2", "male");
        var b2 = page.Locator("#seat-map [data-seat='B2']");
        await Expect(b2.Locator(".seat-gender")).ToHaveAttributeAsync("data-gender", "male", new() { Timeout = 5000 });
        await Expect(b2).ToHaveAttributeAsync("aria-label", "Seat B2, sold, male passenger");
        await Expect(page.Locator("#seat-map [data-seat='C2'] .seat-gender")).ToHaveCountAsync(0);

        var legend = page.Locator("#seat-legend");
        await Expect(legend.Locator("[data-legend='ladies']")).ToHaveAttributeAsync("data-ladies", "true");
        await Expect(legend).ToContainTextAsync("Ladies seat");
        await Expect(legend).ToContainTextAsync("Sold to a woman");
        await Expect(legend).ToContainTextAsync("Sold to a man");
        await Expect(legend.Locator("[data-legend='female'] .seat-gender")).ToHaveTextAsync("♀");
        await Expect(legend.Locator("[data-legend='male'] .seat-gender")).ToHaveTextAsync("♂");

        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Expect(legend).ToContainTextAsync("মহিলা আসন");
        await Expect(legend).ToContainTextAsync("নারী যাত্রীর কাছে বিক্রি");
        await Expect(legend).ToContainTextAsync("পুরুষ যাত্রীর কাছে বিক্রি");
        await Expect(a1).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("মহিলা আসন, নারী যাত্রী$"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task SelectingALadiesSeat_SaysItIsForAFemalePassenger()
    {
        using var client = app.NewVisitor();
        var tripId = (await KolkataTripsAsync(client, 8))[0].TripId;
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/trip.html?trip={tripId}&from={Dhaka}&to={Kolkata}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        await page.Locator("#seat-map [data-seat='A3']").ClickAsync();

        await Expect(page.Locator("#seat-map [data-seat='A3']")).ToHaveAttributeAsync("data-state", "selected");
        await Expect(page.Locator("#selection-limit")).ToBeVisibleAsync();
        await Expect(page.Locator("#selection-limit")).ToContainTextAsync("A3 is a ladies seat");
        await context.CloseAsync();
    }
}
