namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One shard of the hoarding index. Summaries live in memory; only blocked phones are stored (written when a phone's
/// block changes), because live holds last minutes and are reported again on the phone's next change, while a block
/// must show even for a phone that has gone quiet. Bounded: phones with nothing notable are dropped, and past
/// <see cref="MaxEntries"/> the stalest unblocked ones go first.
/// </summary>
public sealed class HolderIndexGrain(
    [PersistentState("holderIndex", StorageNames.Default)] IPersistentState<HolderIndexState> store,
    TimeProvider time)
    : Grain, IHolderIndexGrain
{
    public const int MaxEntries = 5000;

    private readonly Dictionary<string, HolderSummary> _entries = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (phone, summary) in store.State.Blocked)
        {
            _entries[phone] = summary;
        }
        return Task.CompletedTask;
    }

    public async Task ReportAsync(HolderSummary summary)
    {
        var now = time.GetUtcNow();
        var known = _entries.GetValueOrDefault(summary.Phone);
        if (known is not null && known.Revision >= summary.Revision)
        {
            return;
        }
        if (summary.IsNotable(now))
        {
            _entries[summary.Phone] = summary;
        }
        else
        {
            _entries.Remove(summary.Phone);
        }
        if (_entries.Count > MaxEntries)
        {
            foreach (var stale in _entries.Values.Where(e => e.BlockAt(now) is null).OrderBy(e => e.AsOf).Take(_entries.Count - MaxEntries).ToList())
            {
                _entries.Remove(stale.Phone);
            }
        }
        if (known?.Block != summary.Block)
        {
            store.State.Blocked = _entries.Values.Where(e => e.BlockAt(now) is not null).ToDictionary(e => e.Phone, StringComparer.Ordinal);
            await store.WriteOrDeactivateAsync(this);
        }
    }

    public Task<IReadOnlyList<HolderSummary>> ListAsync()
    {
        var now = time.GetUtcNow();
        foreach (var quiet in _entries.Values.Where(e => !e.IsNotable(now)).ToList())
        {
            _entries.Remove(quiet.Phone);
        }
        return Task.FromResult<IReadOnlyList<HolderSummary>>([.. _entries.Values]);
    }
}
