using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>Unsafe auth settings stop the app at start, naming the setting, before anything listens.</summary>
public sealed class AuthSettingsTests
{
    private sealed class AppWith(params (string Key, string Value)[] settings) : WebAppFixture
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }

    private static async Task<string> StartFailureAsync(params (string, string)[] settings)
    {
        await using var app = new AppWith(settings);
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());
        return (error as OptionsValidationException ?? error.InnerException as OptionsValidationException)?.Message ?? error.ToString();
    }

    [Fact]
    public async Task ClockSkewOverThirtySeconds_StopsTheApp()
    {
        Assert.Contains("ClockSkew", await StartFailureAsync(("Auth:ClockSkew", "00:01:00")));
    }

    [Fact]
    public async Task ShortSigningKey_StopsTheApp()
    {
        Assert.Contains("SigningKey", await StartFailureAsync(("Auth:SigningKey", Convert.ToBase64String(new byte[16]))));
    }

    [Fact]
    public async Task ClusterModeWithoutSigningKey_StopsTheApp()
    {
        // Every other cluster-mode secret is present, so only the missing auth key can stop the app.
        var message = await StartFailureAsync(("Orleans:Mode", "Cluster"), ("ConnectionStrings:Orleans", "Host=127.0.0.1;Port=1;Database=none"),
            ("Tickets:SigningKey", new string('k', 48)));

        Assert.Contains("Auth:SigningKey is required in cluster mode", message);
    }
}
