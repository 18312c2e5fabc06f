namespace DiuParibahan.Grains.Limits;

/// <summary>
/// One shard of one limiter's counts over one fixed window (key from <see cref="KeyOf"/>): how many times each limited
/// key (a client address, a phone, a PNR, "all") was counted by every frontend in the window. Frontends report their
/// local counts in batches and read the cluster totals back, so a limit holds across frontends and restarts of a
/// frontend, without a grain call on every request. Soft state: the counts live in memory until the window is over
/// (a silo lost mid-window loses its windows' counts, which then start again from zero).
/// </summary>
[Alias("DiuParibahan.ILimitWindowGrain")]
public interface ILimitWindowGrain : IGrainWithStringKey
{
    /// <summary>Shards per limiter and window, so one limiter's keys spread over several grains (and silos).</summary>
    public const int Shards = 16;

    /// <summary>The shard of a limited key: a stable hash (the same in every process), not string.GetHashCode.</summary>
    public static int ShardOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Shards);
    }

    /// <summary>
    /// The grain of <paramref name="limiter"/>'s window of length <paramref name="window"/> starting at
    /// <paramref name="windowStart"/> (a multiple of the window since the epoch, so every frontend names the same one).
    /// </summary>
    public static string KeyOf(string limiter, TimeSpan window, DateTimeOffset windowStart, int shard) =>
        $"{limiter}/{(long)window.TotalSeconds}/{windowStart.ToUnixTimeSeconds()}/{shard}";

    /// <summary>
    /// Adds each count to its key and returns every key's total for the window afterwards, in the same order (a count
    /// of 0 only reads). A key this shard has no room for (past <c>MaxKeys</c>) is reported as <see cref="long.MaxValue"/>,
    /// past any limit, so a flood of new keys costs the flooder rather than the silo's memory.
    /// </summary>
    [Alias("Add")]
    Task<IReadOnlyList<long>> AddAsync(LimitCounts counts);
}
