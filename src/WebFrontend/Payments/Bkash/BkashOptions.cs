using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Payments.Bkash;

/// <summary>
/// bKash Tokenized Checkout merchant settings (section <c>Bkash</c>), from user secrets or the environment, never
/// from the repository. Without <see cref="AppKey"/> bKash is not configured: in embedded mode or Development the
/// simulated wallet stands in, otherwise bKash is not offered.
/// </summary>
public sealed class BkashOptions
{
    public const string SandboxUrl = "https://tokenized.sandbox.bka.sh/v1.2.0-beta";
    public const string LiveUrl = "https://tokenized.pay.bka.sh/v1.2.0-beta";

    /// <summary><c>app_key</c> of the merchant app; turns bKash on.</summary>
    public string? AppKey { get; set; }

    /// <summary><c>app_secret</c>; required with an app key.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Merchant API user name (the <c>username</c> header of token grant/refresh); required with an app key.</summary>
    public string? Username { get; set; }

    /// <summary>Merchant API password (the <c>password</c> header); required with an app key.</summary>
    public string? Password { get; set; }

    /// <summary><c>sandbox</c> (default) or <c>live</c>: which bKash base URL to use when <see cref="BaseUrl"/> is not set.</summary>
    public string Environment { get; set; } = "sandbox";

    /// <summary>API base including the version (…/v1.2.0-beta); overrides <see cref="Environment"/>; tests point it at a fake.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Absolute address of <c>GET /api/payments/bkash/callback</c> as the payer's browser reaches it (bKash sends the
    /// payer there); required with an app key.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary>How long one bKash API call may take before its outcome counts as unknown. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each frontend looks for payments whose callback never came. Default 1 minute.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a payment must be before the reconciler checks it (the payer may still be in the wallet). Default 2 minutes.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after creation an unpaid payment is still checked before it is given up (nothing was charged). Default 1 hour.</summary>
    public TimeSpan ReconcileFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Set by the app (never from configuration) when the in-process simulated bKash stands in for bKash.</summary>
    public bool Simulated { get; internal set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AppKey);

    /// <summary>The API base without a trailing slash.</summary>
    public Uri ApiBase => new((string.IsNullOrWhiteSpace(BaseUrl)
        ? Environment.Equals("live", StringComparison.OrdinalIgnoreCase) ? LiveUrl : SandboxUrl
        : BaseUrl).TrimEnd('/') + "/");
}

/// <summary>Start-up check of <see cref="BkashOptions"/>: one line naming every missing or wrong setting.</summary>
public sealed class BkashOptionsValidator : IValidateOptions<BkashOptions>
{
    public ValidateOptionsResult Validate(string? name, BkashOptions options)
    {
        var problems = new List<string>();
        if (options.RequestTimeout <= TimeSpan.Zero || options.ReconcileInterval <= TimeSpan.Zero
            || options.ReconcileAfter < TimeSpan.Zero || options.ReconcileFor <= options.ReconcileAfter)
        {
            problems.Add("RequestTimeout and ReconcileInterval must be positive and ReconcileFor longer than ReconcileAfter");
        }
        if (options.Enabled && !options.Simulated)
        {
            var missing = new[]
            {
                (nameof(options.AppSecret), options.AppSecret),
                (nameof(options.Username), options.Username),
                (nameof(options.Password), options.Password),
                (nameof(options.CallbackUrl), options.CallbackUrl),
            }.Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => "Bkash:" + s.Item1).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{string.Join(", ", missing)} required with Bkash:AppKey");
            }
            if (options.Environment is not ("sandbox" or "live"))
            {
                problems.Add("Bkash:Environment must be \"sandbox\" or \"live\"");
            }
            if (!IsHttpUrl(options.BaseUrl, optional: true))
            {
                problems.Add("Bkash:BaseUrl must be an absolute http(s) URL");
            }
            if (!string.IsNullOrWhiteSpace(options.CallbackUrl) && !IsHttpUrl(options.CallbackUrl, optional: false))
            {
                problems.Add("Bkash:CallbackUrl must be an absolute http(s) URL");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("bKash: " + string.Join("; ", problems) + ".");
    }

    private static bool IsHttpUrl(string? value, bool optional) =>
        string.IsNullOrWhiteSpace(value)
            ? optional
            : Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
