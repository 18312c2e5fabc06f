namespace DiuParibahan.Grains.Bookings;

/// <summary>
/// One clerk's counter sales of one day. A separate small grain rather than the clerk's booking list, which keeps
/// only the latest hundred bookings (a busy counter sells more in a day), and rather than a query over the events
/// table, which the summary would then depend on being appended (it is at least once, after the fact).
/// </summary>
public sealed class ClerkDayGrain(
    [PersistentState("clerkDay", StorageNames.Default)] IPersistentState<ClerkDayState> store)
    : Grain, IClerkDayGrain
{
    public async Task AddAsync(string pnr)
    {
        if (store.State.Pnrs.Contains(pnr))
        {
            return;
        }
        store.State.Pnrs.Add(pnr);
        await store.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(store.State.Pnrs.ToList());
}
