using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Attempts per account identifier (login and registration), on top of the per-address limit of the rate limiter:
/// a botnet guessing one account's password from many addresses still gets a handful of tries a minute.
/// </summary>
public sealed class AccountThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountThrottle(IOptions<AuthOptions> options)
    {
        var permits = options.Value.AttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for <paramref name="key"/>; null if allowed, else how long to wait.</summary>
    public TimeSpan? TryAttempt(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
