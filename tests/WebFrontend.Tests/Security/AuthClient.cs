using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>Accounts and tokens for tests: real registrations over HTTP, staff tokens signed with the app's own key.</summary>
public static class AuthClient
{
    public sealed record Session(string AccessToken, string? RefreshToken, JsonElement User);

    public static string NewPhone() => "017" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewEmail() => $"u{Guid.NewGuid():N}@example.com";

    public const string GoodPassword = "correct horse battery";

    /// <summary>Registers a passenger and returns the session.</summary>
    public static async Task<Session> RegisterAsync(this WebAppFixture app, string? login = null, string password = GoodPassword)
    {
        using var client = app.NewVisitor();
        var response = await client.PostAsJsonAsync("/api/auth/register", new { login = login ?? NewEmail(), password, name = "Test Passenger" });
        response.EnsureSuccessStatusCode();
        return await ReadSessionAsync(response);
    }

    public static async Task<Session> ReadSessionAsync(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return new Session(body.GetProperty("accessToken").GetString()!,
            body.TryGetProperty("refreshToken", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
            body.GetProperty("user"));
    }

    /// <summary>A visitor whose requests carry <paramref name="accessToken"/>.</summary>
    public static HttpClient WithToken(this WebAppFixture app, string accessToken)
    {
        var client = app.NewVisitor();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A token the app itself would issue for a staff account (no stored account needed for authorization checks).</summary>
    public static string StaffToken(this WebAppFixture app, string role, string? counterId = null)
    {
        var issuer = app.Services.GetRequiredService<TokenIssuer>();
        return issuer.ForUser(new UserAccount(Guid.NewGuid().ToString("N"), NewEmail(), "Staff", "", role, counterId, DateTimeOffset.UtcNow)).Token;
    }

    /// <summary>Signs arbitrary claims with the app's key (or <paramref name="key"/>), for tokens the app would never issue.</summary>
    public static string Forge(this WebAppFixture app, Action<SecurityTokenDescriptor> shape, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "diuparibahan",
            Audience = "diuparibahan-web",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString("N"), ["role"] = Roles.Ops, ["name"] = "Forged" },
            SigningCredentials = new SigningCredentials(key ?? app.Services.GetRequiredService<SigningKeys>().Key, SecurityAlgorithms.HmacSha256),
        };
        shape(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
