namespace DiuParibahan.WebFrontend.Payments;

/// <summary>
/// Stripe account settings (section <c>Stripe</c>), from user secrets or the environment, never from the repository.
/// Without <see cref="SecretKey"/> the simulated provider is used.
/// </summary>
public sealed class StripeOptions
{
    /// <summary>Secret API key (<c>sk_test_…</c> / <c>sk_live_…</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>Publishable key for Stripe.js in the browser (<c>pk_…</c>); required with a secret key.</summary>
    public string? PublishableKey { get; set; }

    /// <summary>Signing secret of the webhook endpoint (<c>whsec_…</c>); required with a secret key.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>API base address; only set to point at a local fake Stripe in tests.</summary>
    public string? ApiBase { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(SecretKey);

    public bool IsValid() =>
        !Enabled
        || (!string.IsNullOrWhiteSpace(PublishableKey) && !string.IsNullOrWhiteSpace(WebhookSecret)
            && (ApiBase is null || Uri.TryCreate(ApiBase, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"));
}
