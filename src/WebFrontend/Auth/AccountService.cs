using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Registration, sign-in and session refresh: validates, talks to the stores, issues tokens.</summary>
public sealed partial class AccountService(
    UserStore users,
    RefreshTokenStore refreshTokens,
    TokenIssuer tokens,
    IPasswordHasher<UserAccount> hasher,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    private const int MaxNameLength = 80;

    // Verified when the login is unknown, so "no such account" costs the same PBKDF2 time as "wrong password".
    private readonly Lazy<string> _decoyHash = new(() => hasher.HashPassword(Decoy, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));
    private static readonly UserAccount Decoy = new("", "", "", "", Roles.Passenger, null, DateTimeOffset.UnixEpoch);

    /// <summary>Creates a passenger account and signs it in.</summary>
    public async Task<AuthResult> RegisterAsync(string login, string? password, string? name, CancellationToken ct)
    {
        if (PasswordRules.Check(password) is { } weak)
        {
            return AuthResult.Fail(AuthErrorCode.WeakPassword, weak);
        }
        var displayName = string.IsNullOrWhiteSpace(name) ? "Passenger" : name.Trim();
        if (displayName.Length > MaxNameLength || displayName.Any(char.IsControl))
        {
            return AuthResult.Fail(AuthErrorCode.InvalidName, $"The name must be at most {MaxNameLength} printable characters.");
        }
        var user = NewAccount(login, displayName, Roles.Passenger, null);
        user = user with { PasswordHash = hasher.HashPassword(user, password!) };
        if (!await users.TryCreateAsync(user, ct))
        {
            return AuthResult.Fail(AuthErrorCode.LoginTaken, "An account with this mobile number or e-mail address already exists; sign in instead.");
        }
        LogRegistered(user.Id, LoginIdentifier.Mask(login));
        return AuthResult.Of(await StartSessionAsync(user, ct));
    }

    /// <summary>Signs in; the same refusal whether the account is unknown or the password is wrong.</summary>
    public async Task<AuthResult> LoginAsync(string login, string password, CancellationToken ct)
    {
        var user = await users.FindByLoginAsync(login, ct);
        var verdict = hasher.VerifyHashedPassword(user ?? Decoy, user?.PasswordHash ?? _decoyHash.Value, password);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            LogLoginFailed(LoginIdentifier.Mask(login));
            return AuthResult.Fail(AuthErrorCode.InvalidCredentials, "The mobile number, e-mail address or password is wrong.");
        }
        if (user.DisabledAt is not null)
        {
            LogDisabledLogin(user.Id);
            return AuthResult.Fail(AuthErrorCode.AccountDisabled, "This account has been disabled; ask operations.");
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await users.SetPasswordHashAsync(user.Id, hasher.HashPassword(user, password), ct);
        }
        if (user.PasswordChangeRequired)
        {
            // A temporary password proves enough to choose a new one, nothing more: no refresh token, no usable role.
            var access = tokens.ForPasswordChange(user);
            return AuthResult.Of(new SessionDto(access.Token, access.ExpiresAt, null, null, ToDto(user), PasswordChangeRequired: true));
        }
        return AuthResult.Of(await StartSessionAsync(user, ct));
    }

    /// <summary>
    /// Replaces the password of <paramref name="userId"/> after checking the current one, ends every other session of
    /// the account and starts a new one.
    /// </summary>
    public async Task<AuthResult> ChangePasswordAsync(string userId, string? currentPassword, string? newPassword, CancellationToken ct)
    {
        if (await users.FindByIdAsync(userId, ct) is not { } user || user.DisabledAt is not null)
        {
            return AuthResult.Fail(AuthErrorCode.InvalidCredentials, "The account does not exist or has been disabled.");
        }
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword ?? "") == PasswordVerificationResult.Failed)
        {
            return AuthResult.Fail(AuthErrorCode.WrongPassword, "The current password is wrong.");
        }
        if (PasswordRules.Check(newPassword) is { } weak)
        {
            return AuthResult.Fail(AuthErrorCode.WeakPassword, weak);
        }
        if (newPassword == currentPassword)
        {
            return AuthResult.Fail(AuthErrorCode.WeakPassword, "Choose a password different from the current one.");
        }
        user = user with { PasswordChangeRequired = false };
        await users.SetPasswordAsync(user.Id, hasher.HashPassword(user, newPassword!), changeRequired: false, ct);
        await refreshTokens.RevokeAllAsync(user.Id, ct);
        LogPasswordChanged(user.Id);
        return AuthResult.Of(await StartSessionAsync(user, ct));
    }

    /// <summary>Trades a refresh token for a new access token and refresh token.</summary>
    public async Task<AuthResult> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var result = await refreshTokens.RotateAsync(refreshToken, options.Value.RefreshTokenLifetime, ct);
        if (result.Outcome == RefreshOutcome.Reused)
        {
            LogRefreshReused();
            return AuthResult.Fail(AuthErrorCode.RefreshTokenReused,
                "This session was used from somewhere else and has been closed everywhere; please sign in again.");
        }
        if (result.Outcome != RefreshOutcome.Rotated || await users.FindByIdAsync(result.UserId!, ct) is not { DisabledAt: null, PasswordChangeRequired: false } user)
        {
            return AuthResult.Fail(AuthErrorCode.InvalidRefreshToken, "The session has expired or was closed; please sign in again.");
        }
        return AuthResult.Of(Session(user, result.Next!));
    }

    /// <summary>A new account value with a fresh id (no password hash yet).</summary>
    public UserAccount NewAccount(string login, string name, string role, string? counterId) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), login, name, "", role, counterId, clock.GetUtcNow());

    /// <summary>A new session (refresh-token family) for <paramref name="user"/>, who has just proven who they are.</summary>
    public async Task<SessionDto> StartSessionAsync(UserAccount user, CancellationToken ct) =>
        Session(user, await refreshTokens.IssueAsync(user.Id, options.Value.RefreshTokenLifetime, ct));

    private SessionDto Session(UserAccount user, IssuedRefreshToken refresh)
    {
        var access = tokens.ForUser(user);
        return new SessionDto(access.Token, access.ExpiresAt, refresh.Token, refresh.ExpiresAt, ToDto(user));
    }

    public static UserDto ToDto(UserAccount user) =>
        new(user.Id, user.DisplayName, user.Role, user.CounterId, user.Login, user.VerifiedPhone is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered user {UserId} ({Login})")]
    private partial void LogRegistered(string userId, string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with the right password to disabled account {UserId} refused")]
    private partial void LogDisabledLogin(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed their password; other sessions revoked")]
    private partial void LogPasswordChanged(string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in for {Login}")]
    private partial void LogLoginFailed(string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token was presented again; its session family is revoked")]
    private partial void LogRefreshReused();
}
