namespace DiuParibahan.Grains.Phones;

/// <summary>
/// The books of one shard of the hoarding index, apart from its grain so they can be tested in order: the newest
/// revision of each phone's summary wins, phones with nothing notable leave, and past <see cref="MaxEntries"/> the
/// stalest unblocked phones go first. Only the blocked phones need storing (<see cref="Blocked"/>): live holds last
/// minutes and are reported again on the phone's next change, while a block must show even for a phone gone quiet.
/// </summary>
public sealed class HolderIndex
{
    public const int MaxEntries = 5000;

    private readonly Dictionary<string, HolderSummary> _entries = new(StringComparer.Ordinal);

    /// <param name="stored">The blocked phones stored by an earlier activation.</param>
    public HolderIndex(IEnumerable<HolderSummary> stored)
    {
        foreach (var summary in stored)
        {
            _entries[summary.Phone] = summary;
        }
    }

    /// <summary>Takes a phone's summary in; true when the blocked phones changed, so they must be stored again.</summary>
    public bool Report(HolderSummary summary, DateTimeOffset now)
    {
        var known = _entries.GetValueOrDefault(summary.Phone);
        if (known is not null && known.Revision >= summary.Revision)
        {
            return false;
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
        return known?.Block != summary.Block;
    }

    /// <summary>Every phone still notable at <paramref name="now"/>; the others are dropped on the way.</summary>
    public IReadOnlyList<HolderSummary> List(DateTimeOffset now)
    {
        foreach (var quiet in _entries.Values.Where(e => !e.IsNotable(now)).ToList())
        {
            _entries.Remove(quiet.Phone);
        }
        return [.. _entries.Values];
    }

    /// <summary>The phones blocked at <paramref name="now"/>: what the shard stores.</summary>
    public Dictionary<string, HolderSummary> Blocked(DateTimeOffset now) =>
        _entries.Values.Where(e => e.BlockAt(now) is not null).ToDictionary(e => e.Phone, StringComparer.Ordinal);
}
