using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>The one place where auth error codes become HTTP problems.</summary>
public static class AuthProblems
{
    public static int StatusFor(AuthErrorCode code) => code switch
    {
        AuthErrorCode.LoginTaken => StatusCodes.Status409Conflict,
        AuthErrorCode.InvalidCredentials or AuthErrorCode.InvalidRefreshToken or AuthErrorCode.RefreshTokenReused
            or AuthErrorCode.InvalidCode or AuthErrorCode.PhoneVerificationRequired => StatusCodes.Status401Unauthorized,
        AuthErrorCode.TooManyAttempts or AuthErrorCode.OtpCooldown or AuthErrorCode.OtpHourlyLimit => StatusCodes.Status429TooManyRequests,
        AuthErrorCode.PasswordRequired => StatusCodes.Status403Forbidden,
        AuthErrorCode.SmsUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    public static string CodeFor(AuthErrorCode code) => code switch
    {
        AuthErrorCode.InvalidLogin => "invalid-login",
        AuthErrorCode.WeakPassword => "weak-password",
        AuthErrorCode.InvalidName => "invalid-name",
        AuthErrorCode.LoginTaken => "login-taken",
        AuthErrorCode.InvalidCredentials => "invalid-credentials",
        AuthErrorCode.InvalidRefreshToken => "invalid-refresh-token",
        AuthErrorCode.RefreshTokenReused => "refresh-token-reused",
        AuthErrorCode.TooManyAttempts => "rate-limited",
        AuthErrorCode.InvalidPhone => "invalid-phone",
        AuthErrorCode.InvalidCodeFormat => "invalid-code-format",
        AuthErrorCode.InvalidCode => "invalid-code",
        AuthErrorCode.OtpCooldown => "otp-cooldown",
        AuthErrorCode.OtpHourlyLimit => "otp-hourly-limit",
        AuthErrorCode.SmsUnavailable => "sms-unavailable",
        AuthErrorCode.PasswordRequired => "password-sign-in-required",
        AuthErrorCode.PhoneVerificationRequired => "phone-verification-required",
        _ => "invalid-request",
    };

    public static ProblemHttpResult ToProblem(this AuthFailure failure) =>
        TypedResults.Problem(
            title: Titles[failure.Code],
            detail: failure.Detail,
            statusCode: StatusFor(failure.Code),
            type: $"https://diuparibahan.example/problems/{CodeFor(failure.Code)}",
            extensions: new Dictionary<string, object?> { ["code"] = CodeFor(failure.Code) });

    private static readonly Dictionary<AuthErrorCode, string> Titles = new()
    {
        [AuthErrorCode.InvalidLogin] = "Not a mobile number or e-mail address",
        [AuthErrorCode.WeakPassword] = "Password too weak",
        [AuthErrorCode.InvalidName] = "Invalid name",
        [AuthErrorCode.LoginTaken] = "Account already exists",
        [AuthErrorCode.InvalidCredentials] = "Wrong login or password",
        [AuthErrorCode.InvalidRefreshToken] = "Session expired",
        [AuthErrorCode.RefreshTokenReused] = "Session revoked",
        [AuthErrorCode.TooManyAttempts] = "Too many requests",
        [AuthErrorCode.InvalidPhone] = "Not a Bangladeshi mobile number",
        [AuthErrorCode.InvalidCodeFormat] = "A code is six digits",
        [AuthErrorCode.InvalidCode] = "Wrong or expired code",
        [AuthErrorCode.OtpCooldown] = "Code just sent",
        [AuthErrorCode.OtpHourlyLimit] = "Too many codes",
        [AuthErrorCode.SmsUnavailable] = "SMS unavailable",
        [AuthErrorCode.PasswordRequired] = "Sign in with your password",
        [AuthErrorCode.PhoneVerificationRequired] = "Verify your phone",
    };
}
