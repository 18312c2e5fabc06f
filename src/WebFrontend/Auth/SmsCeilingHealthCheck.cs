using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Degraded (still 200, so the frontend stays in rotation) while the cluster's hourly budget of sign-in SMS is spent:
/// ops monitoring <c>/health/ready</c> sees that passengers cannot sign in by code until the hour is over.
/// </summary>
public sealed class SmsCeilingHealthCheck(OtpService otp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ceiling = otp.Ceiling;
        var sent = ceiling.SentThisHour;
        return Task.FromResult(sent < ceiling.Ceiling
            ? HealthCheckResult.Healthy($"{sent} of {ceiling.Ceiling} sign-in SMS sent this hour")
            : HealthCheckResult.Degraded($"Sign-in SMS ceiling reached: {sent} of {ceiling.Ceiling} this hour; code requests refused until {ceiling.HourEnd:u}"));
    }
}
