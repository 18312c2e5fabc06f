namespace DiuParibahan.WebFrontend.Auth;

/// <summary><paramref name="Login"/>: a Bangladeshi mobile number or an e-mail address.</summary>
public sealed record RegisterRequest(string? Login, string? Password, string? Name);

public sealed record LoginRequest(string? Login, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Replaces the caller's password; <paramref name="CurrentPassword"/> is the one they signed in with (or the temporary one).</summary>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Who the token belongs to. <paramref name="Login"/> is null for guests; <paramref name="PhoneVerified"/> says whether
/// the account's mobile number was proven by an SMS code (needed to hold seats online).
/// </summary>
public sealed record UserDto(string Id, string Name, string Role, string? CounterId, string? Login, bool PhoneVerified = false);

/// <summary>
/// What sign-in returns: a short-lived access token for the <c>Authorization: Bearer</c> header and, for accounts, a
/// refresh token to trade (once) for the next pair at <c>/api/auth/refresh</c>. With
/// <paramref name="PasswordChangeRequired"/> the password was a temporary one: the access token is good only for
/// <c>POST /api/auth/password</c> and there is no refresh token.
/// </summary>
public sealed record SessionDto(
    string AccessToken, DateTimeOffset AccessTokenExpiresAt, string? RefreshToken, DateTimeOffset? RefreshTokenExpiresAt, UserDto User,
    bool PasswordChangeRequired = false);
