using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// The output cache store with one addition: evicting the listings (<see cref="ListingCache.Tag"/>, which ops changes
/// to trips and schedules already do) also forgets this frontend's <see cref="BoardCache"/>, so the next search reads
/// the boards again instead of serving a board read from before the change. Everything else passes straight through,
/// buffer-based reads and writes included when the store has them.
/// </summary>
/// <param name="store">The registered store (memory or Redis) every call goes to.</param>
/// <param name="boards">This frontend's board reads, forgotten when the listings are evicted.</param>
/// <param name="ownsStore">Whether disposing this disposes <paramref name="store"/> (it does when the container made the
/// store through a factory for this wrapper, so nothing else would).</param>
public sealed class ListingEvictions(IOutputCacheStore store, BoardCache boards, bool ownsStore = false) : IOutputCacheBufferStore, IDisposable
{
    public void Dispose()
    {
        if (ownsStore)
        {
            (store as IDisposable)?.Dispose();
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (tag == ListingCache.Tag)
        {
            boards.Invalidate();
        }
        await store.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => store.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        store.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (store is IOutputCacheBufferStore buffers)
        {
            return await buffers.TryGetAsync(key, destination, cancellationToken);
        }
        if (await store.GetAsync(key, cancellationToken) is not { } value)
        {
            return false;
        }
        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        store is IOutputCacheBufferStore buffers
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : store.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);

    /// <summary>Wraps whichever <see cref="IOutputCacheStore"/> is registered (memory or Redis) in a <see cref="ListingEvictions"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        if (registered.ImplementationType is { } type)
        {
            // Registered by type (Redis): the container still builds it, with its own constructor choice, and disposes it.
            services.AddSingleton(type);
            services.AddSingleton<IOutputCacheStore>(provider =>
                new ListingEvictions((IOutputCacheStore)provider.GetRequiredService(type), provider.GetRequiredService<BoardCache>()));
            return;
        }
        services.AddSingleton<IOutputCacheStore>(provider => registered.ImplementationInstance is IOutputCacheStore instance
            ? new ListingEvictions(instance, provider.GetRequiredService<BoardCache>())
            : new ListingEvictions((IOutputCacheStore)registered.ImplementationFactory!(provider), provider.GetRequiredService<BoardCache>(), ownsStore: true));
    }
}
