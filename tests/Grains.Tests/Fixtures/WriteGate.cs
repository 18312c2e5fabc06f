using System.Collections.Concurrent;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>
/// Holds chosen grains' next storage write in flight until the test lets it finish or fail, so a test can act while a
/// write is known to be under way instead of hoping a delay lines it up.
/// </summary>
public sealed class WriteGate
{
    private readonly ConcurrentDictionary<GrainId, StalledWrite> _stalled = new();

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
