namespace DiuParibahan.Grains.Trips;

/// <summary>A small persisted list: cancellations are rare and settle within minutes, so it stays short.</summary>
public sealed class UnsettledCancellationsGrain(
    [PersistentState("unsettledCancellations", StorageNames.Default)] IPersistentState<UnsettledCancellationsState> store)
    : Grain, IUnsettledCancellationsGrain
{
    public async Task AddAsync(string tripId)
    {
        if (!store.State.TripIds.Contains(tripId))
        {
            store.State.TripIds.Add(tripId);
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public async Task RemoveAsync(string tripId)
    {
        if (store.State.TripIds.Remove(tripId))
        {
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. store.State.TripIds]);
}
