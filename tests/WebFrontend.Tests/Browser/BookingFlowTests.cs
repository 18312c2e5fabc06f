using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The passenger's whole journey in Chromium: seat map → hold → details → test payment → e-ticket → cancel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BookingFlowTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    [Fact]
    public async Task Passenger_HoldsPaysAndGetsATicketWithQr_ThenCancelsWithTheQuotedRefund()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 13))[0];
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live");

        await page.Locator("[data-seat='E2']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();
        // Holding needs a verified phone: the seat map asks for the SMS code in place and then holds the seat.
        var phone = Security.AuthClient.NewPhone();
        await BrowserCodeSignIn.InDialogAsync(page, phone);
        await Expect(page.Locator("[data-seat='E2']")).ToHaveAttributeAsync("data-state", "mine");
        await page.Locator("#continue-button").ClickAsync();

        await Expect(page.Locator(".passenger-fieldset")).ToHaveCountAsync(1);
        // The contact phone starts as the number the passenger just verified, and stays editable.
        await Expect(page.Locator("#contact-phone")).ToHaveValueAsync(phone);
        await Expect(page.Locator("#contact-phone")).ToBeEditableAsync();
        await page.Locator("#p0-name").FillAsync("Rahima Akter");
        await page.Locator("#p0-phone").FillAsync("01712345678");
        await page.Locator("#p0-gender-female").CheckAsync();
        // Dhaka to Kolkata crosses the border: the form asks for a passport.
        await page.Locator("#p0-passportNumber").FillAsync("EB1234567");
        await page.Locator("#p0-passportExpiry").FillAsync("2036-01-31");
        await page.Locator("#contact-phone").FillAsync("01712345678");
        // bKash is offered first (its simulated wallet has its own test); this journey pays by (test) card.
        await page.Locator("#pay-method-card").CheckAsync();
        await page.Locator("#submit-booking").ClickAsync();

        await Expect(page.Locator("#payment-panel")).ToHaveAttributeAsync("data-provider", "simulated");
        await page.Locator("#pay-test").ClickAsync();
        await page.Locator("#view-ticket").ClickAsync();

        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", "Confirmed");
        await Expect(page.Locator("#booking-pnr")).ToHaveTextAsync(new Regex("^DP-[A-Z0-9]{6}$"));
        await Expect(page.Locator("#ticket-qr")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await page.Locator("#ticket-qr").EvaluateAsync<int>("img => img.naturalWidth") > 0, "The QR image did not load");

        await page.Locator("#cancel-booking").ClickAsync();
        await Expect(page.Locator("#refund-quote")).ToContainTextAsync("%");
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page.Locator("#booking-status")).ToHaveAttributeAsync("data-status", new Regex("Cancelled|Refunded"));
    }
}
