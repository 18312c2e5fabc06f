using System.Globalization;
using System.Text.Json;
using DiuParibahan.Hosting.Analytics;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>
/// Records each successful trip search (<c>GET /api/trips</c>) as a <c>search.trips</c> event. It sits in front of
/// the output cache, so searches answered from the cache count too, and it only queues the event: the search never
/// waits for the database.
/// </summary>
public static class SearchAnalytics
{
    private const string SearchPath = "/api/trips";

    public static IApplicationBuilder UseSearchAnalytics(this IApplicationBuilder app)
    {
        var writer = app.ApplicationServices.GetRequiredService<BufferedEventWriter>();
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (http, next) =>
        {
            await next(http);
            var request = http.Request;
            if (HttpMethods.IsGet(request.Method) && request.Path.Equals(SearchPath, StringComparison.OrdinalIgnoreCase)
                && http.Response.StatusCode == StatusCodes.Status200OK
                && DateOnly.TryParseExact(request.Query["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                var payload = new SearchEventPayload(request.Query["from"].ToString(), request.Query["to"].ToString(), day);
                var at = time.GetUtcNow();
                writer.TryEnqueue(() => new DomainEvent(at, AnalyticsFold.SearchKind, null, null, null,
                    JsonSerializer.Serialize(payload, EventJson.Options)));
            }
        });
    }
}
