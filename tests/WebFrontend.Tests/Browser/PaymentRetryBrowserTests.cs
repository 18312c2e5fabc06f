using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// A failed payment in Chromium: the page offers to pay again (the same method or bKash) and says until when the seats
/// are held; another passenger's seat map shows them held all along, and sold once the second try is paid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaymentRetryBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    [Fact]
    public async Task FailedPayment_OffersTryAgainAndAnotherMethod_AndTheSeatStaysHeldForOthersUntilPaid()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 13))[0];
        var tripUrl = $"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}";
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        var otherContext = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var other = await otherContext.NewPageAsync();
        await other.GotoAsync(tripUrl);
        await Expect(other.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        await page.GotoAsync(tripUrl);
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");
        await page.Locator("[data-seat='I2']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();
        await BrowserCodeSignIn.InDialogAsync(page, Security.AuthClient.NewPhone());
        await Expect(page.Locator("[data-seat='I2']")).ToHaveAttributeAsync("data-state", "mine");
        await page.Locator("#continue-button").ClickAsync();
        await page.Locator("#p0-name").FillAsync("Rahima Akter");
        await page.Locator("#p0-phone").FillAsync("01712345678");
        await page.Locator("#p0-gender-female").CheckAsync();
        // Dhaka to Kolkata crosses the border: the form asks for a passport.
        await page.Locator("#p0-passportNumber").FillAsync("EB1234567");
        await page.Locator("#p0-passportExpiry").FillAsync("2036-01-31");
        await page.Locator("#contact-phone").FillAsync("01712345678");
        await page.Locator("#pay-method-card").CheckAsync();
        await page.Locator("#submit-booking").ClickAsync();
        await Expect(page.Locator("#payment-panel")).ToHaveAttributeAsync("data-provider", "simulated");

        await page.Locator("#fail-test").ClickAsync();

        await Expect(page.Locator("#payment-retry")).ToBeVisibleAsync();
        await Expect(page.Locator("#payment-retry")).ToContainTextAsync("still held for you until");
        await Expect(page.Locator("button[data-retry='card']")).ToHaveTextAsync("Try again");
        await Expect(page.Locator("button[data-retry='bkash']")).ToHaveTextAsync("Pay with bKash instead");
        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "PendingPayment");
        // Before this change a failure released the seat at once; now it stays held, live and after a reload.
        await Expect(other.Locator("[data-seat='I2']")).ToHaveAttributeAsync("data-state", "held");
        await other.ReloadAsync();
        await Expect(other.Locator("[data-seat='I2']")).ToHaveAttributeAsync("data-state", "held");

        await page.Locator("button[data-retry='card']").ClickAsync();
        await Expect(page.Locator("#pay-test")).ToBeEnabledAsync();
        await page.Locator("#pay-test").ClickAsync();

        await Expect(page.Locator("#result-step")).ToHaveAttributeAsync("data-outcome", "Confirmed");
        await Expect(other.Locator("[data-seat='I2']")).ToHaveAttributeAsync("data-state", "sold");
        await context.CloseAsync();
        await otherContext.CloseAsync();
    }
}
