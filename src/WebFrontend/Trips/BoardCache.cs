using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// This frontend's copy of each service day's departure board in search form, at most <see cref="MaxAge"/> old. A
/// search the output cache misses reads two boards, the date strip up to eight: each board answer is every departure of
/// the day with its seat masks (tens of kilobytes the silo serialises and this process reads back), so under a rush
/// most of a search's cost was re-reading the same boards many times a second. Readers of a stale day share one grain
/// call. Cleared when the listings are evicted (<see cref="ListingEvictions"/>), so an ops change shows at once here;
/// another frontend sees it within <see cref="MaxAge"/>.
/// </summary>
public sealed class BoardCache(IGrainFactory grains, TimeProvider time)
{
    /// <summary>How long a board read is reused; added to <see cref="ListingCache.Expiry"/> in the listing lag.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    // Past this many days cached, stale ones are dropped when a day is loaded, so guessed dates cannot grow it for ever.
    private const int PruneAbove = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<DateOnly, Entry> _days = [];

    private sealed record Entry(Task<IReadOnlyList<DepartureSummary>> Summaries, DateTimeOffset StartedAt);

    /// <summary>The departures of <paramref name="day"/>'s board, from a read started at most <see cref="MaxAge"/> ago.</summary>
    public Task<IReadOnlyList<DepartureSummary>> GetAsync(DateOnly day)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_days.TryGetValue(day, out var known) && IsUsable(known, now))
            {
                return known.Summaries;
            }
            if (_days.Count >= PruneAbove)
            {
                foreach (var stale in _days.Where(d => !IsUsable(d.Value, now)).Select(d => d.Key).ToList())
                {
                    _days.Remove(stale);
                }
            }
            var entry = new Entry(grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).GetSummariesAsync(), now);
            _days[day] = entry;
            return entry.Summaries;
        }
    }

    /// <summary>Forgets every board read (ops changed trips, or the listings were evicted).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _days.Clear();
        }
    }

    /// <summary>Days currently held (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _days.Count;
            }
        }
    }

    // A failed read is not kept: the next reader asks the board again instead of failing for the rest of MaxAge.
    private static bool IsUsable(Entry entry, DateTimeOffset now) =>
        now - entry.StartedAt < MaxAge && !entry.Summaries.IsFaulted && !entry.Summaries.IsCanceled;
}
