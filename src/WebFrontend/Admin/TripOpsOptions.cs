namespace DiuParibahan.WebFrontend.Admin;

/// <summary>Settings of ops actions on whole trips (section <c>TripOps</c>).</summary>
public sealed class TripOpsOptions
{
    /// <summary>
    /// How often each frontend looks for cancelled trips that still owe refunds and settles them. Default one minute:
    /// a refund left behind by a crash or a provider outage is paid within minutes without anyone re-issuing the cancel.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
