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
public sealed class ListingEvictions(IOutputCacheStore store, BoardCache boards) : IOutputCacheBufferStore, IDisposable
{
    // The container disposes this wrapper, not the store it made for it.
    public void Dispose() => (store as IDisposable)?.Dispose();

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
        services.AddSingleton<IOutputCacheStore>(provider => new ListingEvictions(Create(provider, registered), provider.GetRequiredService<BoardCache>()));
    }

    private static IOutputCacheStore Create(IServiceProvider provider, ServiceDescriptor registered) => (IOutputCacheStore)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}
