using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Payments;

/// <summary>
/// The embedded app without bKash credentials, in Chromium: bKash is offered first, the simulated wallet asks for
/// number, code and PIN like bKash's page and says it is a simulation, and the ticket names bKash and its transaction.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BkashWalletBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    [Fact]
    public async Task Passenger_PaysWithTheSimulatedBkashWallet_FromSeatToTicket()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 13))[0];
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        await page.Locator("[data-seat='D3']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();
        // Holding needs a verified phone: the seat map asks for the SMS code in place and then holds the seat.
        var verifiedPhone = Security.AuthClient.NewPhone();
        await BrowserCodeSignIn.InDialogAsync(page, verifiedPhone);
        await Expect(page.Locator("[data-seat='D3']")).ToHaveAttributeAsync("data-state", "mine");
        await page.Locator("#continue-button").ClickAsync();

        await page.Locator("#p0-name").FillAsync("Rahima Akter");
        await page.Locator("#p0-phone").FillAsync("01712345678");
        // Dhaka to Kolkata crosses the border: the form asks for a passport.
        await page.Locator("#p0-passportNumber").FillAsync("EB1234567");
        await page.Locator("#p0-passportExpiry").FillAsync("2036-01-31");
        await page.Locator("#p0-gender-female").CheckAsync();
        await page.Locator("#contact-phone").FillAsync("01812345678");
        var methods = page.Locator("#method-options input");
        await Expect(methods.First).ToHaveAttributeAsync("value", "bkash");
        await Expect(page.Locator("#pay-method-bkash")).ToBeCheckedAsync();
        await page.Locator("#submit-booking").ClickAsync();

        await Expect(page.Locator("#payment-panel")).ToHaveAttributeAsync("data-provider", "bkash");
        await page.Locator("#bkash-pay").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/bkash-wallet\.html\?paymentID="));
        await Expect(page.Locator("#wallet-banner")).ToContainTextAsync("SIMULATION");
        // The wallet suggested is the phone sign-in verified, not the contact phone typed on the form.
        await Expect(page.Locator("#wallet-number")).ToHaveValueAsync(verifiedPhone);
        await page.Locator("#wallet-confirm").ClickAsync();
        await page.Locator("#wallet-code").FillAsync("12345");
        await page.Locator("#wallet-confirm").ClickAsync();
        await Expect(page.Locator("#wallet-error")).ToBeVisibleAsync();
        await page.Locator("#wallet-code").FillAsync("123456");
        await page.Locator("#wallet-confirm").ClickAsync();
        await page.Locator("#wallet-pin").FillAsync("12121");
        await page.Locator("#wallet-confirm").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/book\.html\?pnr=DP-[A-Z0-9]{6}&bkash=paid"));
        await Expect(page.Locator("#result-step")).ToHaveAttributeAsync("data-outcome", "Confirmed");
        await page.Locator("#view-ticket").ClickAsync();
        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(page.Locator("#ticket-paid-with")).ToContainTextAsync(new Regex("Paid with bKash, transaction SIM[0-9A-F]{8}"));
        await context.CloseAsync();
    }
}
