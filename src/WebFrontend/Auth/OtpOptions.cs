using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Sign-in by SMS code (section <c>Auth:Otp</c>). Bound and validated at start.</summary>
public sealed class OtpOptions
{
    /// <summary>Digits in a code.</summary>
    public const int CodeLength = 6;

    /// <summary>How long a code is accepted after it was sent.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong tries a code survives; after that even the right code is refused and a new one must be asked for.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The least time between two codes sent to one phone.</summary>
    public TimeSpan ResendCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Codes one phone may be sent per hour (the window opens with the first code).</summary>
    public int MaxCodesPerHour { get; set; } = 5;

    /// <summary>
    /// Code requests one client address may make per minute. A coarse ceiling sized for carrier NAT (many honest
    /// users behind one address); the per-phone cool-down and hourly cap are what bound SMS cost per number.
    /// </summary>
    public int PerAddressPerMinute { get; set; } = 120;

    internal string? Problem() => this switch
    {
        { CodeLifetime.TotalSeconds: <= 0 } => "Auth:Otp:CodeLifetime must be positive.",
        { MaxAttempts: < 1 } => "Auth:Otp:MaxAttempts must be at least 1.",
        { ResendCooldown.TotalSeconds: < 0 } => "Auth:Otp:ResendCooldown must not be negative.",
        { MaxCodesPerHour: < 1 } => "Auth:Otp:MaxCodesPerHour must be at least 1.",
        { PerAddressPerMinute: < 1 } => "Auth:Otp:PerAddressPerMinute must be at least 1.",
        _ => null,
    };
}

/// <summary>Checks <see cref="OtpOptions"/> at start, naming the setting that is wrong.</summary>
internal sealed class OtpOptionsValidator : IValidateOptions<OtpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtpOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
