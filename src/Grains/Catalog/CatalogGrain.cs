using Microsoft.Extensions.Logging;

namespace DiuParibahan.Grains.Catalog;

/// <summary>The network and trip creation. Off the booking path: frontends cache what they read here.</summary>
public sealed partial class CatalogGrain(
    [PersistentState("catalog", StorageNames.Default)] IPersistentState<CatalogState> store,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private static readonly Network Empty = new([], [], [], [], []);

    public Task<Network> GetNetworkAsync() => Task.FromResult(store.State.Network ?? Empty);

    public async Task<bool> SeedIfEmptyAsync(Network network)
    {
        if (store.State.Network is not null)
        {
            return false;
        }
        store.State.Network = network;
        await store.WriteStateAsync();
        return true;
    }

    public async Task<int> EnsureTripsAsync(DateOnly firstDay, int days)
    {
        if (store.State.Network is not { } network)
        {
            return 0;
        }
        var scheduled = 0;
        for (var day = firstDay; day < firstDay.AddDays(days); day = day.AddDays(1))
        {
            if (store.State.ScheduledDays.Contains(day))
            {
                continue;
            }
            var trips = TripPlanner.TripsOn(network, day);
            await Task.WhenAll(trips.Select(t => GrainFactory.GetGrain<Trips.ITripGrain>(t.TripId).ScheduleAsync(t)));
            await GrainFactory.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).AddTripsAsync(trips);
            store.State.ScheduledDays.Add(day);
            scheduled += trips.Count;
        }
        if (scheduled > 0)
        {
            // Keep the bookkeeping bounded: days long past are never scheduled again.
            store.State.ScheduledDays.RemoveWhere(d => d < firstDay.AddDays(-7));
            await store.WriteStateAsync();
            LogScheduled(logger, scheduled, firstDay, days);
        }
        return scheduled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} trips for {Days} days from {FirstDay}")]
    private static partial void LogScheduled(ILogger logger, int count, DateOnly firstDay, int days);
}
