using Orleans.Storage;

namespace DiuParibahan.Hosting.Storage;

/// <summary>Orleans' AdoNet grain storage on SQLite, with every call taken through the file's <see cref="SqliteGate"/>.</summary>
internal sealed class GatedGrainStorage(IGrainStorage inner, SqliteGate gate)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        gate.RunAsync(() => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), cancellationToken);

    // The AdoNet storage loads its queries in a silo lifecycle stage; wrapped, it must still be subscribed.
    public void Participate(ISiloLifecycle lifecycle) =>
        (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
