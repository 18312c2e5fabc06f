using System.Net;
using System.Net.Http.Json;

namespace DiuParibahan.WebFrontend.Tests.Hardening;

/// <summary>ASVS level 1 checks on headers and cookies that no other test covers (docs/security.md lists them all).</summary>
[Collection(HardeningCollection.Name)]
public sealed class HeadersAndCookiesTests(HardeningAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnerCookie_IsHttpOnly_SameSiteLax_AndScopedToTheSite()
    {
        using var visitor = app.NewVisitor();
        var response = await visitor.PostAsJsonAsync("/api/auth/guest", new { }, Ct);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dp_owner=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/bookings/mine")]
    [InlineData("/api/auth/me")]
    [InlineData("/api/holds/DHK-KOL-20261207-0001.00000000000000000000000000000000")]
    public async Task PrivateApiAnswers_AreNotStored_AndCarryTheBrowserHardeningHeaders(string url)
    {
        using var visitor = app.NewVisitor();
        var response = await visitor.GetAsync(url, Ct);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Problems_NameACode_AndShowNoStackTraceOrExceptionType()
    {
        using var visitor = app.NewVisitor();
        var response = await visitor.PostAsync("/api/bookings/lookup", new StringContent("{\"pnr\":", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"code\":\"malformed-request\"", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
    }
}
