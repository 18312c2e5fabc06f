namespace DiuParibahan.Grains.Limits;

/// <summary>
/// Counts of one limit window shard, in memory only: a limit window lasts minutes to an hour, and losing it with a silo
/// means a limit starts that window again from zero, which is cheaper than a storage write per report. The grain is
/// kept at least until its window closes and then collected like any idle grain, so counts expire with the window.
/// </summary>
public sealed class LimitWindowGrain(TimeProvider time) : Grain, ILimitWindowGrain
{
    /// <summary>The most keys one shard counts (about 100 bytes each); beyond it new keys are reported past any limit.</summary>
    public const int MaxKeys = 100_000;

    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private DateTimeOffset _keptUntil = DateTimeOffset.MinValue;

    public Task<IReadOnlyList<long>> AddAsync(LimitCounts counts)
    {
        if (counts.Keys.Count != counts.Counts.Count)
        {
            throw new ArgumentException("Every key needs exactly one count.", nameof(counts));
        }
        if (counts.WindowEnd > _keptUntil)
        {
            // Idle collection must not drop the counts of a window still open; a minute's grace covers clock skew.
            _keptUntil = counts.WindowEnd;
            var left = counts.WindowEnd - time.GetUtcNow() + TimeSpan.FromMinutes(1);
            if (left > TimeSpan.Zero)
            {
                DelayDeactivation(left);
            }
        }
        var totals = new long[counts.Keys.Count];
        for (var i = 0; i < totals.Length; i++)
        {
            var key = counts.Keys[i];
            if (_totals.TryGetValue(key, out var total))
            {
                total += Math.Max(0, counts.Counts[i]);
                _totals[key] = total;
                totals[i] = total;
            }
            else if (_totals.Count >= MaxKeys)
            {
                totals[i] = long.MaxValue;
            }
            else if (counts.Counts[i] > 0)
            {
                _totals[key] = totals[i] = counts.Counts[i];
            }
        }
        return Task.FromResult<IReadOnlyList<long>>(totals);
    }
}
