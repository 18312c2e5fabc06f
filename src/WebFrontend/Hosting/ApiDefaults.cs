using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>What every API endpoint shares: JSON conventions, problem details for failures, the OpenAPI document.</summary>
public static class ApiDefaults
{
    public static WebApplicationBuilder AddApiDefaults(this WebApplicationBuilder builder)
    {
        // Hosting logs each request's full URL, query included; the hub's access_token rides in the query, so keep that
        // category above Information whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // A problem carrying retryAfter seconds (hold-cooloff, phone-blocked) also gets the Retry-After header.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails.Extensions.TryGetValue("retryAfter", out var value) && value is int seconds)
            {
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });
        builder.Services.AddExceptionHandler<GrainExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference");
        return app;
    }
}
