namespace DiuParibahan.Grains.Bookings;

/// <summary>An owner's booking list, so "my bookings" is one grain call and no database query.</summary>
public sealed class OwnerBookingsGrain(
    [PersistentState("ownerBookings", StorageNames.Default)] IPersistentState<OwnerBookingsState> store)
    : Grain, IOwnerBookingsGrain
{
    public const int MaxBookings = 100;

    public async Task AddAsync(string pnr)
    {
        if (store.State.Pnrs.Contains(pnr))
        {
            return;
        }
        store.State.Pnrs.Add(pnr);
        if (store.State.Pnrs.Count > MaxBookings)
        {
            store.State.Pnrs.RemoveAt(0);
        }
        await store.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(store.State.Pnrs.ToList());
}
