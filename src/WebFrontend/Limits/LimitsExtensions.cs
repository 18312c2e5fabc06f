using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Limits;

/// <summary>Wiring of the cluster-wide limit counts, shared by every limiter that needs them (idempotent).</summary>
public static class LimitsExtensions
{
    public static IServiceCollection AddSharedCounts(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(SharedCounts)))
        {
            return services;
        }
        services.AddOptions<SharedLimitOptions>().Bind(configuration.GetSection("Limits"))
            .Validate(o => o.Problem() is null, "Limits: FlushInterval must be 10 ms – 1 min and Capacity at least 1.")
            .ValidateOnStart();
        services.AddSingleton(sp => new SharedCounts(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<SharedLimitOptions>>().Value.Capacity));
        services.TryAddSingleton<SharedCountFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<SharedCountFlusher>());
        return services;
    }
}
