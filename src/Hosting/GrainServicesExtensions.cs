using DiuParibahan.Grains.Domain;
using DiuParibahan.Grains.Trips;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace DiuParibahan.Hosting;

public static class GrainServicesExtensions
{
    /// <summary>
    /// What the grains need from the silo's container: the clock, the inventory limits (section <c>Trips</c>), metrics.
    /// </summary>
    public static ISiloBuilder AddTicketingGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddOptions<InventoryLimits>()
            .Bind(configuration.GetSection("Trips"))
            .Validate(l => l.MaxSeatsPerOnlineHold > 0 && l.MaxOnlineHoldsPerOwner > 0 && l.MaxSeatsPerCounterHold > 0
                           && l.MaxCounterHoldsPerOwner > 0 && l.OnlineHoldDuration > TimeSpan.Zero && l.CounterHoldDuration > TimeSpan.Zero,
                "Trips: hold limits and durations must be positive.")
            .ValidateOnStart();
        silo.Services.TryAddSingleton<TripMetrics>();
        // Orleans' own serializer, keyed by the [Alias]es on state types, so renaming a C# type never breaks stored state
        // (the default JSON payload embeds .NET type names).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }
}
