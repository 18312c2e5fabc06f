using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>Size limit for API request bodies (section <c>Api</c>).</summary>
public sealed class ApiBodyOptions
{
    /// <summary>Largest request body under <c>/api</c>, in bytes; our biggest real request is a few kilobytes.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>
/// Answers 413 for API bodies over the limit before anything reads them, instead of Kestrel's 30 MB default: JSON
/// parsing cost grows with size, so a small cap keeps one client from making the server chew megabytes.
/// </summary>
public static class RequestBodyLimits
{
    private static readonly PathString Api = "/api";

    public static WebApplication UseApiBodyLimit(this WebApplication app)
    {
        var limit = (app.Configuration.GetSection("Api").Get<ApiBodyOptions>() ?? new ApiBodyOptions()).MaxBodyBytes;
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Api), api => api.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > limit)
            {
                await TooLarge(http, limit);
                return;
            }
            // Chunked bodies have no length up front; the server stops reading them at the limit instead.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(http);
        }));
        return app;
    }

    private static Task TooLarge(HttpContext http, long limit) =>
        ApiProblems.WriteAsync(http, "request-too-large", $"The request body may be at most {limit / 1024} KB.");
}
