using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Token issuing and validation (section <c>Auth</c>). Bound and validated at start.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// HMAC-SHA256 key for access tokens, base64, at least 32 bytes. Required in cluster mode (every frontend must
    /// share it; supply it from a secret store or environment variable <c>Auth__SigningKey</c>). In embedded mode,
    /// when empty, a key is generated once and kept next to the SQLite file.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> of issued tokens; only tokens with this issuer are accepted.</summary>
    public string Issuer { get; set; } = "diuparibahan";

    /// <summary>The <c>aud</c> of issued tokens; only tokens for this audience are accepted.</summary>
    public string Audience { get; set; } = "diuparibahan-web";

    /// <summary>Lifetime of access tokens.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of a refresh token (each rotation issues a new one with a fresh lifetime).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Tolerated clock difference when checking <c>exp</c>/<c>nbf</c>; at most 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Create the demo clerk and ops accounts at start (embedded mode only; random passwords, logged once).</summary>
    public bool DemoAccounts { get; set; } = true;

    /// <summary>Attempts per minute on login and on registration, counted per client address and per account identifier.</summary>
    public int AttemptsPerMinute { get; set; } = 5;

    private static bool IsStrongKey(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= 32;
    }

    internal bool IsValid(out string error)
    {
        error = this switch
        {
            { Issuer.Length: 0 } or { Audience.Length: 0 } => "Auth: Issuer and Audience are required.",
            { AccessTokenLifetime.TotalSeconds: <= 0 } => "Auth: AccessTokenLifetime must be positive.",
            { RefreshTokenLifetime.TotalSeconds: <= 0 } => "Auth: RefreshTokenLifetime must be positive.",
            { ClockSkew.TotalSeconds: < 0 or > 30 } => "Auth: ClockSkew must be between 0 and 30 seconds.",
            { AttemptsPerMinute: <= 0 } => "Auth: AttemptsPerMinute must be positive.",
            { SigningKey: { Length: > 0 } key } when !IsStrongKey(key) => "Auth: SigningKey must be base64 of at least 32 bytes.",
            _ => "",
        };
        return error.Length == 0;
    }
}

/// <summary>Checks <see cref="AuthOptions"/> at start, naming the setting that is wrong.</summary>
internal sealed class AuthOptionsValidator(bool embedded) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        !options.IsValid(out var error) ? ValidateOptionsResult.Fail(error)
        : !embedded && string.IsNullOrWhiteSpace(options.SigningKey)
            ? ValidateOptionsResult.Fail("Auth:SigningKey is required in cluster mode (base64, at least 32 bytes, the same on every frontend).")
            : ValidateOptionsResult.Success;
}
