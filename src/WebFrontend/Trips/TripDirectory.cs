using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.WebFrontend.Trips;

/// <summary>
/// Which trip ids exist, answered without touching a trip grain, so invented ids cost nothing: an id is checked by shape,
/// then against a cached copy of its service day's departure board (the day is part of the id,
/// <c>{route}-{yyyyMMdd}-{HHmm}</c>). A miss re-reads the board (at most every 200 ms) only when the id names a route of
/// the network, so trips a new schedule has just created are found while made-up ids never reach a trip grain.
/// </summary>
public sealed partial class TripDirectory(IGrainFactory grains, NetworkCache network, TimeProvider time)
{
    /// <summary>Longest trip id accepted anywhere.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Days either side of today for which boards are consulted (the API's date window).</summary>
    public const int WindowDays = 400;

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    // Plausible misses re-read the board at most this often, so a flood of plausible guesses costs one board call per interval.
    private static readonly TimeSpan MinReload = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<DateOnly, Board> _boards = new();
    private readonly SemaphoreSlim _reload = new(1, 1);

    private sealed record Board(HashSet<string> TripIds, DateTimeOffset LoadedAt);

    /// <summary>Whether <paramref name="tripId"/> has the shape of a trip id (letters, digits, single dashes or underscores).</summary>
    public static bool IsWellFormed(string? tripId) => tripId is { Length: > 0 and <= MaxIdLength } && Shape().IsMatch(tripId);

    /// <summary>Whether a trip with this id is on its day's departure board. No trip grain is called.</summary>
    public async ValueTask<bool> ExistsAsync(string? tripId)
    {
        if (!IsWellFormed(tripId) || Dated().Match(tripId!) is not { Success: true } match
            || !DateOnly.TryParseExact(match.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(match.Groups["time"].Value, "HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }
        var today = ServiceDay.Of(time.GetUtcNow());
        if (Math.Abs(day.DayNumber - today.DayNumber) > WindowDays)
        {
            return false;
        }
        var now = time.GetUtcNow();
        var cached = _boards.TryGetValue(day, out var board) && now - board.LoadedAt < MaxAge ? board : null;
        if (cached is not null && (cached.TripIds.Contains(tripId!) || now - cached.LoadedAt < MinReload))
        {
            return cached.TripIds.Contains(tripId!);
        }
        if (!await IsPlausibleAsync(match.Groups["route"].Value))
        {
            return false;
        }
        return (await ReloadAsync(day, board)).TripIds.Contains(tripId!);
    }

    /// <summary>Forgets every cached board (after ops add or change schedules).</summary>
    public void Invalidate() => _boards.Clear();

    // A route of the network: trips of deleted or edited schedules stay findable, invented route codes never load a board.
    private async ValueTask<bool> IsPlausibleAsync(string routeCode) =>
        (await network.GetAsync()).Network.Routes.Any(r => string.Equals(r.Code, routeCode, StringComparison.Ordinal));

    private async Task<Board> ReloadAsync(DateOnly day, Board? seen)
    {
        await _reload.WaitAsync();
        try
        {
            // Another request may have reloaded the board while this one waited.
            if (_boards.TryGetValue(day, out var current) && !ReferenceEquals(current, seen))
            {
                return current;
            }
            var summaries = await grains.GetGrain<IDepartureBoardGrain>(ServiceDay.Key(day)).GetSummariesAsync();
            var board = new Board(summaries.Select(s => s.TripId).ToHashSet(StringComparer.Ordinal), time.GetUtcNow());
            _boards[day] = board;
            return board;
        }
        finally
        {
            _reload.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex("^(?<route>.+)-(?<day>[0-9]{8})-(?<time>[0-9]{4})$", RegexOptions.CultureInvariant)]
    private static partial Regex Dated();
}
