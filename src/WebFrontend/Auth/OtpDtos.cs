namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Ask for a sign-in code. <paramref name="Phone"/>: a Bangladeshi mobile number in any digits; <paramref name="Language"/>:
/// <c>bn</c> or <c>en</c> for the SMS (else from Accept-Language).
/// </summary>
public sealed record OtpRequest(string? Phone, string? Language);

/// <summary>
/// The same answer whether or not the number has an account. <paramref name="DemoCode"/> is set only in a development
/// embedded run without an SMS gateway, where the code is shown instead of texted.
/// </summary>
public sealed record OtpRequestedDto(string Phone, int ExpiresInSeconds, int ResendAfterSeconds, string? DemoCode);

/// <summary>Trade the code texted to <paramref name="Phone"/> for a session.</summary>
public sealed record OtpVerifyRequest(string? Phone, string? Code);
