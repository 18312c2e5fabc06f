using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace DiuParibahan.Silo;

/// <summary>Ready while this silo is an active member of the cluster (joined, not shutting down or declared dead).</summary>
public sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{local.SiloAddress} active")
            : HealthCheckResult.Unhealthy($"{local.SiloAddress} is {status}"));
    }
}
