namespace DiuParibahan.WebFrontend.Limits;

/// <summary>Cluster-wide limit counts (section <c>Limits</c>). Bound and validated at start.</summary>
public sealed class SharedLimitOptions
{
    /// <summary>
    /// How often a frontend reports its counts and reads the cluster totals back. Shorter is closer to exact (the
    /// cluster overshoots a limit by at most what each frontend counts in about two intervals) at the price of more
    /// grain calls: at most one per window shard with counts, per frontend, per interval, however busy a key is.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The most keys (client addresses, phones, PNRs per window) one frontend tracks at once.</summary>
    public int Capacity { get; set; } = 100_000;

    internal string? Problem() => this switch
    {
        { FlushInterval.TotalMilliseconds: < 10 or > 60_000 } => "Limits:FlushInterval must be between 10 ms and 1 minute.",
        { Capacity: < 1 } => "Limits:Capacity must be at least 1.",
        _ => null,
    };
}
