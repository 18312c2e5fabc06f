namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// <c>cluster.sh backup</c> and <c>restore</c> check their arguments before anything stops or starts: a typo answers
/// with one line and exit code 1, and leaves no trace in the state folder.
/// </summary>
public sealed class ClusterBackupCommandTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "diu-cluster-args-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "restore" }, "usage: restore --to")]
    [InlineData(new[] { "restore", "--to" }, "usage: restore --to")]
    [InlineData(new[] { "restore", "--latest", "--to", "2026-12-07 10:15:00+06" }, "usage: restore --to")]
    [InlineData(new[] { "restore", "--to", "the day before yesterday's lunch" }, "cannot read the time")]
    [InlineData(new[] { "restore", "--to", "2026-12-07 10:15:00+06" }, "no PostgreSQL cluster")]
    [InlineData(new[] { "backup", "now" }, "usage: backup")]
    [InlineData(new[] { "backup" }, "no PostgreSQL cluster")]
    public async Task BadArgumentsOrNoCluster_FailWithOneLine_AndTouchNothing(string[] arguments, string message)
    {
        var outcome = await ShellScript.RunAsync("deploy/cluster.sh", arguments, new Dictionary<string, string> { ["CLUSTER_STATE"] = _state });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains(message, Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(_state));
    }
}
