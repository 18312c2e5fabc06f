namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Admission control at the frontend (section <c>Admission</c>): how many API requests of each class run at once, how
/// many may wait for a slot, and how long one may wait. The excess is answered at once with 503 <c>overloaded</c> and
/// Retry-After, so a flash crowd gets fast refusals instead of timeouts and admitted requests keep their latency.
/// </summary>
/// <remarks>
/// The defaults follow what the two classes spend. Reads (seat maps, searches) spend this host's CPU, so their limit
/// grows with its cores and their deadline is short: a read that waited 100 ms in line has lost more than a fast 503
/// and a retry would. Writes (holds, releases, payments) mostly wait for a silo's flushed write, not for this host's
/// CPU, so more run at once and they may wait longer. The 2026-12-07 overload run had 512 reads allowed at once with
/// a 2 s deadline on 2 cores: the limiter never refused and admitted reads waited seconds (docs/profiles/fanout-and-overload.md).
/// </remarks>
public sealed class AdmissionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>API reads (GET/HEAD under <c>/api</c>): seat maps, searches, bookings. Default 32 per core at once, 4× that waiting, 100 ms deadline.</summary>
    public AdmissionClassOptions Reads { get; set; } = new()
    {
        Concurrency = 32 * Environment.ProcessorCount,
        QueueLimit = 128 * Environment.ProcessorCount,
        QueueTimeout = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>API writes (any other method under <c>/api</c>): holds, releases, bookings, payments. Default 256 at once, 1,024 waiting, 500 ms deadline.</summary>
    public AdmissionClassOptions Writes { get; set; } = new() { Concurrency = 256, QueueLimit = 1024, QueueTimeout = TimeSpan.FromMilliseconds(500) };

    /// <summary>Seconds a refused client is told to wait (Retry-After). Default 1.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

/// <summary>The limits of one request class.</summary>
public sealed class AdmissionClassOptions
{
    /// <summary>Requests of the class running at once on this frontend.</summary>
    public int Concurrency { get; set; } = 256;

    /// <summary>Requests that may wait for a slot; beyond that the refusal is immediate.</summary>
    public int QueueLimit { get; set; } = 1024;

    /// <summary>Longest a request waits in the queue (its deadline); then it is refused.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
