using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Bookings;

/// <summary>
/// Booking lookups per phone number and per PNR (not per cookie or address, which a guesser rotates): a fixed window of
/// <see cref="BookingLookupOptions.PerKeyLimit"/> per <see cref="BookingLookupOptions.Window"/> for each.
/// </summary>
public sealed class BookingLookupThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public BookingLookupThrottle(IOptions<BookingLookupOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.PerKeyLimit, Window = o.Window, QueueLimit = 0 }));
    }

    /// <summary>Takes one lookup for the phone and one for the PNR; null if both are allowed, else how long to wait.</summary>
    public TimeSpan? TryLookup(string phone, string pnr) => TryTake("phone:" + phone) ?? TryTake("pnr:" + pnr);

    private TimeSpan? TryTake(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(15);
    }

    public void Dispose() => _limiter.Dispose();
}
