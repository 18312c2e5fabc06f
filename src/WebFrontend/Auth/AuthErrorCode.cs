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

    /// <summary>Not a Bangladeshi mobile number.</summary>
    InvalidPhone,

    /// <summary>Not six digits.</summary>
    InvalidCodeFormat,

    /// <summary>Wrong, expired, spent, past its tries or never requested: deliberately one answer.</summary>
    InvalidCode,
    OtpCooldown,
    OtpHourlyLimit,

    /// <summary>No SMS gateway to send codes through, or it refused the message.</summary>
    SmsUnavailable,

    /// <summary>A staff account tried to sign in by SMS code.</summary>
    PasswordRequired,

    /// <summary>The address is past its free allowance of code requests: solve the challenge in the answer and ask again.</summary>
    ChallengeRequired,

    /// <summary>The proof-of-work solution is forged, for another phone, wrong, or already spent.</summary>
    ChallengeInvalid,

    /// <summary>The cluster sent its hourly budget of sign-in SMS (<c>Auth:Otp:SmsPerHourCeiling</c>); try after the hour.</summary>
    SmsCeiling,

    /// <summary>Holding seats online needs a passenger signed in with a phone verified by SMS code.</summary>
    PhoneVerificationRequired,
}

/// <summary>A refused auth request.</summary>
public sealed record AuthFailure(AuthErrorCode Code, string Detail);

/// <summary>A session, or why there is none.</summary>
public sealed record AuthResult(SessionDto? Session, AuthFailure? Failure)
{
    public static AuthResult Of(SessionDto session) => new(session, null);

    public static AuthResult Fail(AuthErrorCode code, string detail) => new(null, new AuthFailure(code, detail));
}
