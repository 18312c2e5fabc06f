using System.Security.Cryptography;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// What the access tokens <see cref="TokenIssuer"/> signs say: who, in which role, until when, and the counter and the
/// verified phone only where they apply (the hold limits and the counter console trust these claims).
/// </summary>
public sealed class TokenIssuerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    private readonly SigningKeys _keys = new(RandomNumberGenerator.GetBytes(32));
    private readonly AuthOptions _options = new() { Issuer = "test-issuer", Audience = "test-audience", AccessTokenLifetime = TimeSpan.FromMinutes(7) };
    private readonly FakeTimeProvider _clock = new(Now);

    private TokenIssuer Issuer => new(_keys, Options.Create(_options), _clock);

    /// <summary>Validates <paramref name="token"/> as the app does (signature, issuer, audience, lifetime at the fake clock) and returns it.</summary>
    private async Task<JsonWebToken> ValidatedAsync(string token)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _keys.Key,
            ValidAlgorithms = [SigningKeys.Algorithm],
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetClaim(type, out var claim) ? claim.Value : null;

    private static UserAccount Account(string role, string login = "rahim@example.com", string? counter = null, DateTimeOffset? phoneVerifiedAt = null) =>
        new("u42", login, "Rahim Uddin", "hash", role, counter, Now.AddDays(-3), PhoneVerifiedAt: phoneVerifiedAt);

    [Fact]
    public async Task ForUser_NamesTheAccountItsRoleAndName_ValidFromNowForTheConfiguredLifetime()
    {
        var issued = Issuer.ForUser(Account(Roles.Passenger));

        var token = await ValidatedAsync(issued.Token);
        Assert.Equal("u42", Claim(token, AuthClaims.Subject));
        Assert.Equal(Roles.Passenger, Claim(token, AuthClaims.Role));
        Assert.Equal("Rahim Uddin", Claim(token, AuthClaims.Name));
        Assert.Equal(Now.UtcDateTime, token.IssuedAt);
        Assert.Equal(Now.UtcDateTime, token.ValidFrom);
        Assert.Equal(Now.AddMinutes(7).UtcDateTime, token.ValidTo);
        Assert.Equal(Now.AddMinutes(7), issued.ExpiresAt);
    }

    [Fact]
    public async Task EveryToken_HasItsOwnRandomId()
    {
        var first = await ValidatedAsync(Issuer.ForUser(Account(Roles.Passenger)).Token);
        var second = await ValidatedAsync(Issuer.ForUser(Account(Roles.Passenger)).Token);

        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task APassengerWithoutAProvenPhone_GetsNoPhoneClaims_AndNoCounter()
    {
        var token = await ValidatedAsync(Issuer.ForUser(Account(Roles.Passenger, login: "+8801712345678")).Token);

        Assert.Null(Claim(token, AuthClaims.Phone));
        Assert.Null(Claim(token, AuthClaims.PhoneVerified));
        Assert.Null(Claim(token, AuthClaims.Counter));
    }

    [Fact]
    public async Task APassengerWhosePhoneAnSmsCodeProved_CarriesThePhoneMarkedVerified()
    {
        var token = await ValidatedAsync(Issuer.ForUser(Account(Roles.Passenger, login: "+8801712345678", phoneVerifiedAt: Now.AddHours(-1))).Token);

        Assert.Equal("+8801712345678", Claim(token, AuthClaims.Phone));
        Assert.Equal("true", Claim(token, AuthClaims.PhoneVerified));
    }

    [Fact]
    public async Task AClerk_CarriesTheirCounter()
    {
        var token = await ValidatedAsync(Issuer.ForUser(Account(Roles.Clerk, counter: "dhaka-kalyanpur")).Token);

        Assert.Equal(Roles.Clerk, Claim(token, AuthClaims.Role));
        Assert.Equal("dhaka-kalyanpur", Claim(token, AuthClaims.Counter));
    }

    [Fact]
    public async Task APasswordChangeToken_HasOnlyThePasswordChangeRole_NeitherCounterNorPhone()
    {
        var account = Account(Roles.Clerk, login: "+8801712345678", counter: "dhaka-kalyanpur", phoneVerifiedAt: Now);

        var issued = Issuer.ForPasswordChange(account);

        var token = await ValidatedAsync(issued.Token);
        Assert.Equal("u42", Claim(token, AuthClaims.Subject));
        Assert.Equal(Roles.PasswordChange, Claim(token, AuthClaims.Role));
        Assert.Null(Claim(token, AuthClaims.Counter));
        Assert.Null(Claim(token, AuthClaims.Phone));
        Assert.Equal(Now.AddMinutes(7), issued.ExpiresAt);
    }

    [Fact]
    public async Task AGuestToken_NamesTheAnonymousOwner_InTheGuestRole()
    {
        var token = await ValidatedAsync(Issuer.ForGuest("0123456789abcdef0123456789abcdef").Token);

        Assert.Equal("0123456789abcdef0123456789abcdef", Claim(token, AuthClaims.Subject));
        Assert.Equal(Roles.Guest, Claim(token, AuthClaims.Role));
        Assert.Null(Claim(token, AuthClaims.Counter));
        Assert.Null(Claim(token, AuthClaims.Phone));
    }

    [Fact]
    public async Task ATokenIssuedLater_RunsFromThen()
    {
        _clock.Advance(TimeSpan.FromHours(2));

        var issued = Issuer.ForGuest("0123456789abcdef0123456789abcdef");

        var token = await ValidatedAsync(issued.Token);
        Assert.Equal(Now.AddHours(2).UtcDateTime, token.IssuedAt);
        Assert.Equal(Now.AddHours(2).AddMinutes(7), issued.ExpiresAt);
        Assert.Equal(Now.AddHours(2).AddMinutes(7).UtcDateTime, token.ValidTo);
    }
}
