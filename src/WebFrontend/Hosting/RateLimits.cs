using System.Globalization;
using System.Threading.RateLimiting;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>Options for request rate limits (section <c>RateLimits</c>), per owner or, without one, per client address.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Holds one owner may attempt per minute.</summary>
    public int HoldsPerMinute { get; set; } = 60;

    /// <summary>
    /// Sign-in, registration and refresh requests one client address may make per minute. Generous, because many
    /// mobile users share one carrier address; the tight limit is per account (<c>Auth:AttemptsPerMinute</c>).
    /// </summary>
    public int AuthPerMinute { get; set; } = 20;
}

/// <summary>Rate limiting policies. Over the limit a caller gets 429 with Retry-After, not the default 503.</summary>
public static class RateLimits
{
    public const string Holds = "holds";
    public const string Auth = "auth";

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
            limiter.AddPolicy(Holds, http => RateLimitPartition.GetFixedWindowLimiter(
                OwnerResolver.Find(http) ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.HoldsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.AddPolicy(Auth, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.AuthPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }
}
