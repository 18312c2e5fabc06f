using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The app with fare charges and a browser: the booking details a passenger gives and sees.</summary>
[CollectionDefinition(Name)]
public sealed class BookingDetailsBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<FareChargesAppFixture>
{
    public const string Name = "booking-details-browser";
}

/// <summary>
/// Booking to Kolkata in Chromium with passports and a chosen boarding point, the fare breakdown before paying, the
/// points on the ticket; and the hold countdown staying in view on a phone.
/// </summary>
[Collection(BookingDetailsBrowserCollection.Name)]
public sealed class BookingDetailsBrowserTests(BrowserFixture browser, FareChargesAppFixture app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    private async Task<IPage> HeldSeatPageAsync(string tripId, string to, string seat, ViewportSize? viewport = null)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/trip.html?trip={tripId}&from={Dhaka}&to={to}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        await page.Locator($"[data-seat='{seat}']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();
        await BrowserCodeSignIn.InDialogAsync(page, Security.AuthClient.NewPhone());
        await Expect(page.Locator($"[data-seat='{seat}']")).ToHaveAttributeAsync("data-state", "mine", new() { Timeout = 30_000 });
        await page.Locator("#continue-button").ClickAsync();
        await Expect(page.Locator(".passenger-fieldset")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        return page;
    }

    [Fact]
    public async Task KolkataBooking_WithPassportAndBoardingPoint_ShowsTheBreakdown_AndTheTicketShowsThePoints()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 9))[0];
        var page = await HeldSeatPageAsync(trip.TripId, Kolkata, "A1");

        // The passenger's own phone is optional; the passport is not, on a coach to Kolkata.
        await Expect(page.Locator("#p0-passportNumber")).ToBeVisibleAsync(Slow);
        await page.Locator("#p0-name").FillAsync("Rahima Akter");
        await page.Locator("#p0-gender-female").CheckAsync();
        await page.Locator("#contact-phone").FillAsync("01712345678");
        await page.Locator("#pay-method-card").CheckAsync();
        await page.Locator("#submit-booking").ClickAsync();
        await Expect(page.Locator("#p0-passportNumber-error")).ToBeVisibleAsync(Slow);

        await page.Locator("#p0-passportNumber").FillAsync("EB1234567");
        await page.Locator("#p0-passportExpiry").FillAsync("2036-01-31");
        await Expect(page.Locator("#points-fieldset")).ToBeVisibleAsync(Slow);
        await page.Locator("#boarding-point").SelectOptionAsync("technical-more");
        await Expect(page.Locator("#summary-points")).ToContainTextAsync("Technical more");
        await page.Locator("#submit-booking").ClickAsync();

        await Expect(page.Locator("#payment-panel")).ToHaveAttributeAsync("data-provider", "simulated", new() { Timeout = 30_000 });
        var breakdown = page.Locator("#summary-breakdown");
        await Expect(breakdown.Locator("[data-fare-kind='leg']")).ToHaveCountAsync(3);
        await Expect(breakdown.Locator("[data-fare-kind='fee']")).ToHaveCountAsync(2);
        await Expect(breakdown.Locator("[data-fare-kind='discount']")).ToHaveCountAsync(1);
        // The fare + 20 service charge + 15 card fee − 10 discount.
        var total = (trip.Fare + 25).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("#summary-total")).ToContainTextAsync(total);
        await page.Locator("#pay-test").ClickAsync();
        await page.Locator("#view-ticket").ClickAsync();

        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed", new() { Timeout = 30_000 });
        await Expect(page.Locator("#ticket-boarding")).ToContainTextAsync("Technical more");
        await Expect(page.Locator("#ticket-report-row")).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-dropping")).ToContainTextAsync("Marquis Street counter");
        await Expect(page.Locator("#ticket-fare-lines [data-fare-kind='fee']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#ticket-total")).ToContainTextAsync(total);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("EB1234567");
    }

    [Fact]
    public async Task OnAPhone_TheHoldCountdownStaysInView_AfterScrollingToTheSubmitButton()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 10))[0];
        var page = await HeldSeatPageAsync(trip.TripId, Jashore, "A2", new ViewportSize { Width = 390, Height = 844 });

        await page.Locator("#submit-booking").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");

        await Expect(page.Locator("#countdown-bar")).ToBeInViewportAsync();
        await Expect(page.Locator("#hold-countdown-bar")).ToHaveTextAsync(new Regex(@"\d+:\d\d"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.scrollY > 0"), "The page did not scroll, so the test proves nothing");
    }
}
