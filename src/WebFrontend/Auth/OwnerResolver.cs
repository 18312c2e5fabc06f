using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Who is asking, as the owner id grains record on holds and bookings. Signed-in users are <c>user:{id}</c>; only
/// they (with a verified phone) or staff may hold seats. A guest access token (<c>/api/auth/guest</c>) names an
/// anonymous owner <c>anon:{id}</c>, kept in an HttpOnly cookie that is signed with Data Protection: a cookie value a
/// script invents (or an old unsigned one) is ignored, never adopted as someone's identity.
/// </summary>
public static class OwnerResolver
{
    public const string CookieName = "dp_owner";
    private const string AnonymousPrefix = "anon:";
    private const string Purpose = "DiuParibahan.OwnerCookie.v2";

    /// <summary>The caller's owner id, issuing an anonymous one (and its signed cookie) if the caller has none.</summary>
    public static string GetOrCreate(HttpContext http)
    {
        if (Find(http) is { } owner)
        {
            return owner;
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, Protector(http).Protect(token), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(30),
        });
        http.Items[CookieName] = token;
        return AnonymousPrefix + token;
    }

    /// <summary>The caller's owner id, or null if the caller has none (or presents a cookie the server did not sign).</summary>
    public static string? Find(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(AuthClaims.Subject)?.Value is { Length: > 0 } subject)
        {
            if (!http.User.IsInRole(Roles.Guest))
            {
                return "user:" + subject;
            }
            if (IsWellFormed(subject))
            {
                return AnonymousPrefix + subject;
            }
        }
        var token = http.Items[CookieName] as string ?? Unprotect(http, http.Request.Cookies[CookieName]);
        return IsWellFormed(token) ? AnonymousPrefix + token : null;
    }

    /// <summary>The random part of an anonymous owner id (what a guest token carries as its subject).</summary>
    public static string AnonymousId(string owner) =>
        owner.StartsWith(AnonymousPrefix, StringComparison.Ordinal) ? owner[AnonymousPrefix.Length..]
            : throw new ArgumentException("Not an anonymous owner id.", nameof(owner));

    private static string? Unprotect(HttpContext http, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 512)
        {
            return null;
        }
        try
        {
            return Protector(http).Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    private static bool IsWellFormed(string? token) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);
}
