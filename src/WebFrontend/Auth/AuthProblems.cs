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
            => StatusCodes.Status401Unauthorized,
        AuthErrorCode.TooManyAttempts => StatusCodes.Status429TooManyRequests,
        AuthErrorCode.AccountDisabled or AuthErrorCode.WrongPassword => StatusCodes.Status403Forbidden,
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
        AuthErrorCode.AccountDisabled => "account-disabled",
        AuthErrorCode.WrongPassword => "wrong-password",
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
        [AuthErrorCode.AccountDisabled] = "Account disabled",
        [AuthErrorCode.WrongPassword] = "Current password is wrong",
    };
}
