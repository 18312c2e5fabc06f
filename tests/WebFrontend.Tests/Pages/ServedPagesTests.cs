using System.Net;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Pages;

/// <summary>Pages built from shared parts are served like any static file: whole, cacheable by ETag, under the site's CSP.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ServedPagesTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/ops/audit.html", "audit.pageTitle")]
    [InlineData("/ops/", "dashboard.pageTitle")]
    [InlineData("/trip.html", "trip.pageTitle")]
    public async Task PageWithIncludes_IsServedComposed_WithAnETag_AndTheSecurityHeaders(string path, string title)
    {
        using var visitor = app.NewVisitor();

        var response = await visitor.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title data-i18n=\"{title}\">Diu Paribahan</title>", html, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"footer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!-- include:", html, StringComparison.Ordinal);
        Assert.Equal(html.Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageWithIncludes_AnsweredNotModified_ForItsOwnETag()
    {
        using var visitor = app.NewVisitor();
        var first = await visitor.GetAsync("/ops/outbox.html", Ct);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/ops/outbox.html");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await visitor.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Partials_AreNotServed()
    {
        using var visitor = app.NewVisitor();

        var response = await visitor.GetAsync("/Pages/Partials/head.html", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
