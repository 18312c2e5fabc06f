using System.Globalization;
using System.Text.RegularExpressions;
using DiuParibahan.Grains.Queue;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Queue;

/// <summary>
/// This frontend's copy of the sale-window list, re-read from the registry at most every
/// <see cref="QueueOptions.WindowCacheAge"/>, so holds, joins and the hub learn which trips are gated without a grain
/// call per request (a window announced on another frontend gates holds here within that age). Unknown window ids are
/// answered from the copy and never activate a queue grain.
/// </summary>
public sealed partial class SaleWindowDirectory(IGrainFactory grains, NetworkCache network, TimeProvider time, IOptions<QueueOptions> options)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<SaleWindow> Windows, DateTimeOffset LoadedAt);

    public static bool IsWellFormed(string? windowId) => windowId is { Length: > 0 and <= 32 } && WindowId().IsMatch(windowId);

    public async ValueTask<IReadOnlyList<SaleWindow>> ListAsync()
    {
        if (_snapshot is { } fresh && time.GetUtcNow() - fresh.LoadedAt < options.Value.WindowCacheAge)
        {
            return fresh.Windows;
        }
        await _reload.WaitAsync();
        try
        {
            if (_snapshot is { } reloaded && time.GetUtcNow() - reloaded.LoadedAt < options.Value.WindowCacheAge)
            {
                return reloaded.Windows;
            }
            var windows = await grains.GetGrain<ISaleWindowsGrain>(ISaleWindowsGrain.Key).ListAsync();
            _snapshot = new Snapshot(windows, time.GetUtcNow());
            return windows;
        }
        finally
        {
            _reload.Release();
        }
    }

    public async ValueTask<SaleWindow?> FindAsync(string? windowId) =>
        IsWellFormed(windowId) ? (await ListAsync()).FirstOrDefault(w => w.Id == windowId) : null;

    /// <summary>The announced (not closed) window covering the trip's route and day, if any: its holds need an admission.</summary>
    public async ValueTask<SaleWindow?> GatingWindowForAsync(string tripId)
    {
        var windows = await ListAsync();
        if (!windows.Any(w => w.Gates) || TripId().Match(tripId) is not { Success: true } match
            || !DateOnly.TryParseExact(match.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }
        var code = match.Groups["route"].Value;
        var route = (await network.GetAsync()).Network.Routes.FirstOrDefault(r => r.Code == code);
        return route is null ? null : windows.FirstOrDefault(w => w.Gates && w.Covers(route.Id, day));
    }

    /// <summary>Forgets the copy after a change made through this frontend, so it shows at once here.</summary>
    public void Invalidate() => _snapshot = null;

    [GeneratedRegex("^sw-[0-9a-f]{10}$")]
    private static partial Regex WindowId();

    [GeneratedRegex(@"^(?<route>.+)-(?<day>\d{8})-\d{4}$")]
    private static partial Regex TripId();
}
