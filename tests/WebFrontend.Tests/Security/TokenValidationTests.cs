using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// Every defect in an access token is a 401 on an ops endpoint, while the same token without the defect passes (the
/// ops endpoint then answers 404 for the unknown hold), so each 401 is caused by the one defect under test.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TokenValidationTests(WebAppFixture app)
{
    private static readonly string UnknownHold = $"DHK-KOL-20990101-0000.{Guid.NewGuid():N}";

    private async Task<HttpResponseMessage> ReleaseAsAsync(string token)
    {
        using var client = app.WithToken(token);
        return await client.DeleteAsync($"/api/admin/holds/{UnknownHold}", TestContext.Current.CancellationToken);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task WellFormedOpsToken_PassesAuthorization()
    {
        var response = await ReleaseAsAsync(app.Forge(_ => { }));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "hold-not-found");
    }

    [Fact]
    public async Task NoToken_Is401ProblemWithBearerChallenge()
    {
        using var client = app.NewVisitor();
        var response = await client.DeleteAsync($"/api/admin/holds/{UnknownHold}", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task AlgNoneToken_Is401()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sub"] = "attacker", ["role"] = Roles.Ops, ["iss"] = "diuparibahan", ["aud"] = "diuparibahan-web",
            ["nbf"] = now, ["iat"] = now, ["exp"] = now + 600,
        });
        var token = $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url(payload)}.";

        await ProblemAssert.IsProblemAsync(await ReleaseAsAsync(token), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401()
    {
        var otherKey = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64));

        var response = await ReleaseAsAsync(app.Forge(_ => { }, otherKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenSignedWithTheRightKeyButAnotherAlgorithm_Is401()
    {
        var token = app.Forge(d => d.SigningCredentials = new SigningCredentials(d.SigningCredentials.Key, SecurityAlgorithms.HmacSha512));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(token)).StatusCode);
    }

    [Fact]
    public async Task WrongIssuer_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(app.Forge(d => d.Issuer = "someone-else"))).StatusCode);
    }

    [Fact]
    public async Task WrongAudience_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(app.Forge(d => d.Audience = "another-app"))).StatusCode);
    }

    [Fact]
    public async Task ExpiredBeyondTheClockSkew_Is401()
    {
        var token = app.Forge(d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            d.Expires = DateTime.UtcNow.AddSeconds(-45);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(token)).StatusCode);
    }

    [Fact]
    public async Task NotYetValidBeyondTheClockSkew_Is401()
    {
        var token = app.Forge(d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddSeconds(45);
            d.Expires = DateTime.UtcNow.AddMinutes(15);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(token)).StatusCode);
    }

    [Fact]
    public async Task WithoutExpiry_Is401()
    {
        var token = app.Forge(d => d.Expires = null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(token)).StatusCode);
    }

    [Fact]
    public async Task PassengerTokenWithItsRoleClaimEditedToOps_Is401()
    {
        var parts = app.StaffToken(Roles.Passenger).Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var tampered = payload.ToDictionary(p => p.Key, p => p.Key == "role" ? (object)Roles.Ops : p.Value);
        var token = $"{parts[0]}.{Base64Url(JsonSerializer.Serialize(tampered))}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await ReleaseAsAsync(token)).StatusCode);
    }

    [Fact]
    public async Task ClerkToken_OnAnOpsEndpoint_Is403()
    {
        var response = await ReleaseAsAsync(app.StaffToken(Roles.Clerk, "dhaka-kalyanpur"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task PassengerToken_OnAnOpsEndpoint_Is403()
    {
        var response = await ReleaseAsAsync(app.StaffToken(Roles.Passenger));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_OnAnEndpointOpenToAnonymousVisitors_Is401NotAnonymous()
    {
        using var client = app.WithToken(app.Forge(d =>
        {
            d.IssuedAt = d.NotBefore = DateTime.UtcNow.AddMinutes(-20);
            d.Expires = DateTime.UtcNow.AddMinutes(-5);
        }));

        var response = await client.GetAsync("/api/stops", TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task HubNegotiate_WithAForgedQueryToken_Is401()
    {
        using var client = app.NewVisitor();
        var token = app.Forge(_ => { }, new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)));

        var response = await client.PostAsync($"/hubs/trips/negotiate?negotiateVersion=1&access_token={token}", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessTokenInTheQueryString_IsIgnoredOutsideTheHub()
    {
        using var client = app.NewVisitor();
        var token = app.Forge(_ => { });

        var response = await client.DeleteAsync($"/api/admin/holds/{UnknownHold}?access_token={token}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
