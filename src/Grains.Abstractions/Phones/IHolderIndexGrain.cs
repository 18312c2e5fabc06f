using Orleans.Concurrency;

namespace DiuParibahan.Grains.Phones;

/// <summary>
/// One shard (key 0 to <see cref="Shards"/> − 1, see <see cref="ShardOf"/>) of the hoarding index: the latest summary
/// of every phone with live holds, recent holds, a cool-off or a block, as the phone grains report them. The ops
/// console merges the shards instead of scanning phones. Live hold totals are soft state rebuilt from reports; blocks
/// are stored.
/// </summary>
[Alias("DiuParibahan.IHolderIndexGrain")]
public interface IHolderIndexGrain : IGrainWithIntegerKey
{
    public const int Shards = 16;

    /// <summary>The shard of a normalised phone: a stable hash (the same in every process), not string.GetHashCode.</summary>
    public static int ShardOf(string phone)
    {
        var hash = 2166136261u;
        foreach (var c in phone)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Shards);
    }

    /// <summary>A phone's latest summary; older revisions than the one held are ignored.</summary>
    [Alias("Report"), OneWay]
    Task ReportAsync(HolderSummary summary);

    /// <summary>The phones worth showing now, live totals recomputed at this moment.</summary>
    [Alias("List")]
    Task<IReadOnlyList<HolderSummary>> ListAsync();
}
