using System.Security.Claims;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>
/// Who a request is, as the owner id on holds and bookings (<see cref="OwnerResolver"/>): a signed-in account, a guest
/// token's anonymous id, or the anonymous id in the signed owner cookie, and nothing a client can make up.
/// </summary>
public sealed class OwnerResolverTests
{
    private const string AnonymousId = "0123456789abcdef0123456789abcdef";

    private readonly IServiceProvider _services =
        new ServiceCollection().AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider()).BuildServiceProvider();

    private DefaultHttpContext Request(ClaimsPrincipal? user = null, string? cookie = null, bool https = false)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        if (user is not null)
        {
            http.User = user;
        }
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = $"{OwnerResolver.CookieName}={cookie}";
        }
        http.Request.Scheme = https ? "https" : "http";
        return http;
    }

    private static ClaimsPrincipal SignedIn(string role, string? subject, bool authenticated = true)
    {
        var claims = new List<Claim> { new(AuthClaims.Role, role) };
        if (subject is not null)
        {
            claims.Add(new Claim(AuthClaims.Subject, subject));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticated ? "Bearer" : null, AuthClaims.Subject, AuthClaims.Role));
    }

    /// <summary>The cookie value the server itself would set for <paramref name="anonymousId"/>.</summary>
    private string SignedCookie(string anonymousId) =>
        _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DiuParibahan.OwnerCookie.v2").Protect(anonymousId);

    private static string? SetCookieHeader(HttpContext http) => http.Response.Headers.SetCookie.FirstOrDefault();

    [Fact]
    public void ASignedInPassenger_IsTheirAccount_EvenWithAnOwnerCookie()
    {
        var http = Request(SignedIn(Roles.Passenger, "u42"), SignedCookie(AnonymousId));

        Assert.Equal("user:u42", OwnerResolver.Find(http));
    }

    [Fact]
    public void AGuestToken_IsTheAnonymousOwnerItNames()
    {
        Assert.Equal("anon:" + AnonymousId, OwnerResolver.Find(Request(SignedIn(Roles.Guest, AnonymousId))));
    }

    [Theory]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    public void AGuestTokenWithAMalformedSubject_IsNobody_NotAnAccountNorAnAnonymousOwner(string subject)
    {
        Assert.Null(OwnerResolver.Find(Request(SignedIn(Roles.Guest, subject))));
    }

    [Fact]
    public void AGuestTokenWithAMalformedSubject_FallsBackToTheOwnerCookie()
    {
        const string cookieId = "fedcba9876543210fedcba9876543210";
        var http = Request(SignedIn(Roles.Guest, "not-an-anonymous-id"), SignedCookie(cookieId));

        Assert.Equal("anon:" + cookieId, OwnerResolver.Find(http));
    }

    [Fact]
    public void ASubjectClaimOfAnIdentityThatIsNotAuthenticated_IsIgnored()
    {
        Assert.Null(OwnerResolver.Find(Request(SignedIn(Roles.Passenger, "u42", authenticated: false))));
    }

    [Fact]
    public void AnAuthenticatedIdentityWithoutASubject_IsNotAnAccount_TheCookieDecides()
    {
        Assert.Null(OwnerResolver.Find(Request(SignedIn(Roles.Passenger, null))));
        Assert.Null(OwnerResolver.Find(Request(SignedIn(Roles.Passenger, ""))));
        Assert.Equal("anon:" + AnonymousId, OwnerResolver.Find(Request(SignedIn(Roles.Passenger, ""), SignedCookie(AnonymousId))));
    }

    [Fact]
    public void AnOwnerCookieTheServerSigned_IsThatAnonymousOwner()
    {
        Assert.Equal("anon:" + AnonymousId, OwnerResolver.Find(Request(cookie: SignedCookie(AnonymousId))));
    }

    [Fact]
    public void AnOwnerCookieAClientMadeUp_OrAnOldUnsignedOne_IsNobody()
    {
        Assert.Null(OwnerResolver.Find(Request(cookie: AnonymousId)));
        Assert.Null(OwnerResolver.Find(Request(cookie: SignedCookie(AnonymousId)[..^4] + "AAAA")));
        Assert.Null(OwnerResolver.Find(Request(cookie: new string('A', 600))));
        Assert.Null(OwnerResolver.Find(Request()));
    }

    [Fact]
    public void ASignedCookieHoldingSomethingOtherThanAnAnonymousId_IsNobody()
    {
        Assert.Null(OwnerResolver.Find(Request(cookie: SignedCookie("user:u42"))));
    }

    [Fact]
    public void GetOrCreate_ForANewVisitor_IssuesAnHttpOnlySignedCookie_AndTheRestOfTheRequestSeesTheSameOwner()
    {
        var http = Request();

        var owner = OwnerResolver.GetOrCreate(http);

        Assert.StartsWith("anon:", owner, StringComparison.Ordinal);
        Assert.Equal(32, OwnerResolver.AnonymousId(owner).Length);
        Assert.Equal(owner, OwnerResolver.Find(http));
        Assert.Equal(owner, OwnerResolver.GetOrCreate(http));
        var setCookie = Assert.Single(http.Response.Headers.SetCookie);
        Assert.NotNull(setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=2592000", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);

        // The cookie it set, sent back on the next request, is the same owner; its value is not the id in the clear.
        var value = setCookie.Split(';')[0][(OwnerResolver.CookieName.Length + 1)..];
        Assert.DoesNotContain(OwnerResolver.AnonymousId(owner), value, StringComparison.Ordinal);
        Assert.Equal(owner, OwnerResolver.Find(Request(cookie: Uri.UnescapeDataString(value))));
    }

    [Fact]
    public void GetOrCreate_WhenTheSignedCookieHoldsNoAnonymousId_IssuesANewOwner_AndTheRestOfTheRequestSeesTheNewOne()
    {
        var http = Request(cookie: SignedCookie("user:u42"));

        var owner = OwnerResolver.GetOrCreate(http);

        Assert.StartsWith("anon:", owner, StringComparison.Ordinal);
        Assert.Equal(owner, OwnerResolver.Find(http));
        Assert.NotNull(SetCookieHeader(http));
    }

    [Fact]
    public void GetOrCreate_OverHttps_MarksTheCookieSecure()
    {
        var http = Request(https: true);

        OwnerResolver.GetOrCreate(http);

        Assert.Contains("secure", SetCookieHeader(http)!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GetOrCreate_ForSomeoneWhoAlreadyHasAnOwner_SetsNoCookie()
    {
        var signedIn = Request(SignedIn(Roles.Passenger, "u42"));
        var withCookie = Request(cookie: SignedCookie(AnonymousId));

        Assert.Equal("user:u42", OwnerResolver.GetOrCreate(signedIn));
        Assert.Equal("anon:" + AnonymousId, OwnerResolver.GetOrCreate(withCookie));
        Assert.Null(SetCookieHeader(signedIn));
        Assert.Null(SetCookieHeader(withCookie));
    }

    [Fact]
    public void TwoNewVisitors_GetDifferentOwners()
    {
        Assert.NotEqual(OwnerResolver.GetOrCreate(Request()), OwnerResolver.GetOrCreate(Request()));
    }

    [Fact]
    public void AnonymousId_IsTheRandomPartOfAnAnonymousOwner_AndRefusesAnAccount()
    {
        Assert.Equal(AnonymousId, OwnerResolver.AnonymousId("anon:" + AnonymousId));
        Assert.Throws<ArgumentException>(() => OwnerResolver.AnonymousId("user:u42"));
        Assert.Throws<ArgumentException>(() => OwnerResolver.AnonymousId("xanon:" + AnonymousId));
    }

    [Theory]
    [InlineData(Roles.Clerk, true)]
    [InlineData(Roles.Supervisor, true)]
    [InlineData(Roles.Ops, true)]
    [InlineData(Roles.Passenger, false)]
    [InlineData(Roles.Guest, false)]
    [InlineData(Roles.PasswordChange, false)]
    public void IsStaff_OnlyForClerksSupervisorsAndOps(string role, bool staff)
    {
        Assert.Equal(staff, Roles.IsStaff(SignedIn(role, "u42")));
    }
}
