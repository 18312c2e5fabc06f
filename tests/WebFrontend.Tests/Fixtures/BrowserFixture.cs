using Microsoft.Playwright;

namespace DiuParibahan.WebFrontend.Tests.Fixtures;

/// <summary>
/// One headless Chromium for the test assembly: Debian's <c>chromium</c> found on PATH (Playwright's own browser
/// download is not used). Each simulated user gets its own context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var chromium = FindOnPath("chromium") ?? FindOnPath("chromium-browser")
            ?? throw new InvalidOperationException("Chromium is not installed; ./test.sh installs the Debian package 'chromium'.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>The app with online holds of a few seconds, so browsers can watch a hold expire.</summary>
public sealed class ShortHoldWebAppFixture : WebAppFixture
{
    public static readonly TimeSpan OnlineHold = TimeSpan.FromSeconds(6);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [new("Trips:OnlineHoldDuration", OnlineHold.ToString())];
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<ShortHoldWebAppFixture>
{
    public const string Name = "browser";
}
