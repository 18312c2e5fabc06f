using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// This frontend's copy of the network (stops, routes), refreshed at most every <see cref="MaxAge"/>, so searches and
/// stop look-ups don't call the catalog grain each time.
/// </summary>
public sealed class NetworkCache(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    public sealed record Snapshot(Network Network, IReadOnlyDictionary<string, Stop> Stops, DateTimeOffset LoadedAt)
    {
        /// <summary>The network's cities by id.</summary>
        public IReadOnlyDictionary<string, City> Cities { get; } = Network.CityList.ToDictionary(c => c.Id);

        /// <summary>The stops of each city, by city id (cities without stops are absent).</summary>
        public ILookup<string, Stop> StopsByCity { get; } = Network.Stops.ToLookup(s => s.City);
    }

    public async ValueTask<Snapshot> GetAsync()
    {
        if (_current is { } current && time.GetUtcNow() - current.LoadedAt < MaxAge)
        {
            return current;
        }
        await _refresh.WaitAsync();
        try
        {
            if (_current is { } fresh && time.GetUtcNow() - fresh.LoadedAt < MaxAge)
            {
                return fresh;
            }
            var network = await grains.GetGrain<ICatalogGrain>("network").GetNetworkAsync();
            _current = new Snapshot(network, network.Stops.ToDictionary(s => s.Id), time.GetUtcNow());
            return _current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Drops the cached copy (after ops change the network).</summary>
    public void Invalidate() => _current = null;
}
