using DiuParibahan.Hosting.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DiuParibahan.Hosting.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddTelemetry_WithCollectorEndpoint_RecordsTracesAndMetrics()
    {
        using var host = Build(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"));

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void AddTelemetry_WithoutCollector_RecordsMetricsOnly()
    {
        using var host = Build();

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }
        builder.AddTelemetry("diuparibahan-test");
        return builder.Build();
    }
}
