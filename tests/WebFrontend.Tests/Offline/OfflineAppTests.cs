using System.Net;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Offline;

/// <summary>The pieces of the offline ticket the server provides: the versioned service worker and the web app manifest.</summary>
[Collection(WebAppCollection.Name)]
public sealed class OfflineAppTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServiceWorker_IsServedFromTheRoot_VersionedByTheBuild_AndNeverCached()
    {
        using var client = app.NewVisitor();

        var first = await client.GetAsync("/sw.js", Ct);
        var again = await client.GetStringAsync("/sw.js", Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.True(first.Headers.CacheControl?.NoCache);
        var script = await first.Content.ReadAsStringAsync(Ct);
        Assert.Matches("^const BUILD_VERSION = \"[0-9a-f]{16}\";\n", script);
        Assert.Contains("from \"/js/offline-routes.js\"", script);
        Assert.Equal(script, again);
        // The worker and the manifest come from this site, which the policy allows explicitly.
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("worker-src 'self'", policy);
        Assert.Contains("manifest-src 'self'", policy);
    }

    [Fact]
    public async Task Manifest_IsServedAsAWebAppManifest_AndThePassengerPagesLinkIt()
    {
        using var client = app.NewVisitor();

        var manifest = await client.GetAsync("/manifest.webmanifest", Ct);
        var bookings = await client.GetStringAsync("/bookings.html", Ct);
        var ticket = await client.GetStringAsync("/ticket.html", Ct);
        var icon = await client.GetAsync("/icons/icon-512.png", Ct);

        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", bookings);
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\" />", ticket);
        Assert.Equal("image/png", icon.Content.Headers.ContentType?.MediaType);
    }
}
