namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Why an auth request was refused; each maps to one status and stable code in <see cref="AuthProblems"/>.</summary>
public enum AuthErrorCode
{
    InvalidLogin,
    WeakPassword,
    InvalidName,
    LoginTaken,

    /// <summary>Unknown account or wrong password: deliberately one answer, so it does not reveal who has an account.</summary>
    InvalidCredentials,
    InvalidRefreshToken,
    RefreshTokenReused,
    TooManyAttempts,

    /// <summary>Right password, but ops disabled the account.</summary>
    AccountDisabled,

    /// <summary>A password change whose current password is wrong.</summary>
    WrongPassword,
}

/// <summary>A refused auth request.</summary>
public sealed record AuthFailure(AuthErrorCode Code, string Detail);

/// <summary>A session, or why there is none.</summary>
public sealed record AuthResult(SessionDto? Session, AuthFailure? Failure)
{
    public static AuthResult Of(SessionDto session) => new(session, null);

    public static AuthResult Fail(AuthErrorCode code, string detail) => new(null, new AuthFailure(code, detail));
}
