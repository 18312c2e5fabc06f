using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>The app with holds long enough to outlast signing in on a second browser, however slow the machine.</summary>
public sealed class LongHoldWebAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Trips:OnlineHoldDuration", "00:10:00")];
}

[CollectionDefinition(Name)]
public sealed class SignInBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<LongHoldWebAppFixture>
{
    public const string Name = "browser-sign-in";
}

[Collection(SignInBrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser, LongHoldWebAppFixture app)
{
    // Generous: the first hub connection of a fresh app on a loaded machine activates grains from a cold start.
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };

    private async Task<IPage> NewBrowserAsync()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task Register_ReturnsToTheTrip_AndTheHoldFollowsTheAccountToAnotherBrowser()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 12))[1];
        var tripPath = $"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}";
        var email = AuthClient.NewEmail();
        var laptop = await NewBrowserAsync();

        await laptop.GotoAsync($"/login.html?return={Uri.EscapeDataString(tripPath)}");
        await laptop.Locator("#tab-register").ClickAsync();
        await laptop.Locator("#register-name").FillAsync("Karim");
        await laptop.Locator("#register-id").FillAsync(email);
        await laptop.Locator("#register-password").FillAsync(AuthClient.GoodPassword);
        await laptop.Locator("#register-form button[type=submit]").ClickAsync();

        await Expect(laptop.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        await Expect(laptop.Locator("#auth-nav")).ToContainTextAsync("Karim", new() { Timeout = 30_000 });
        await laptop.Locator("[data-seat='C3']").ClickAsync();
        await laptop.Locator("#hold-button").ClickAsync();
        await Expect(laptop.Locator("[data-seat='C3']")).ToHaveAttributeAsync("data-state", "mine", Slow);

        // Another browser has no cookie: only signing in makes the hold its own, over HTTP and the hub alike.
        var phone = await NewBrowserAsync();
        await phone.GotoAsync($"/login.html?return={Uri.EscapeDataString(tripPath)}");
        await phone.Locator("#login-id").FillAsync(email);
        await phone.Locator("#login-password").FillAsync(AuthClient.GoodPassword);
        await phone.Locator("#login-form button[type=submit]").ClickAsync();
        await Expect(phone.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        await Expect(phone.Locator("[data-seat='C3']")).ToHaveAttributeAsync("data-state", "mine", Slow);

        await phone.Locator("#sign-out").ClickAsync();
        await Expect(phone.Locator("#auth-nav a[href^='/login.html']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorOnThePage()
    {
        var page = await NewBrowserAsync();
        await page.GotoAsync("/login.html");

        await page.Locator("#login-id").FillAsync(AuthClient.NewEmail());
        await page.Locator("#login-password").FillAsync("not the password");
        await page.Locator("#login-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#login-error")).ToContainTextAsync("wrong", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task ReturnToAnotherSite_IsIgnored()
    {
        var email = AuthClient.NewEmail();
        await app.RegisterAsync(email);
        var page = await NewBrowserAsync();
        await page.GotoAsync("/login.html?return=//evil.example/");

        await page.Locator("#login-id").FillAsync(email);
        await page.Locator("#login-password").FillAsync(AuthClient.GoodPassword);
        await page.Locator("#login-form button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/" && new Uri(url).Host == app.ServerAddress.Host, new() { Timeout = 30_000 });
    }
}
