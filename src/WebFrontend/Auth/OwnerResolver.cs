using System.Security.Cryptography;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Who is asking, as the owner id grains record on holds. Anonymous visitors get a random id in an HttpOnly cookie, so
/// a browser keeps its holds across pages and reconnects. Signed-in users are identified by their user id instead;
/// a guest access token (<c>/api/auth/guest</c>) names the anonymous owner it was issued for.
/// </summary>
public static class OwnerResolver
{
    public const string CookieName = "dp_owner";
    private const string AnonymousPrefix = "anon:";

    /// <summary>The caller's owner id, issuing an anonymous one (and its cookie) if the caller has none.</summary>
    public static string GetOrCreate(HttpContext http)
    {
        if (Find(http) is { } owner)
        {
            return owner;
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
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

    /// <summary>The caller's owner id, or null if the caller has never been given one.</summary>
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
        var token = http.Items[CookieName] as string ?? http.Request.Cookies[CookieName];
        return IsWellFormed(token) ? AnonymousPrefix + token : null;
    }

    /// <summary>The random part of an anonymous owner id (what a guest token carries as its subject).</summary>
    public static string AnonymousId(string owner) =>
        owner.StartsWith(AnonymousPrefix, StringComparison.Ordinal) ? owner[AnonymousPrefix.Length..]
            : throw new ArgumentException("Not an anonymous owner id.", nameof(owner));

    private static bool IsWellFormed(string? token) =>
        token is { Length: 32 } && token.All(char.IsAsciiHexDigitLower);
}
