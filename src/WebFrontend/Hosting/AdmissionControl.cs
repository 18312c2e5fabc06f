using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using DiuParibahan.WebFrontend.Problems;
using Microsoft.Extensions.Options;

namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Concurrency limits per request class (API reads, API writes) with a bounded queue and a deadline: a request runs at
/// once if its class has a free slot, waits in line (oldest first) for at most <see cref="AdmissionClassOptions.QueueTimeout"/>
/// if not, and is refused with 503 <c>overloaded</c> + Retry-After when the line is full or its deadline passes. So no
/// request waits past its deadline, the work in flight (and every grain queue behind it) stays bounded, and the excess
/// costs a few microseconds instead of a timeout. Static files, health checks and the hub are not limited.
/// </summary>
public sealed class AdmissionControl : IDisposable
{
    private readonly AdmissionOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrencyLimiter _reads;
    private readonly ConcurrencyLimiter _writes;
    private readonly Counter<long> _refused;

    public AdmissionControl(IOptions<AdmissionOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _options = options.Value;
        _time = time;
        _reads = Limiter(_options.Reads);
        _writes = Limiter(_options.Writes);
        _refused = meters.Create(DiuParibahan.Hosting.Telemetry.TelemetryExtensions.WebMeterName)
            .CreateCounter<long>("diuparibahan.admission.refused", "{request}", "API requests refused as overloaded");
    }

    /// <summary>Runs <paramref name="next"/> for an admitted request, or answers 503 overloaded.</summary>
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (!_options.Enabled || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }
        var write = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        var (limiter, limits) = write ? (_writes, _options.Writes) : (_reads, _options.Reads);
        var lease = limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            // Under overload most requests find the line full: refuse those before arming a deadline timer for them.
            lease = limiter.GetStatistics()?.CurrentQueuedCount >= limits.QueueLimit
                ? Refused.Instance
                : await WaitInLineAsync(limiter, limits.QueueTimeout, http.RequestAborted);
        }
        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }
        }
        _refused.Add(1, new KeyValuePair<string, object?>("class", write ? "writes" : "reads"));
        http.Response.Headers.RetryAfter = _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(http, "overloaded", "The service is very busy right now; nothing was done. Please retry in a moment.");
    }

    private async Task<RateLimitLease> WaitInLineAsync(ConcurrencyLimiter limiter, TimeSpan deadline, CancellationToken aborted)
    {
        using var timeout = new CancellationTokenSource(deadline, _time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, aborted);
        try
        {
            // A full line answers at once with a lease that is not acquired.
            return await limiter.AcquireAsync(1, both.Token);
        }
        catch (OperationCanceledException)
        {
            return Refused.Instance;
        }
    }

    private static ConcurrencyLimiter Limiter(AdmissionClassOptions limits) => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = limits.Concurrency,
        QueueLimit = limits.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public void Dispose()
    {
        _reads.Dispose();
        _writes.Dispose();
    }

    /// <summary>The lease of a request whose deadline passed (or whose client left) while it waited.</summary>
    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

/// <summary>Wiring of <see cref="AdmissionControl"/>.</summary>
public static class AdmissionControlExtensions
{
    public static WebApplicationBuilder AddAdmissionControl(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .Bind(builder.Configuration.GetSection("Admission"))
            .Validate(o => Valid(o.Reads) && Valid(o.Writes), "Admission: Concurrency must be at least 1, QueueLimit at least 0, QueueTimeout between 0 and 60 s.")
            .Validate(o => o.RetryAfterSeconds is >= 1 and <= 3600, "Admission:RetryAfterSeconds must be 1–3600.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdmissionControl>();
        return builder;
    }

    public static WebApplication UseAdmissionControl(this WebApplication app)
    {
        var admission = app.Services.GetRequiredService<AdmissionControl>();
        app.Use(admission.InvokeAsync);
        return app;
    }

    private static bool Valid(AdmissionClassOptions c) =>
        c.Concurrency >= 1 && c.QueueLimit >= 0 && c.QueueTimeout >= TimeSpan.Zero && c.QueueTimeout <= TimeSpan.FromSeconds(60);
}
