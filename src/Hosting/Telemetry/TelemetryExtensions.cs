using DiuParibahan.Grains.Trips;
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
/// Orleans, Npgsql, the runtime and our own meters. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, so a laptop run has no collector to install and nothing is sent anywhere by default.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters this product defines, besides <see cref="TripMetrics.MeterName"/>.</summary>
    public const string WebMeterName = "DiuParibahan.Web";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter("Microsoft.Orleans", TripMetrics.MeterName, WebMeterName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }
}
