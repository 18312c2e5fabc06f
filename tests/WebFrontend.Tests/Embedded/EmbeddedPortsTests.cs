using System.Net;
using DiuParibahan.WebFrontend.Tests.Fixtures;

namespace DiuParibahan.WebFrontend.Tests.Embedded;

/// <summary>Two embedded apps on one machine: neither is told which Orleans ports to use, and both serve.</summary>
public sealed class EmbeddedPortsTests
{
    [Fact]
    public async Task TwoEmbeddedApps_WithoutPortSettings_RunSideBySide()
    {
        await using var first = new WebAppFixture();
        await using var second = new WebAppFixture();
        await first.InitializeAsync();
        await second.InitializeAsync();

        using var a = first.NewVisitor();
        using var b = second.NewVisitor();
        var ready = await Task.WhenAll(
            a.GetAsync("/health/ready", TestContext.Current.CancellationToken),
            b.GetAsync("/health/ready", TestContext.Current.CancellationToken));

        Assert.All(ready, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stops = await Task.WhenAll(
            a.GetStringAsync("/api/stops", TestContext.Current.CancellationToken),
            b.GetStringAsync("/api/stops", TestContext.Current.CancellationToken));
        Assert.All(stops, s => Assert.Contains("dhaka-kalyanpur", s));
    }
}
