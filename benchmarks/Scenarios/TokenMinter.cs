using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DiuParibahan.Benchmarks.Scenarios;

/// <summary>
/// HS256 access tokens as the frontend issues them (issuer, audience and claims of <c>TokenIssuer</c>), so a benchmark
/// passenger with a verified phone costs no SMS sign-in; sign-in is not what the waiting room measures.
/// </summary>
public sealed class TokenMinter(string base64Key)
{
    private readonly byte[] _key = Convert.FromBase64String(base64Key);

    /// <summary>The verified phone of waiter <paramref name="index"/>; the same in the parent and every follower process.</summary>
    public static string PhoneOf(int index) => $"+88015{index:D8}";

    public string Mint(string subject, string role, string? phone)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = "diuparibahan",
            ["aud"] = "diuparibahan-web",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
            ["sub"] = subject,
            ["role"] = role,
            ["name"] = "Bench",
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        };
        if (phone is not null)
        {
            claims["phone"] = phone;
            claims["phone_verified"] = "true";
        }
        var body = Base64Url(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""")) + "."
            + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        return body + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(body)));
    }

    /// <summary>The token of waiter <paramref name="index"/>'s verified phone.</summary>
    public string MintWaiter(int index) => Mint("bench-" + PhoneOf(index), "passenger", PhoneOf(index));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
