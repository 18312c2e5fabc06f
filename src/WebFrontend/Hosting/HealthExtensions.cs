using DiuParibahan.Grains.Catalog;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Ready when a grain call round-trips through the cluster to storage-backed state (the catalog grain reads its state
/// from the database on activation), so a frontend with no reachable silo or database is taken out of rotation.
/// </summary>
public sealed class GrainsHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var network = await grains.GetGrain<ICatalogGrain>("network").GetNetworkAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy($"{network.Routes.Count} routes");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Grain call failed", ex);
        }
    }
}

public static class HealthExtensions
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<GrainsHealthCheck>("grains", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
