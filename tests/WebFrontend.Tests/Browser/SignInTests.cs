using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static DiuParibahan.WebFrontend.Tests.Fixtures.DemoTrips;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// The app with holds long enough to outlast signing in on a second browser, however slow the machine, and no resend
/// cool-down, so one phone signs in on two browsers within a minute (the cool-down has tests of its own).
/// </summary>
public sealed class LongHoldWebAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Trips:OnlineHoldDuration", "00:10:00"), new("Auth:Otp:ResendCooldown", "00:00:00")];
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
    public async Task CodeSignIn_ReturnsToTheTrip_AndTheHoldFollowsThePhoneToAnotherBrowser()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 12))[1];
        var tripPath = $"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}";
        var phoneNumber = AuthClient.NewPhone();
        var laptop = await NewBrowserAsync();

        await laptop.GotoAsync($"/login.html?return={Uri.EscapeDataString(tripPath)}");
        await BrowserCodeSignIn.OnSignInPageAsync(laptop, phoneNumber);

        await Expect(laptop.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        await Expect(laptop.Locator("#auth-nav")).ToContainTextAsync("Passenger", new() { Timeout = 30_000 });
        await laptop.Locator("[data-seat='C3']").ClickAsync();
        await laptop.Locator("#hold-button").ClickAsync();
        await Expect(laptop.Locator("[data-seat='C3']")).ToHaveAttributeAsync("data-state", "mine", Slow);

        // Another browser has no cookie: signing in with the same phone (typed in Bangla digits) makes the hold its own.
        var phone = await NewBrowserAsync();
        await phone.GotoAsync($"/login.html?return={Uri.EscapeDataString(tripPath)}");
        await BrowserCodeSignIn.OnSignInPageAsync(phone, new string(phoneNumber.Select(c => (char)('০' + (c - '0'))).ToArray()));
        await Expect(phone.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        await Expect(phone.Locator("[data-seat='C3']")).ToHaveAttributeAsync("data-state", "mine", Slow);

        await phone.Locator("#sign-out").ClickAsync();
        await Expect(phone.Locator("#auth-nav a[href^='/login.html']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task HoldWithoutAVerifiedPhone_AsksForTheCodeInPlace_KeepsTheSelection_AndHolds()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 5))[0];
        var page = await NewBrowserAsync();
        await page.GotoAsync($"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}");
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);

        await page.Locator("[data-seat='D1']").ClickAsync();
        await page.Locator("[data-seat='D2']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();
        await Expect(page.Locator("dialog[data-otp-dialog]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-seat='D1']")).ToHaveAttributeAsync("data-state", "selected");
        await BrowserCodeSignIn.InDialogAsync(page, AuthClient.NewPhone());

        await Expect(page.Locator("[data-seat='D1']")).ToHaveAttributeAsync("data-state", "mine", Slow);
        await Expect(page.Locator("[data-seat='D2']")).ToHaveAttributeAsync("data-state", "mine", Slow);
        await Expect(page.Locator("dialog[data-otp-dialog]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RefreshAnswered429_KeepsThePassengerSignedIn_AndRetriesAfterRetryAfter()
    {
        using var client = app.NewVisitor();
        var trip = (await KolkataTripsAsync(client, 6))[0];
        var page = await NewBrowserAsync();
        await page.GotoAsync($"/login.html?return={Uri.EscapeDataString($"/trip.html?trip={trip.TripId}&from={Dhaka}&to={Kolkata}")}");
        await BrowserCodeSignIn.OnSignInPageAsync(page, AuthClient.NewPhone());
        await Expect(page.Locator("#connection-status")).ToHaveAttributeAsync("data-status", "live", Slow);
        var refreshes = 0;
        await page.RouteAsync("**/api/auth/refresh", async route =>
        {
            if (Interlocked.Increment(ref refreshes) == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 429,
                    ContentType = "application/problem+json",
                    Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                    Body = """{"title":"Too many requests","status":429,"code":"rate-limited"}""",
                });
                return;
            }
            await route.ContinueAsync();
        });
        // The access token has lapsed: the next call must refresh, meets a 429, waits and refreshes again.
        await page.EvaluateAsync("""
            () => {
              const access = JSON.parse(sessionStorage.getItem("dp.access"));
              sessionStorage.setItem("dp.access", JSON.stringify({ ...access, expiresAt: new Date(0).toISOString() }));
            }
            """);

        await page.Locator("[data-seat='E1']").ClickAsync();
        await page.Locator("#hold-button").ClickAsync();

        await Expect(page.Locator("[data-seat='E1']")).ToHaveAttributeAsync("data-state", "mine", Slow);
        Assert.Equal(2, Volatile.Read(ref refreshes));
        await Expect(page.Locator("#auth-nav")).ToContainTextAsync("Passenger");
        await Expect(page.Locator("dialog[data-otp-dialog]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorOnThePage()
    {
        var page = await NewBrowserAsync();
        await page.GotoAsync("/login.html");
        await page.Locator("#tab-login").ClickAsync();

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
        await page.Locator("#tab-login").ClickAsync();

        await page.Locator("#login-id").FillAsync(email);
        await page.Locator("#login-password").FillAsync(AuthClient.GoodPassword);
        await page.Locator("#login-form button[type=submit]").ClickAsync();

        // The address alone (WaitForURL would also wait for a load state): our own home page, not the site it named.
        var home = new Uri(app.ServerAddress, "/").ToString();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(home) + "([?#]|$)"), new() { Timeout = 30_000 });
    }
}
