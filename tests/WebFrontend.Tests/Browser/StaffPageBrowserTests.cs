using System.Text.RegularExpressions;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// In Chromium: ops create a clerk on the staff page and read the temporary password off it; the clerk signs in with it,
/// is asked for a new password, and lands at the counter console.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class StaffPageBrowserTests(BrowserFixture browser, ShortHoldWebAppFixture app)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task OpsCreateAClerk_WhoSignsInWithTheTemporaryPassword_ChoosesANewOne_AndReachesTheCounter()
    {
        var token = app.StaffToken(Roles.Ops);
        var ops = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        await ops.AddInitScriptAsync($$"""
            sessionStorage.setItem("dp.access", JSON.stringify({ token: "{{token}}", expiresAt: new Date(Date.now() + 600000).toISOString() }));
            localStorage.setItem("dp.user", JSON.stringify({ id: "ops", name: "Operations", role: "ops", counterId: null, login: "ops@example.com" }));
            """);
        var page = await ops.NewPageAsync();
        var login = AuthClient.NewEmail();

        await page.GotoAsync("/ops/staff.html");
        await Expect(page.Locator("#staff-counter option[value='dhaka-kalyanpur']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.Locator("#staff-name").FillAsync("Kalyanpur evening clerk");
        await page.Locator("#staff-login").FillAsync(login);
        await page.Locator("#staff-counter").SelectOptionAsync("dhaka-kalyanpur");
        await page.Locator("#staff-form button[type=submit]").ClickAsync();

        await Expect(page.Locator("#temporary-password")).ToBeVisibleAsync(Slow);
        var temporary = (await page.Locator("#temporary-value").TextContentAsync())!.Trim();
        Assert.Equal(16, temporary.Length);
        await Expect(page.Locator("#staff-rows tr", new() { HasText = login })).ToContainTextAsync("Temporary password");
        await Expect(page.Locator("#ops-nav a[href='/ops/staff.html']")).ToHaveAttributeAsync("aria-current", "page");

        var clerk = await (await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() })).NewPageAsync();
        await clerk.GotoAsync("/login.html");
        // The SMS-code tab is the default; staff sign in on the password tab.
        await clerk.Locator("#tab-login").ClickAsync();
        await clerk.Locator("#login-id").FillAsync(login);
        await clerk.Locator("#login-password").FillAsync(temporary);
        await clerk.Locator("#login-form button[type=submit]").ClickAsync();
        await Expect(clerk.Locator("#password-change-form")).ToBeVisibleAsync(Slow);
        await clerk.Locator("#new-password").FillAsync("my own counter password");
        await clerk.Locator("#new-password-again").FillAsync("my own counter password");
        await clerk.Locator("#password-change-form button[type=submit]").ClickAsync();

        await Expect(clerk).ToHaveURLAsync(CounterPage(), new() { Timeout = 30_000 });
        await Expect(clerk.Locator("#counter-view")).ToBeVisibleAsync(Slow);
        await ops.CloseAsync();
        await clerk.Context.CloseAsync();
    }

    [GeneratedRegex("/counter\\.html$")]
    private static partial Regex CounterPage();
}
