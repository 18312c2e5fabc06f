namespace DiuParibahan.Grains.Bookings;

/// <summary>A small persisted list: a refund is owed only between a cancellation and its payout, so it stays short.</summary>
public sealed class UnsettledRefundsGrain(
    [PersistentState("unsettledRefunds", StorageNames.Default)] IPersistentState<UnsettledRefundsState> store)
    : Grain, IUnsettledRefundsGrain
{
    public async Task AddAsync(string pnr)
    {
        if (!store.State.Pnrs.Contains(pnr))
        {
            store.State.Pnrs.Add(pnr);
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public async Task RemoveAsync(string pnr)
    {
        if (store.State.Pnrs.Remove(pnr))
        {
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. store.State.Pnrs]);
}
