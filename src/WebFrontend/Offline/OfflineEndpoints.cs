using Microsoft.AspNetCore.Http.HttpResults;

namespace DiuParibahan.WebFrontend.Offline;

/// <summary>
/// The offline ticket (docs/offline-ticket.md): the service worker at <c>/sw.js</c>, from the site root so its scope is
/// the whole site. The web app manifest and icons are plain static files.
/// </summary>
public static class OfflineEndpoints
{
    public static WebApplicationBuilder AddOfflineApp(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OfflineShell>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOfflineApp(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sw.js", ServiceWorker).ExcludeFromDescription();
        return app;
    }

    private static ContentHttpResult ServiceWorker(OfflineShell shell, HttpContext http)
    {
        // Browsers check for a new worker on navigation; no-cache makes that check reach the server every time.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(shell.Script, "text/javascript; charset=utf-8");
    }
}
