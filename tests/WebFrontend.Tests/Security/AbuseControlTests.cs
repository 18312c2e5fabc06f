using System.Net;
using System.Net.Http.Json;
using System.Text;
using DiuParibahan.WebFrontend.Tests.Endpoints;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Security;

[Collection(WebAppCollection.Name)]
public sealed class AbuseControlTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_GuessingOneAccountsPassword_Is429WithRetryAfterAfterFiveTries()
    {
        var email = AuthClient.NewEmail();
        await app.RegisterAsync(email);
        using var client = app.NewVisitor();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { login = email, password = $"guess number {i}" }, Ct));
        }

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await ProblemAssert.IsProblemAsync(answers[5], HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(answers[5].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Even the right password is refused until the window passes.
        var right = await client.PostAsJsonAsync("/api/auth/login", new { login = email, password = AuthClient.GoodPassword }, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task Login_ThrottlingOneAccount_LeavesOtherAccountsAlone()
    {
        var victim = AuthClient.NewEmail();
        var other = AuthClient.NewEmail();
        await app.RegisterAsync(other);
        using var client = app.NewVisitor();
        for (var i = 0; i < 6; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { login = victim, password = "guess" }, Ct);
        }

        var response = await client.PostAsJsonAsync("/api/auth/login", new { login = other, password = AuthClient.GoodPassword }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiBody_Over64KB_Is413BeforeAnythingReadsIt()
    {
        using var client = app.NewVisitor();
        var body = new StringContent($$"""{"login":"{{new string('a', 70 * 1024)}}@example.com","password":"whatever1"}""", Encoding.UTF8, "application/json");

        var response = await client.PostAsync("/api/auth/register", body, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "request-too-large");
    }

    [Fact]
    public async Task ApiBody_ChunkedOver64KB_IsRefusedWith413()
    {
        using var client = app.NewVisitor();
        var json = $$"""{"login":"{{new string('a', 70 * 1024)}}@example.com","password":"whatever1"}""";
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Pages_CarryTheSecurityHeaders()
    {
        using var client = app.NewVisitor();

        var response = await client.GetAsync("/", Ct);

        response.EnsureSuccessStatusCode();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' https://js.stripe.com", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // Development over plain HTTP: no HSTS (it would pin a LAN demo to HTTPS).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task HubNegotiate_FromAnotherSite_Is403()
    {
        using var client = app.NewVisitor();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/trips/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await client.SendAsync(request, Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "origin-not-allowed");
    }

    [Fact]
    public async Task HubNegotiate_FromThisSite_Succeeds()
    {
        using var client = app.NewVisitor();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/trips/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", app.ServerAddress.GetLeftPart(UriPartial.Authority));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
