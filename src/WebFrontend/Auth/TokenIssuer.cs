using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>An access token and when it stops being accepted.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs short-lived access tokens (HS256) carrying the subject, role, display name, for clerks the counter and, once
/// proven by an SMS code, the verified phone.
/// </summary>
public sealed class TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken ForUser(UserAccount user) => Issue(user.Id, user.Role, user.DisplayName, user.CounterId, user.VerifiedPhone);

    /// <summary>A token good only for changing a temporary password: its role matches no policy.</summary>
    public AccessToken ForPasswordChange(UserAccount user) => Issue(user.Id, Roles.PasswordChange, user.DisplayName, null, null);

    /// <summary>A token for the anonymous owner <paramref name="anonymousId"/>, so API clients and the hub can act as that guest.</summary>
    public AccessToken ForGuest(string anonymousId) => Issue(anonymousId, Roles.Guest, "Guest", null, null);

    private AccessToken Issue(string subject, string role, string name, string? counterId, string? verifiedPhone)
    {
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var claims = new Dictionary<string, object>
        {
            [AuthClaims.Subject] = subject,
            [AuthClaims.Role] = role,
            [AuthClaims.Name] = name,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (counterId is not null)
        {
            claims[AuthClaims.Counter] = counterId;
        }
        if (verifiedPhone is not null)
        {
            claims[AuthClaims.Phone] = verifiedPhone;
            claims[AuthClaims.PhoneVerified] = "true";
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = keys.Credentials,
        });
        return new AccessToken(token, expires);
    }
}
