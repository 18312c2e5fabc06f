using System.Net.Http.Json;
using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Queue;

/// <summary>
/// The waiting page in Chromium, in Bangla: a signed-in passenger opens the queue of an announced sale, sees the lottery
/// state, the opening time and seats left in Bangla, and sees the sale close live when ops close it, without a reload.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class WaitingPageBrowserTests(BrowserFixture browser, QueueAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitingPage_InBangla_ShowsTheLottery_AndTheClosingArrivesLive()
    {
        var (route, day) = await app.FreshRouteDayAsync();
        var windowId = await app.AnnounceAsync(route, day, DateTimeOffset.UtcNow.AddHours(2));
        var session = await app.SignInByCodeAsync();
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var access = JsonSerializer.Serialize(new { token = session.AccessToken, expiresAt = DateTimeOffset.UtcNow.AddMinutes(14) });
        await context.AddInitScriptAsync(
            $"localStorage.setItem('dp.lang', 'bn'); sessionStorage.setItem('dp.access', {JsonSerializer.Serialize(access)}); " +
            $"localStorage.setItem('dp.user', {JsonSerializer.Serialize(session.User.GetRawText())});");
        var page = await context.NewPageAsync();

        await page.GotoAsync($"/queue.html?window={windowId}");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Expect(page.Locator("#queue-view")).ToHaveAttributeAsync("data-live", "true");
        await Expect(page.Locator("#queue-state")).ToHaveTextAsync("আপনি লটারিতে আছেন");
        await Expect(page.Locator("#queue-lottery")).ToContainTextAsync("১ জন যাত্রী");
        await Expect(page.Locator("#queue-next")).ToContainTextAsync("লটারির সবাই");
        await Expect(page.Locator("h1")).ToHaveTextAsync("বিক্রির অপেক্ষা-কক্ষ");
        // Seats left and the opening time arrive in Bangla digits, with no ASCII digit left over.
        await Expect(page.Locator("#queue-seats")).Not.ToHaveTextAsync("—");
        Assert.DoesNotMatch("[0-9]", await page.Locator("#queue-seats").InnerTextAsync());
        Assert.DoesNotMatch("[0-9]", await page.Locator("#queue-opens").InnerTextAsync());

        using var ops = app.Ops();
        (await ops.PostAsJsonAsync($"/api/admin/sale-windows/{windowId}/close", new { reason = "browser test" }, Ct)).EnsureSuccessStatusCode();

        await Expect(page.Locator("#queue-state")).ToHaveTextAsync("এই বিক্রি বন্ধ");
        await Expect(page.Locator("#queue-view")).ToHaveAttributeAsync("data-state", "closed");
        await context.CloseAsync();
    }
}
