using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Auth error codes as API codes; status and title come from the <see cref="ProblemCatalog"/>.</summary>
public static class AuthProblems
{
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
        AuthErrorCode.AccountDisabled => "account-disabled",
        AuthErrorCode.WrongPassword => "wrong-password",
        AuthErrorCode.InvalidPhone => "invalid-phone",
        AuthErrorCode.InvalidCodeFormat => "invalid-code-format",
        AuthErrorCode.InvalidCode => "invalid-code",
        AuthErrorCode.OtpCooldown => "otp-cooldown",
        AuthErrorCode.OtpHourlyLimit => "otp-hourly-limit",
        AuthErrorCode.SmsUnavailable => "sms-unavailable",
        AuthErrorCode.PasswordRequired => "password-sign-in-required",
        AuthErrorCode.PhoneVerificationRequired => "phone-verification-required",
        AuthErrorCode.ChallengeRequired => "challenge-required",
        AuthErrorCode.ChallengeInvalid => "challenge-invalid",
        AuthErrorCode.SmsCeiling => "sms-ceiling",
        _ => "invalid-request",
    };

    public static ProblemHttpResult ToProblem(this AuthFailure failure) => ApiProblems.Create(CodeFor(failure.Code), failure.Detail);
}
