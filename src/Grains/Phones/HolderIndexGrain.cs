namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One shard of the hoarding index: its books (<see cref="HolderIndex"/>) live in memory and only the blocked phones are
/// stored, written when a phone's block changes.
/// </summary>
public sealed class HolderIndexGrain(
    [PersistentState("holderIndex", StorageNames.Default)] IPersistentState<HolderIndexState> store,
    TimeProvider time)
    : Grain, IHolderIndexGrain
{
    private HolderIndex _index = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _index = new HolderIndex(store.State.Blocked.Values);
        return Task.CompletedTask;
    }

    public async Task ReportAsync(HolderSummary summary)
    {
        var now = time.GetUtcNow();
        if (_index.Report(summary, now))
        {
            store.State.Blocked = _index.Blocked(now);
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public Task<IReadOnlyList<HolderSummary>> ListAsync() => Task.FromResult(_index.List(time.GetUtcNow()));
}
