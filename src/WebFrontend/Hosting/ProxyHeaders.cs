using System.Net;
using DiuParibahan.Hosting.Storage;
using Microsoft.AspNetCore.HttpOverrides;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// The client's address behind our own reverse proxy. In the cluster every request reaches a frontend from nginx, so
/// without this every per-address ceiling (rate limits, the free allowance of code requests) would count all passengers
/// as one client. The address is taken from <c>X-Forwarded-For</c> only when the request comes from a proxy we trust
/// (loopback by default, where <c>deploy/cluster.sh</c> runs nginx; containers name their proxy's network in
/// <c>ForwardedHeaders:KnownNetworks</c>), and only the one entry that proxy appended (<c>ForwardLimit</c> 1): whatever a
/// client writes into the header itself stands to the left of it and is ignored.
/// </summary>
public static class ProxyHeaders
{
    public static WebApplicationBuilder AddProxyHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        var proxies = (section.GetSection("KnownProxies").Get<string[]>() ?? []).Select(ParseAddress).ToList();
        var networks = (section.GetSection("KnownNetworks").Get<string[]>() ?? []).Select(ParseNetwork).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            // The defaults (loopback) stay: nginx on the frontend's own host is the cluster script's layout.
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so limits, logs and everything after see the passenger's address.</summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    private static IPAddress ParseAddress(string value) => IPAddress.TryParse(value, out var address)
        ? address
        : throw new StartupException($"ForwardedHeaders:KnownProxies: '{value}' is not an IP address.");

    private static System.Net.IPNetwork ParseNetwork(string value) => System.Net.IPNetwork.TryParse(value, out var network)
        ? network
        : throw new StartupException($"ForwardedHeaders:KnownNetworks: '{value}' is not an address range such as 10.0.0.0/8.");
}
