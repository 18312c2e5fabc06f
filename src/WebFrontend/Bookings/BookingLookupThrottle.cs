using DiuParibahan.Grains.Limits;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Booking lookups per phone number and per PNR (not per cookie or address, which a guesser rotates): a fixed window of
/// <see cref="BookingLookupOptions.PerKeyLimit"/> per <see cref="BookingLookupOptions.Window"/> for each, counted across
/// the cluster in the limit window grains, so several frontends (or a restarted one) do not multiply the limit.
/// </summary>
/// <remarks>
/// Unlike the code-request counts, which are batched so that no sign-in waits for a grain, each lookup asks the grains
/// directly and is counted exactly: the limit is small (5), so a batch's overshoot would be a multiple of it, and a
/// lookup already costs a database round trip, with the per-address ceiling in front of it.
/// </remarks>
public sealed class BookingLookupThrottle(IGrainFactory grains, IOptions<BookingLookupOptions> options, TimeProvider clock)
{
    /// <summary>The limiter name of these counts in the cluster.</summary>
    public const string Limiter = "booking-lookup";

    /// <summary>Takes one lookup for the phone and one for the PNR; null if both are allowed, else how long to wait.</summary>
    public async Task<TimeSpan?> TryLookupAsync(string phone, string pnr)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % o.Window.Ticks, TimeSpan.Zero);
        var counts = await Task.WhenAll(TakeAsync("phone:" + phone, start, o.Window), TakeAsync("pnr:" + pnr, start, o.Window));
        return counts.Any(c => c > o.PerKeyLimit) ? start + o.Window - now : null;
    }

    private async Task<long> TakeAsync(string key, DateTimeOffset start, TimeSpan window)
    {
        var grain = grains.GetGrain<ILimitWindowGrain>(ILimitWindowGrain.KeyOf(Limiter, window, start, ILimitWindowGrain.ShardOf(key)));
        return (await grain.AddAsync(new LimitCounts([key], [1], start + window)))[0];
    }
}
