using DiuParibahan.Grains.Limits;

namespace DiuParibahan.WebFrontend.Limits;

/// <summary>
/// One frontend's side of the cluster-wide limit counts (<see cref="ILimitWindowGrain"/>): counts are taken here at once
/// and reported in batches by <see cref="SharedCountFlusher"/>, which reads the cluster totals back. An estimate is the
/// last cluster total this frontend read plus what it counted since, so no request waits for a grain. It is approximate
/// but bounded: another frontend's counts reach this one within two flush intervals (a key counted here is read back
/// for <see cref="RefreshRounds"/> rounds after its last count), so the cluster overshoots a limit by at most what each
/// frontend counts in that time.
/// </summary>
/// <remarks>
/// Bounded: at most <c>capacity</c> keys; when full of keys from open windows, a new key is estimated at
/// <see cref="long.MaxValue"/> (past any limit), so a flood of new keys costs the flooder rather than memory. A limit
/// with one key for the whole cluster (the SMS budget) counts as <c>essential</c>: it is never refused room, or a flood
/// of client addresses would shut every honest sign-in out through it.
/// </remarks>
public sealed class SharedCounts(TimeProvider clock, int capacity)
{
    /// <summary>Flush rounds after its last local count during which a key's cluster total is read back.</summary>
    public const int RefreshRounds = 2;

    private readonly Lock _gate = new();
    private readonly Dictionary<WindowKey, Entry> _entries = [];
    private long _nextSweep;
    private long _nextForcedSweep;

