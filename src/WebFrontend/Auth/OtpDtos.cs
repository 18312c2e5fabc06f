namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Ask for a sign-in code. <paramref name="Phone"/>: a Bangladeshi mobile number in any digits; <paramref name="Language"/>:
/// <c>bn</c> or <c>en</c> for the SMS (else from Accept-Language). After a <c>428 challenge-required</c>,
/// <paramref name="Challenge"/> is the token from that answer and <paramref name="Solution"/> a counter that solves it.
/// </summary>
public sealed record OtpRequest(string? Phone, string? Language, string? Challenge = null, long? Solution = null);

/// <summary>
/// The puzzle in a <c>428 challenge-required</c> problem (extension <c>challenge</c>): find a whole number
/// <c>n</c> (0 to 2^53 − 1) such that SHA-256 of the ASCII of <paramref name="Token"/> followed by the decimal digits of
/// <c>n</c> starts with <paramref name="Difficulty"/> zero bits, and ask again with <c>challenge</c> = the token and
/// <c>solution</c> = n before <paramref name="ExpiresAt"/>. Good once, for the phone asked for.
/// </summary>
public sealed record OtpChallengeDto(string Token, int Difficulty, DateTimeOffset ExpiresAt, string Algorithm = "sha256-leading-zero-bits");

/// <summary>
/// The same answer whether or not the number has an account. <paramref name="DemoCode"/> is set only in a development
/// embedded run without an SMS gateway, where the code is shown instead of texted.
/// </summary>
public sealed record OtpRequestedDto(string Phone, int ExpiresInSeconds, int ResendAfterSeconds, string? DemoCode);

/// <summary>Trade the code texted to <paramref name="Phone"/> for a session.</summary>
public sealed record OtpVerifyRequest(string? Phone, string? Code);
