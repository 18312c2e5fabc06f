namespace DiuParibahan.WebFrontend.Analytics;

/// <summary>Analytics (section <c>Analytics</c>).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>How often new events are folded into the report tables; reports lag the events log by at most this.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events folded per transaction.</summary>
    public int RollupBatchSize { get; set; } = 5000;

    /// <summary>Cluster mode: the Orleans Dashboard of a silo (e.g. <c>http://silo1:8081/dashboard</c>), linked from the ops dashboard.</summary>
    public string? OrleansDashboardUrl { get; set; }
}
