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
    /// Code requests one client address (an IPv6 address by its /64) may make per minute for free. Past it a request is
    /// not refused: it must carry a solved proof-of-work challenge (<c>428 challenge-required</c>), so thousands of
    /// honest users behind one carrier-NAT address all get through while a script from one address pays for every
    /// code. 0 asks every request for a puzzle. The per-phone cool-down and hourly cap come first.
    /// </summary>
    public int PerAddressPerMinute { get; set; } = 120;

    /// <summary>
    /// Leading zero bits asked of a request just past the free allowance: 15 is about 33,000 SHA-256 hashes, half a
    /// second to two seconds in a phone's browser.
    /// </summary>
    public int ChallengeBaseBits { get; set; } = 15;

    /// <summary>
    /// The most zero bits ever asked (one more each time the address's rate quadruples past the allowance): 21 is 64
    /// times the base, the price of a code for a script that sends thousands a minute from one address.
    /// </summary>
    public int ChallengeMaxBits { get; set; } = 21;

    /// <summary>How long a challenge may be solved and spent; a spent one is remembered this long.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The most spent challenges one frontend remembers at once (about 100 bytes each); when all are live, solved
    /// challenges are refused with <c>429 rate-limited</c> until the oldest expire.
    /// </summary>
    public int SpentChallengeCapacity { get; set; } = 200_000;

    /// <summary>
    /// Sign-in SMS the whole cluster may send per clock hour, whatever puzzles were solved: past it code requests are
    /// refused with <c>503 sms-ceiling</c> until the hour is over, and the log warns once per hour. Sized well above an
    /// Eid rush (tens of thousands of sign-ins an hour), so it only bounds what a script can spend.
    /// </summary>
    public int SmsPerHourCeiling { get; set; } = 100_000;

    internal string? Problem() => this switch
    {
        { CodeLifetime.TotalSeconds: <= 0 } => "Auth:Otp:CodeLifetime must be positive.",
        { MaxAttempts: < 1 } => "Auth:Otp:MaxAttempts must be at least 1.",
        { ResendCooldown.TotalSeconds: < 0 } => "Auth:Otp:ResendCooldown must not be negative.",
        { MaxCodesPerHour: < 1 } => "Auth:Otp:MaxCodesPerHour must be at least 1.",
        { PerAddressPerMinute: < 0 } => "Auth:Otp:PerAddressPerMinute must not be negative.",
        { ChallengeBaseBits: < 1 or > ProofOfWork.MaxDifficulty } =>
            $"Auth:Otp:ChallengeBaseBits must be between 1 and {ProofOfWork.MaxDifficulty}.",
        { } o when o.ChallengeMaxBits < o.ChallengeBaseBits || o.ChallengeMaxBits > ProofOfWork.MaxDifficulty =>
            $"Auth:Otp:ChallengeMaxBits must be between ChallengeBaseBits and {ProofOfWork.MaxDifficulty}.",
        { ChallengeLifetime.TotalSeconds: < 10 } => "Auth:Otp:ChallengeLifetime must be at least 10 seconds.",
        { SpentChallengeCapacity: < 1 } => "Auth:Otp:SpentChallengeCapacity must be at least 1.",
        { SmsPerHourCeiling: < 1 } => "Auth:Otp:SmsPerHourCeiling must be at least 1.",
        _ => null,
    };
}

/// <summary>Checks <see cref="OtpOptions"/> at start, naming the setting that is wrong.</summary>
internal sealed class OtpOptionsValidator : IValidateOptions<OtpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtpOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
