using DiuParibahan.WebFrontend.Payments.Bkash;

namespace DiuParibahan.WebFrontend.Tests.Payments;

/// <summary>bKash settings are checked at start-up with one line naming everything missing or wrong.</summary>
public sealed class BkashOptionsTests
{
    private static readonly BkashOptionsValidator Validator = new();

    [Fact]
    public void AppKeyWithoutTheRest_FailsWithOneLineNamingEachMissingSetting()
    {
        var result = Validator.Validate(null, new BkashOptions { AppKey = "key" });

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.DoesNotContain('\n', message);
        Assert.Equal("bKash: Bkash:AppSecret, Bkash:Username, Bkash:Password, Bkash:CallbackUrl required with Bkash:AppKey.", message);
    }

    [Fact]
    public void WrongEnvironmentAndRelativeUrls_AreNamed()
    {
        var result = Validator.Validate(null, new BkashOptions
        {
            AppKey = "key", AppSecret = "secret", Username = "user", Password = "pass",
            CallbackUrl = "/api/payments/bkash/callback", BaseUrl = "ftp://bkash", Environment = "prod",
        });

        var message = Assert.Single(result.Failures!);
        Assert.Contains("Bkash:Environment must be \"sandbox\" or \"live\"", message);
        Assert.Contains("Bkash:BaseUrl must be an absolute http(s) URL", message);
        Assert.Contains("Bkash:CallbackUrl must be an absolute http(s) URL", message);
    }

    [Fact]
    public void NothingConfigured_IsValid_AndCompleteSettingsPickTheirBaseUrl()
    {
        Assert.True(Validator.Validate(null, new BkashOptions()).Succeeded);
        var live = new BkashOptions
        {
            AppKey = "key", AppSecret = "secret", Username = "user", Password = "pass",
            CallbackUrl = "https://tickets.example/api/payments/bkash/callback", Environment = "live",
        };
        Assert.True(Validator.Validate(null, live).Succeeded);
        Assert.Equal("https://tokenized.pay.bka.sh/v1.2.0-beta/", live.ApiBase.ToString());
        Assert.Equal("https://tokenized.sandbox.bka.sh/v1.2.0-beta/", new BkashOptions().ApiBase.ToString());
    }
}
