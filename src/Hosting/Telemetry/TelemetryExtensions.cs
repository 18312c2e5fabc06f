using DiuParibahan.Grains.Trips;
using DiuParibahan.Hosting.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DiuParibahan.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for every process (silo and web frontend): traces, metrics and logs for ASP.NET Core, HttpClient,
/// Orleans, Npgsql, the runtime and our own meters. Metrics are always collected; traces and logs are recorded and
/// exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a laptop run has no collector to install,
/// nothing is sent anywhere by default, and nobody pays for spans no one reads.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters this product defines, besides <see cref="TripMetrics.MeterName"/>.</summary>
    public const string WebMeterName = "DiuParibahan.Web";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.Orleans", TripMetrics.MeterName, WebMeterName, OutboxMetrics.MeterName));

        // Traces and log export cost an activity per request, grain call and query; pay for them only when someone
        // collects them. Metrics stay on: they are cheap aggregates and the process reads its own.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"))
                .UseOtlpExporter();
        }
        return builder;
    }
}