    /// <summary>Counts one for <paramref name="key"/> of <paramref name="limiter"/> in its current fixed window and returns the window's estimated cluster total, this count included.</summary>
    public long Add(string limiter, string key, TimeSpan window, bool essential = false)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (Find(new WindowKey(limiter, window, WindowStart(now, window), key), now, create: true, essential) is not { } entry)
            {
                return long.MaxValue;
            }
            entry.Pending++;
            entry.RefreshesLeft = RefreshRounds;
            return entry.Estimate;
        }
    }

    /// <summary>
    /// The estimated cluster total of <paramref name="key"/> in its current fixed window, without counting; the key's
    /// total is read back on the next flush, so a frontend that only looks (a ceiling it checks) learns the cluster's
    /// count within one flush interval.
    /// </summary>
    public long Peek(string limiter, string key, TimeSpan window, bool essential = false)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (Find(new WindowKey(limiter, window, WindowStart(now, window), key), now, create: true, essential) is not { } entry)
            {
                return long.MaxValue;
            }
            entry.RefreshesLeft = Math.Max(entry.RefreshesLeft, 1);
            return entry.Estimate;
        }
    }

    /// <summary>
    /// Counts one for <paramref name="key"/> and returns its estimated cluster count over the last
    /// <paramref name="window"/>, sliding: this window's total plus the share of the last window's that still falls
    /// inside it. <see cref="double.PositiveInfinity"/> when there is no room for the key.
    /// </summary>
    public double AddSliding(string limiter, string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        var start = WindowStart(now, window);
        lock (_gate)
        {
            if (Find(new WindowKey(limiter, window, start, key), now, create: true) is not { } entry)
            {
                return double.PositiveInfinity;
            }
            entry.Pending++;
            entry.RefreshesLeft = RefreshRounds;
            var previous = _entries.GetValueOrDefault(new WindowKey(limiter, window, start - window, key))?.Estimate ?? 0;
            var previousShare = 1 - (now - start) / window;
            return entry.Estimate + previous * previousShare;
        }
    }

    /// <summary>When the fixed window of length <paramref name="window"/> holding the current time closes.</summary>
    public DateTimeOffset WindowEnd(TimeSpan window) => WindowStart(clock.GetUtcNow(), window) + window;

    /// <summary>
    /// What to report now, one batch per window shard: the counts taken since the last report (moved to in flight until
    /// <see cref="Apply"/> or <see cref="Restore"/>), and a read (count 0) of keys to refresh.
    /// </summary>
    public IReadOnlyList<SharedCountBatch> TakeBatches()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now, force: false);
            var batches = new Dictionary<string, (DateTimeOffset End, List<WindowKey> Keys, List<int> Counts)>(StringComparer.Ordinal);
            foreach (var (key, entry) in _entries)
            {
                if (entry.Pending == 0 && (entry.RefreshesLeft == 0 || key.Start + key.Window <= now))
                {
                    continue;
                }
                var grain = ILimitWindowGrain.KeyOf(key.Limiter, key.Window, key.Start, ILimitWindowGrain.ShardOf(key.Key));
                if (!batches.TryGetValue(grain, out var batch))
                {
                    batches[grain] = batch = (key.Start + key.Window, [], []);
                }
                batch.Keys.Add(key);
                batch.Counts.Add(entry.Pending);
                entry.InFlight += entry.Pending;
                entry.Pending = 0;
                if (entry.RefreshesLeft > 0)
                {
                    entry.RefreshesLeft--;
                }
            }
            return [.. batches.Select(b => new SharedCountBatch(b.Key, b.Value.End, b.Value.Keys, b.Value.Counts))];
        }
    }

    /// <summary>The cluster totals the grain answered for <paramref name="batch"/> (same order as its keys).</summary>
    public void Apply(SharedCountBatch batch, IReadOnlyList<long> totals)
    {
        lock (_gate)
        {
            for (var i = 0; i < batch.Keys.Count; i++)
            {
                if (_entries.TryGetValue(batch.Keys[i], out var entry))
                {
                    entry.InFlight -= batch.Counts[i];
                    // Replies of two overlapping flushes may arrive in either order; a total never goes down.
                    entry.Known = Math.Max(entry.Known, totals[i]);
                }
            }
        }
    }

    /// <summary>A report that failed: its counts go back to be reported with the next one.</summary>
    public void Restore(SharedCountBatch batch)
    {
        lock (_gate)
        {
            for (var i = 0; i < batch.Keys.Count; i++)
            {
                if (_entries.TryGetValue(batch.Keys[i], out var entry))
                {
                    entry.InFlight -= batch.Counts[i];
                    entry.Pending += batch.Counts[i];
                }
            }
        }
    }

    private static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan window) =>
        new(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);

    private Entry? Find(WindowKey key, DateTimeOffset now, bool create, bool essential = false)
    {
        Sweep(now, force: false);
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry;
        }
        if (!create)
        {
            return null;
        }
        if (_entries.Count >= capacity && !essential)
        {
            // A flood of new keys would otherwise make every request scan the whole table: at most one forced sweep a second.
            if (now.UtcTicks >= _nextForcedSweep)
            {
                _nextForcedSweep = (now + TimeSpan.FromSeconds(1)).UtcTicks;
                Sweep(now, force: true);
            }
            if (_entries.Count >= capacity)
            {
                return null;
            }
        }
        return _entries[key] = new Entry();
    }

    // Forgets keys whose window and the one after it have closed (a sliding estimate still reads the last window), even
    // with counts not yet reported: no frontend asks for that window any more. At most once a minute unless full.
    private void Sweep(DateTimeOffset now, bool force)
    {
        if (!force && now.UtcTicks < _nextSweep)
        {
            return;
        }
        _nextSweep = (now + TimeSpan.FromMinutes(1)).UtcTicks;
        foreach (var key in _entries.Keys)
        {
            if (key.Start + key.Window + key.Window <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private sealed class Entry
    {
        public long Known;
        public int Pending;
        public int InFlight;
        public int RefreshesLeft;

        public long Estimate => Known == long.MaxValue ? long.MaxValue : Known + Pending + InFlight;
    }
}

/// <summary>One limiter window and key as this frontend counts it.</summary>
public readonly record struct WindowKey(string Limiter, TimeSpan Window, DateTimeOffset Start, string Key);

/// <summary>What one report to the window shard <paramref name="Grain"/> carries: <paramref name="Counts"/>[i] for <paramref name="Keys"/>[i].</summary>
public sealed record SharedCountBatch(string Grain, DateTimeOffset WindowEnd, IReadOnlyList<WindowKey> Keys, IReadOnlyList<int> Counts);
