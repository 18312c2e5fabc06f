using DiuParibahan.WebFrontend.Problems;
using DiuParibahan.WebFrontend.Queue;

namespace DiuParibahan.WebFrontend.Live;

/// <summary>Who may open the live hubs (seats and the waiting room) from a browser (section <c>Hub</c>).</summary>
public sealed class HubOriginOptions
{
    /// <summary>
    /// Origins (e.g. <c>https://tickets.example.com</c>) allowed besides this site's own. Empty by default: only pages
    /// served by this host may connect.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Refuses hub requests (negotiate and the WebSocket upgrade) to the seat hub and the waiting-room hub whose
/// <c>Origin</c> is another site. Browsers do not apply CORS to WebSockets, so without this any page could ride a
/// visitor's cookie into a hub. Requests without an Origin (native apps, servers) are not browser cross-site requests
/// and pass.
/// </summary>
public static class HubOriginCheck
{
    public static WebApplication UseHubOriginCheck(this WebApplication app)
    {
        var allowed = (app.Configuration.GetSection("Hub").Get<HubOriginOptions>() ?? new HubOriginOptions()).AllowedOrigins
            .Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.UseWhen(http => http.Request.Path.StartsWithSegments(TripsHub.Path) || http.Request.Path.StartsWithSegments(QueueHub.Path),
            hub => hub.Use(async (http, next) =>
            {
                var origin = http.Request.Headers.Origin.ToString();
                if (origin.Length == 0 || IsSameHost(origin, http.Request) || allowed.Contains(origin))
                {
                    await next(http);
                    return;
                }
                await ApiProblems.WriteAsync(http, "origin-not-allowed", "This page may not connect to the live service.");
            }));
        return app;
    }

    private static bool IsSameHost(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
