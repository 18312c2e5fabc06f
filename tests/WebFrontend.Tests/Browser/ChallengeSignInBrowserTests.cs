using System.Text.Json;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using DiuParibahan.WebFrontend.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DiuParibahan.WebFrontend.Tests.Browser;

/// <summary>
/// The app with no free code requests at all: every code request must carry a solved proof-of-work challenge, as
/// for the ten-thousandth user behind a carrier-NAT address at an Eid opening. 12-bit puzzles keep the test quick on
/// a busy machine; the browser's solver is the same at any difficulty.
/// </summary>
public sealed class ChallengeEveryCodeAppFixture : WebAppFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Auth:Otp:PerAddressPerMinute", "0"),
        new("Auth:Otp:ChallengeBaseBits", "12"),
        new("Auth:Otp:ChallengeMaxBits", "12"),
    ];
}

[CollectionDefinition(Name)]
public sealed class ChallengeSignInBrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ChallengeEveryCodeAppFixture>
{
    public const string Name = "browser-challenge-sign-in";
}

[Collection(ChallengeSignInBrowserCollection.Name)]
public sealed class ChallengeSignInBrowserTests(BrowserFixture browser, ChallengeEveryCodeAppFixture app)
{
    [Fact]
    public async Task CodeSignIn_WithNoFreeAllowance_SolvesTheChallenge_SaysItIsChecking_AndSignsIn()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString() });
        var page = await context.NewPageAsync();
        var answers = new List<(bool Solved, int Status)>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/auth/otp")
            {
                var body = JsonDocument.Parse(response.Request.PostData ?? "{}").RootElement;
                lock (answers)
                {
                    answers.Add((body.TryGetProperty("solution", out var s) && s.ValueKind == JsonValueKind.Number, response.Status));
                }
            }
        };
        // The retry carrying the solution is held until the test has seen the "checking" line, which stays up until
        // the retry is answered.
        var retrySeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/auth/otp", async route =>
        {
            if (route.Request.PostData?.Contains("\"solution\"", StringComparison.Ordinal) == true)
            {
                retrySeen.TrySetResult();
                await release.Task;
            }
            await route.ContinueAsync();
        });

        await page.GotoAsync("/login.html?return=/bookings.html");
        var signIn = BrowserCodeSignIn.OnSignInPageThenAtAsync(page, AuthClient.NewPhone(), "/bookings.html");
        await retrySeen.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var checking = page.Locator("#code-panel [data-otp-step=phone] [data-otp-checking]");
        await Expect(checking).ToBeVisibleAsync();
        await Expect(checking).ToContainTextAsync("Checking your connection");
        release.SetResult();
        await signIn;

        Assert.True(await page.EvaluateAsync<bool>("() => JSON.parse(localStorage.getItem('dp.user')).phoneVerified === true"));
        lock (answers)
        {
            Assert.Equal(new[] { (false, 428), (true, 202) }, answers);
        }
        await context.CloseAsync();
    }
}
