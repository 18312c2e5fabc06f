using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Browser;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Counter;

/// <summary>The counter console in a real browser: a clerk sells with the keyboard while a passenger watches the trip.</summary>
[Collection(SignInBrowserCollection.Name)]
public sealed class CounterConsoleBrowserTests(BrowserFixture browser, LongHoldWebAppFixture app)
{
    // Generous for cold starts on a loaded machine; the flip itself is a hub push and takes milliseconds.
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions Flip = new() { Timeout = 5_000 };

    private async Task<IPage> NewBrowserAsync(string? role = null)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        if (role is not null)
        {
            // Signed in the way auth.js keeps a session: the access token in sessionStorage, the user in localStorage.
            var token = app.StaffToken(role, role == Roles.Clerk ? Dhaka : null);
            var access = JsonSerializer.Serialize(new { token, expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
            var user = JsonSerializer.Serialize(new { id = "u1", name = "Kalyanpur clerk", role, counterId = role == Roles.Clerk ? Dhaka : null, login = "clerk@example.com" });
            await context.AddInitScriptAsync(
                $"sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); localStorage.setItem('dp.user', {JsonSerializer.Serialize(user)});");
        }
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task ClerkSellsA1WithTheKeyboard_ThePnrShows_AndAPassengerWatchingSeesA1Sold()
    {
        using var client = await app.NewPassengerAsync();
        var trip = (await KolkataTripsAsync(client, 1))[0];
        var passenger = await NewBrowserAsync();
        await passenger.GotoAsync($"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}");
        await Expect(passenger.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        await Expect(passenger.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "free", Slow);
        var clerk = await NewBrowserAsync(Roles.Clerk);

        await clerk.GotoAsync("/counter.html");
        await Expect(clerk.Locator("#nav-counter")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await clerk.Locator("#counter-trip").FillAsync(trip.TripId.ToLowerInvariant());
        await clerk.Locator("#counter-trip").PressAsync("Enter");
        await Expect(clerk.Locator("#seat-map [data-seat='A1']")).ToHaveAttributeAsync("data-state", "free", Slow);
        await clerk.Locator("#counter-seats").FillAsync("a1");
        await clerk.Locator("#counter-name").FillAsync("Rahima Begum");
        // Dhaka to Kolkata crosses the border: the sale card asks for the passenger's passport.
        await Expect(clerk.Locator("#counter-passport")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await clerk.Locator("#counter-passport-number").FillAsync("EB1234567");
        await clerk.Locator("#counter-passport-expiry").FillAsync("2036-01-31");
        await clerk.Locator("#counter-phone").FillAsync("01712345678");
        await clerk.Locator("#counter-phone").PressAsync("Enter");

        await Expect(clerk.Locator("#counter-pnr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^DP-[A-Z2-9]{6}$"), new() { Timeout = 30_000 });
        await Expect(passenger.Locator("[data-seat='A1']")).ToHaveAttributeAsync("data-state", "sold", Flip);
        await Expect(clerk.Locator("#counter-total")).ToContainTextAsync(trip.Fare.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(clerk.Locator("#counter-summary-tickets")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Expect(clerk.Locator("#seat-map [data-seat='A1']")).ToHaveAttributeAsync("data-state", "sold", Slow);
    }

    [Fact]
    public async Task ClerkPicksJashore_TheSaleCardAndTheSaleAreForJashoreAtItsFare_AndTheConsoleLogsNoErrors()
    {
        using var client = app.NewVisitor();
        // The 22:30 AC Economy departure (four seats a row), as in the counter's report.
        var trip = (await KolkataTripsAsync(client, 4)).OrderBy(t => t.Departure).Last();
        var day = ServiceDay.Key(ServiceDay.Of(DateTimeOffset.UtcNow).AddDays(4));
        var toJashore = (await client.GetFromJsonAsync<List<Listing>>($"/api/trips?from={Dhaka}&to={Jashore}&date={day}"))!
            .Single(t => t.TripId == trip.TripId);
        Assert.True(toJashore.Fare < trip.Fare);
        var clerk = await NewBrowserAsync(Roles.Clerk);
        var errors = new List<string>();
        clerk.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await clerk.GotoAsync("/counter.html");
        await Expect(clerk.Locator("#counter-destination option[value='jashore']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await clerk.Locator("#counter-destination").SelectOptionAsync(Jashore);
        await clerk.Locator("#counter-trip").FillAsync(trip.TripId);
        await clerk.Locator("#counter-trip").PressAsync("Enter");
        await Expect(clerk.Locator("#seat-map [data-seat='I3']")).ToHaveAttributeAsync("data-state", "free", Slow);
        await Expect(clerk.Locator("#counter-to")).ToHaveValueAsync(Jashore);
        await clerk.Locator("#counter-seats").FillAsync("I3 I4");
        var total = (toJashore.Fare * 2).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(clerk.Locator("#counter-sale-preview")).ToContainTextAsync("Jashore");
        await Expect(clerk.Locator("#counter-sale-preview")).ToContainTextAsync(total);
        await clerk.Locator("#counter-name").FillAsync("Rahima Begum");
        await clerk.Locator("#counter-phone").FillAsync("01712345678");
        await clerk.Locator("#counter-phone").PressAsync("Enter");

        await Expect(clerk.Locator("#counter-pnr")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^DP-[A-Z2-9]{6}$"), new() { Timeout = 30_000 });
        await Expect(clerk.Locator("#counter-total")).ToContainTextAsync(total);
        await Expect(clerk.Locator("#counter-sold-leg")).ToContainTextAsync("Jashore");
        var pnr = await clerk.Locator("#counter-pnr").TextContentAsync();
        using var staff = app.WithToken(app.StaffToken(Roles.Clerk, Dhaka));
        var booking = await staff.GetFromJsonAsync<JsonElement>($"/api/bookings/{pnr}");
        Assert.Equal(Jashore, booking.GetProperty("to").GetString());
        Assert.Equal(toJashore.Fare * 2, booking.GetProperty("fare").GetProperty("total").GetInt32());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ConsoleForAPassenger_SaysItIsForClerks_AndForNobody_GoesToSignIn()
    {
        var passenger = await NewBrowserAsync(Roles.Passenger);
        await passenger.GotoAsync("/counter.html");
        await Expect(passenger.Locator("#counter-forbidden")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(passenger.Locator("#counter-view")).ToBeHiddenAsync();
        await Expect(passenger.Locator("#nav-counter")).ToHaveCountAsync(0);

        var nobody = await NewBrowserAsync();
        await nobody.GotoAsync("/counter.html");
        await Expect(nobody).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/login\.html\?return=%2Fcounter\.html$"), new() { Timeout = 30_000 });
    }
}
