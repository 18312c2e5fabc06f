using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>
/// Holds chosen grains' next storage write in flight until the test lets it finish or fail, so a test can act while a
/// write is known to be under way instead of hoping a delay lines it up.
/// </summary>
public sealed class WriteGate
{
    private readonly ConcurrentDictionary<GrainId, StalledWrite> _stalled = new();
    private readonly ConcurrentDictionary<GrainId, int> _writes = new();

    /// <summary>
    /// Puts the gate in front of the storage registered as <paramref name="name"/> just before, keeping that storage's
    /// lifecycle registration (which resolves the storage by its key).
    /// </summary>
    public static void Install(IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name));
        var create = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddSingleton<WriteGate>();
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
            new GatedGrainStorage((IGrainStorage)create(sp, key), sp.GetRequiredService<WriteGate>()));
    }

    /// <summary>How many writes of <paramref name="grain"/>'s state have reached the gate.</summary>
    public int WritesOf(GrainId grain) => _writes.GetValueOrDefault(grain);

    /// <summary>Stalls the next write of <paramref name="grain"/>'s state.</summary>
    public StalledWrite StallNextWrite(GrainId grain)
    {
        var stalled = new StalledWrite();
        if (!_stalled.TryAdd(grain, stalled))
        {
            throw new InvalidOperationException($"A write of {grain} is already stalled.");
        }
        return stalled;
    }

    internal async Task PassAsync(GrainId grain)
    {
        _writes.AddOrUpdate(grain, 1, (_, count) => count + 1);
        if (_stalled.TryRemove(grain, out var stalled))
        {
            stalled.Begin();
            await stalled.Outcome;
        }
    }

    /// <summary>One stalled write: <see cref="Started"/> completes when it reaches storage; it then waits for a release.</summary>
    public sealed class StalledWrite
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => _started.Task;

        internal Task Outcome => _outcome.Task;

        internal void Begin() => _started.TrySetResult();

        /// <summary>Lets the write go on to storage.</summary>
        public void Complete() => _outcome.TrySetResult();

        /// <summary>Makes the write fail with <paramref name="error"/> without reaching storage.</summary>
        public void Fail(Exception error) => _outcome.TrySetException(error);
    }
}
