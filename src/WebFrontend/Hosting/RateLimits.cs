using System.Globalization;
using System.Threading.RateLimiting;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Options for request rate limits (section <c>RateLimits</c>). Limits that matter are keyed by what an attacker
/// cannot mint — the signed-in account, whose phone was proven by SMS; per client address there are only coarse
/// ceilings sized for carrier NAT, where hundreds of honest users share one address.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Holds (and bookings) one account may attempt per minute.</summary>
    public int HoldsPerMinute { get; set; } = 60;

    /// <summary>
    /// Sign-in (password or SMS code) and registration requests one client address may make per minute: a NAT-sized
    /// ceiling; the tight limits are per account (<c>Auth:AttemptsPerMinute</c>) and per code (<c>Auth:Otp:MaxAttempts</c>).
    /// </summary>
    public int AuthPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests per minute one client address may make to the address-keyed endpoints that have no account to key on
    /// (token refresh, holds attempted without one, booking look-ups). A coarse ceiling: a refresh refused here is
    /// retried by the client after Retry-After, never treated as a sign-out.
    /// </summary>
    public int AddressCeilingPerMinute { get; set; } = 1200;
}

/// <summary>Rate limiting policies. Over the limit a caller gets 429 with Retry-After, not the default 503.</summary>
public static class RateLimits
{
    public const string Holds = "holds";
    public const string Auth = "auth";
    public const string Refresh = "refresh";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(context.HttpContext, "rate-limited", "Please wait a moment and try again.");
            };
            // Signed-in callers are limited per account; anyone else (refused by the endpoint anyway) only per address.
            limiter.AddPolicy(Holds, http => OwnerResolver.Find(http) is { } owner && owner.StartsWith("user:", StringComparison.Ordinal)
                ? PerMinute(owner, options.HoldsPerMinute)
                : PerMinute("address:" + Address(http), options.AddressCeilingPerMinute));
            limiter.AddPolicy(Auth, http => PerMinute(Address(http), options.AuthPerMinute));
            limiter.AddPolicy(Refresh, http => PerMinute(Address(http), options.AddressCeilingPerMinute));
        });
        return builder;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
