namespace DiuParibahan.WebFrontend.Hosting;

/// <summary>
/// Admission control at the frontend (section <c>Admission</c>): how many API requests of each class run at once, how
/// many may wait for a slot, and how long one may wait. The excess is answered at once with 503 <c>overloaded</c> and
/// Retry-After, so a flash crowd gets fast refusals instead of timeouts and admitted requests keep their latency.
/// On by default with generous limits; tune per host in a quiet load test.
/// </summary>
public sealed class AdmissionOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>API reads (GET/HEAD under <c>/api</c>): seat maps, searches, bookings.</summary>
    public AdmissionClassOptions Reads { get; set; } = new() { Concurrency = 512, QueueLimit = 2048 };

    /// <summary>API writes (any other method under <c>/api</c>): holds, releases, bookings, payments.</summary>
    public AdmissionClassOptions Writes { get; set; } = new() { Concurrency = 256, QueueLimit = 1024 };

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

    /// <summary>Longest a request waits in the queue (its deadline); then it is refused. Default 2 s.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
