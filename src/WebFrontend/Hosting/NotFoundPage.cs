namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// An unknown address asked for by a browser (GET accepting text/html, outside <c>/api</c> and <c>/hubs</c>) gets the
/// site's own 404 page; API clients keep the ProblemDetails JSON that <c>UseStatusCodePages</c> writes.
/// </summary>
public static class NotFoundPage
{
    private const string PagePath = "404.html";

    /// <summary>Call right after <c>UseStatusCodePages</c>, so this runs first on the way out and that only for what is left.</summary>
    public static WebApplication UseNotFoundPage(this WebApplication app)
    {
        var page = app.Environment.WebRootFileProvider.GetFileInfo(PagePath);
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode != StatusCodes.Status404NotFound || http.Response.HasStarted
                || http.Response.ContentLength is > 0 || http.Response.ContentType is not null
                || !ForBrowser(http.Request) || !page.Exists)
            {
                return;
            }
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.ContentLength = page.Length;
            await using var stream = page.CreateReadStream();
            await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
        });
        return app;
    }

    private static bool ForBrowser(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
