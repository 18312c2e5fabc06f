using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Grains.Identity;
using DiuParibahan.Hosting.Notifications;
using DiuParibahan.WebFrontend.Limits;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// What asking for a code came to: sent (with the code itself only in demo mode), or refused and for how long, or
/// (with <see cref="AuthErrorCode.ChallengeRequired"/>) the puzzle to solve before asking again.
/// </summary>
public sealed record OtpSendResult(bool Sent, string? DemoCode, AuthFailure? Failure, TimeSpan? RetryAfter,
    ProofOfWorkChallenge? Challenge = null);

/// <summary>
/// Sign-in by SMS code: issues a random 6-digit code per phone (kept only as an HMAC keyed from the signing key, so a
/// copy of the table gives nothing away), texts it through the SMS gateway, and trades a correct code for a session on
/// the account whose login is that phone, creating a passenger account on first sign-in and marking the phone verified.
/// </summary>
/// <remarks>
/// Fair access: a client address gets <see cref="OtpOptions.PerAddressPerMinute"/> code requests a minute for free;
/// past that a request is answered with a proof-of-work challenge bound to the phone, and a solved one buys one code.
/// Thousands of honest users behind one carrier-NAT address thus all get codes, each paying a second or two of hashing,
/// while a script sending codes to arbitrary numbers from one address pays more for each code the faster it goes.
/// The per-phone cool-down and hourly cap come first: a phone that would be refused is refused before any puzzle.
/// </remarks>
public sealed partial class OtpService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private readonly OtpCodeStore _codes;
    private readonly UserStore _users;
    private readonly AccountService _accounts;
    private readonly ISmsGateway? _sms;
    private readonly OtpOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OtpService> _logger;
    private readonly byte[] _hashKey;
    private readonly OtpAddressMeter _addresses;
    private readonly ProofOfWorkChallenges _challenges;
    private readonly SmsSpendCeiling _ceiling;
    private long _nextPurge;

    public OtpService(OtpCodeStore codes, UserStore users, AccountService accounts, SigningKeys keys, IOptions<OtpOptions> options,
        OtpDelivery delivery, SharedCounts counts, IServiceProvider services, TimeProvider clock, ILogger<OtpService> logger)
    {
        _codes = codes;
        _users = users;
        _accounts = accounts;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        DemoCodes = delivery.DemoCodes;
        _sms = delivery.GatewayConfigured ? services.GetRequiredService<ISmsGateway>() : null;
        // A key of its own, derived from the token key: every frontend derives the same one, and it is never a token key.
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.Key.Key, 32, info: "diuparibahan otp codes"u8.ToArray());
        _challenges = new ProofOfWorkChallenges(ProofOfWorkChallenges.DeriveKey(keys), _options.ChallengeLifetime, clock,
            _options.SpentChallengeCapacity);
        _addresses = new OtpAddressMeter(counts);
        _ceiling = new SmsSpendCeiling(counts, _options.SmsPerHourCeiling, clock, logger);
    }

    /// <summary>The cluster's hourly budget of sign-in SMS, for the ops health check.</summary>
    public SmsSpendCeiling Ceiling => _ceiling;

    /// <summary>True when no SMS gateway is configured and this is a development embedded run: codes are shown instead of sent.</summary>
    public bool DemoCodes { get; }

    /// <summary>Issues and sends a code to <paramref name="phone"/> (normalised) in <paramref name="language"/>, with no solved challenge.</summary>
    public Task<OtpSendResult> SendAsync(string phone, string language, string address, CancellationToken ct) =>
        SendAsync(phone, language, address, null, ct);

    /// <summary>
    /// Issues and sends a code to <paramref name="phone"/> (normalised) in <paramref name="language"/>. The request comes
    /// from <paramref name="address"/> (an <see cref="OtpAddressMeter.KeyFor"/> key); past the address's free allowance
    /// it needs <paramref name="solution"/>, a solved challenge from an earlier answer for this phone.
    /// </summary>
    public async Task<OtpSendResult> SendAsync(string phone, string language, string address, ProofOfWorkSolution? solution,
        CancellationToken ct)
    {
        if (_sms is null && !DemoCodes)
        {
            return Refused(AuthErrorCode.SmsUnavailable, "Sign-in codes cannot be sent right now; please try again later.", TimeSpan.FromMinutes(1));
        }
        var now = _clock.GetUtcNow();
        await PurgeIfDueAsync(now, ct);
        // Per phone first: no one is asked to solve a puzzle for a code that would be refused anyway.
        if (await _codes.CheckAsync(phone, now, _options, ct) is { } early)
        {
            return PhoneRefused(early);
        }
        // The budget before any puzzle: no one solves one for a code that will not be sent this hour. Demo codes cost nothing.
        if (_sms is not null && _ceiling.Refusal() is { } untilNextHour)
        {
            return Refused(AuthErrorCode.SmsCeiling, "Sign-in codes are paused: the hourly budget of SMS has been sent. Please try again later.",
                untilNextHour);
        }
        if (AdmitAddress(phone, address, solution) is { } notAdmitted)
        {
            return notAdmitted;
        }
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        if (await _codes.TryIssueAsync(phone, Hash(phone, code), now, _options, ct) is { } refusal)
        {
            return PhoneRefused(refusal);
        }
        if (_sms is null)
        {
            LogDemoCode(PhoneNumber.Mask(phone), code);
            return new OtpSendResult(true, code, null, null);
        }
        try
        {
            await _sms.SendAsync(phone, OtpText.For(language, code, _options.CodeLifetime), "otp-" + Guid.NewGuid().ToString("N"), ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogSendFailed(e, PhoneNumber.Mask(phone));
            return Refused(AuthErrorCode.SmsUnavailable, "The code could not be sent; please try again in a minute.", _options.ResendCooldown);
        }
        _ceiling.Sent();
        LogSent(PhoneNumber.Mask(phone));
        return new OtpSendResult(true, null, null, null);
    }

    /// <summary>
    /// Trades <paramref name="code"/> for a session on <paramref name="phone"/>'s account. A wrong, expired, spent or
    /// never-requested code, and a code past its tries, all get the same refusal.
    /// </summary>
    public async Task<AuthResult> VerifyAsync(string phone, string code, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (!await _codes.TrySpendAsync(phone, Hash(phone, code), now, _options.MaxAttempts, ct))
        {
            LogWrongCode(PhoneNumber.Mask(phone));
            return AuthResult.Fail(AuthErrorCode.InvalidCode, "The code is wrong or has expired; ask for a new one if needed.");
        }
        var user = await _users.FindByLoginAsync(phone, ct);
        if (user is null)
        {
            var created = _accounts.NewAccount(phone, "Passenger", Roles.Passenger, null) with { PhoneVerifiedAt = now };
            // Two verifications racing for a new number: one insert wins, the other signs in to the winner's account.
            user = await _users.TryCreateAsync(created, ct) ? created : await _users.FindByLoginAsync(phone, ct);
            if (user is null)
            {
                return AuthResult.Fail(AuthErrorCode.InvalidCode, "The code is wrong or has expired; ask for a new one if needed.");
            }
            LogAccountCreated(user.Id, PhoneNumber.Mask(phone));
        }
        if (user.DisabledAt is not null)
        {
            // Disabled accounts sign in by nothing, a code included.
            return AuthResult.Fail(AuthErrorCode.AccountDisabled, "This account has been disabled; ask operations.");
        }
        if (user.Role != Roles.Passenger)
        {
            return AuthResult.Fail(AuthErrorCode.PasswordRequired, "Staff accounts sign in with their password.");
        }
        if (user.PhoneVerifiedAt is null)
        {
            await _users.MarkPhoneVerifiedAsync(user.Id, now, ct);
        }
        return AuthResult.Of(await _accounts.StartSessionAsync(user with { PhoneVerifiedAt = user.PhoneVerifiedAt ?? now }, ct));
    }

    /// <summary>The keyed hash stored for <paramref name="code"/> sent to <paramref name="phone"/>.</summary>
    public string Hash(string phone, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(phone + ":" + code)));

    /// <summary>The code as six ASCII digits (any Unicode decimal digits accepted, spaces ignored), or null.</summary>
    public static string? NormaliseCode(string? input)
    {
        if (input is null || input.Length > 20)
        {
            return null;
        }
        var digits = new StringBuilder(OtpOptions.CodeLength);
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.DecimalDigitNumber)
            {
                return null;
            }
            digits.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c)));
        }
        return digits.Length == OtpOptions.CodeLength ? digits.ToString() : null;
    }

    private static OtpSendResult Refused(AuthErrorCode code, string detail, TimeSpan? retryAfter) =>
        new(false, null, new AuthFailure(code, detail), retryAfter);

    private static OtpSendResult PhoneRefused(OtpRefusal refusal) => refusal.Reason == OtpRefusalReason.Cooldown
        ? Refused(AuthErrorCode.OtpCooldown, "A code was just sent to this number; wait before asking for another.", refusal.RetryAfter)
        : Refused(AuthErrorCode.OtpHourlyLimit, "This number was sent too many codes this hour; please try again later.", refusal.RetryAfter);

    /// <summary>
    /// Null when the request may have a code: it carries a challenge solved for this phone, or it has none and its
    /// address is within the free allowance. Otherwise the answer: a challenge to solve, or why the solution failed.
    /// A request with a solution is judged by it alone and not counted against the address: its price was set when
    /// the challenge was issued, and counting the retry too would double an honest crowd's rate.
    /// </summary>
    private OtpSendResult? AdmitAddress(string phone, string address, ProofOfWorkSolution? solution)
    {
        if (solution is not null)
        {
            switch (_challenges.Check(solution.Challenge, phone, solution.Counter))
            {
                case ProofOfWorkVerdict.Accepted:
                    return null;
                case ProofOfWorkVerdict.Busy:
                    LogSpentMemoryFull();
                    return Refused(AuthErrorCode.TooManyAttempts, "Too many code requests right now; please try again shortly.",
                        _options.ChallengeLifetime);
                case ProofOfWorkVerdict.Reused:
                    return Refused(AuthErrorCode.ChallengeInvalid, "This check was already used; ask for a code again.", null);
                case ProofOfWorkVerdict.Invalid:
                    LogChallengeInvalid(PhoneNumber.Mask(phone));
                    return Refused(AuthErrorCode.ChallengeInvalid, "The connection check did not pass; ask for a code again.", null);
                case ProofOfWorkVerdict.Expired:
                    break;
            }
        }
        var rate = _addresses.Count(address);
        if (solution is null && rate <= _options.PerAddressPerMinute)
        {
            return null;
        }
        var difficulty = ProofOfWork.DifficultyFor(rate, _options.PerAddressPerMinute, _options.ChallengeBaseBits, _options.ChallengeMaxBits);
        LogChallenged(difficulty, PhoneNumber.Mask(phone));
        return new OtpSendResult(false, null,
            new AuthFailure(AuthErrorCode.ChallengeRequired, "Many sign-ins come from your network; your browser checks the connection first."),
            null, _challenges.Issue(phone, difficulty));
    }

    private async Task PurgeIfDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextPurge);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurge, (now + PurgeEvery).UtcTicks, due) != due)
        {
            return;
        }
        await _codes.PurgeAsync(now, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DEMO sign-in code for {Phone}: {Code} (no SMS gateway is configured; never in production)")]
    private partial void LogDemoCode(string phone, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in code sent to {Phone}")]
    private partial void LogSent(string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in code for {Phone} could not be sent")]
    private partial void LogSendFailed(Exception e, string phone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrong or expired sign-in code for {Phone}")]
    private partial void LogWrongCode(string phone);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Code request for {Phone} asked to solve a challenge of {Difficulty} bits")]
    private partial void LogChallenged(int difficulty, string phone);

    [LoggerMessage(Level = LogLevel.Information, Message = "Code request for {Phone} refused: its challenge solution is forged, for another phone or wrong")]
    private partial void LogChallengeInvalid(string phone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Solved challenges refused: the memory of spent challenges is full of live ones")]
    private partial void LogSpentMemoryFull();

    [LoggerMessage(Level = LogLevel.Information, Message = "Passenger account {UserId} created by first code sign-in ({Phone})")]
    private partial void LogAccountCreated(string userId, string phone);
}
