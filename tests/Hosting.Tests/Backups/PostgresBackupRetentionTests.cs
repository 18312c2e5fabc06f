using System.Globalization;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Npgsql;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// The day-to-day side of <c>deploy/pg-backup.sh</c> (what <c>cluster.sh backup</c>, <c>backups</c> and
/// <c>restore --latest</c> run) on a throwaway PostgreSQL with WAL archiving: a backup prunes down to the retention and
/// drops the WAL no kept backup needs, the listing shows what is kept, and a restore to the latest archived WAL gives back
/// every commit that was flushed to the archive.
/// </summary>
public sealed class PostgresBackupRetentionTests : IAsyncLifetime
{
    private const string Script = ArchivingPostgres.Script;
    private const int Retention = 2;

    private ArchivingPostgres _postgres = null!;

    private Dictionary<string, string> Environment => new(_postgres.Environment())
    {
        ["BACKUP_RETENTION"] = Retention.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask InitializeAsync() => _postgres = await ArchivingPostgres.StartAsync("diu-retain-");

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task Backups_KeepTheNewestRetentionAndTheWalTheyNeed_ListShowsThem_AndRestoreLatestKeepsEveryArchivedCommit()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(_postgres.Server);
        await database.ScalarAsync("CREATE TABLE drill (n integer PRIMARY KEY)");

        var made = new List<string>();
        IReadOnlyList<string> segmentsBeforeLastBackup = [];
        for (var n = 1; n <= Retention + 1; n++)
        {
            await database.ScalarAsync($"INSERT INTO drill VALUES ({n})");
            // Closes the segment holding the insert, so each backup starts in a later segment than the one before.
            await ShellScript.SucceedAsync(Script, ["flush"], Environment);
            segmentsBeforeLastBackup = Segments();
            made.Add(BackupName(await ShellScript.SucceedAsync(Script, ["backup"], Environment)));
        }

        var kept = made.TakeLast(Retention).ToList();
        Assert.Equal(kept, Directory.GetDirectories(Path.Combine(_postgres.BackupDirectory, "base")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var oldestNeeded = StartWal(kept[0]);
        var dropped = segmentsBeforeLastBackup.Where(s => string.CompareOrdinal(s, oldestNeeded) < 0).ToList();
        Assert.NotEmpty(dropped);
        Assert.All(Segments(), s => Assert.True(string.CompareOrdinal(s, oldestNeeded) >= 0, $"{s} is older than {oldestNeeded}, which the oldest kept backup starts from"));
        Assert.Contains(oldestNeeded, Segments());

        var listing = await ShellScript.SucceedAsync(Script, ["list"], Environment);
        Assert.All(kept, name => Assert.Contains(name, listing));
        Assert.DoesNotContain(made[0], listing);
        Assert.Contains($"WAL archive: {Segments().Count} segments", listing);
        Assert.Contains("archiver: archived", listing);

        // A commit after the last backup, flushed to the archive as cluster.sh restore does before stopping the server.
        await database.ScalarAsync("INSERT INTO drill VALUES (100)");
        await ShellScript.SucceedAsync(Script, ["flush"], Environment);
        NpgsqlConnection.ClearAllPools();
        await _postgres.Server.StopAsync();

        var restored = await ShellScript.SucceedAsync(Script, ["restore", "--latest"], Environment);
        Assert.Contains(kept[^1], restored);
        await _postgres.Server.StartAsync();
        Assert.Equal(["1", "2", "3", "100"], await database.ColumnAsync("SELECT n FROM drill ORDER BY n"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("seven")]
    public async Task Prune_RefusesARetentionThatIsNotAPositiveWholeNumber_AndDeletesNothing(string retention)
    {
        await ShellScript.SucceedAsync(Script, ["backup"], Environment);
        var before = Directory.GetFileSystemEntries(_postgres.BackupDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var outcome = await ShellScript.RunAsync(Script, ["prune"], new Dictionary<string, string>(Environment) { ["BACKUP_RETENTION"] = retention });

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("BACKUP_RETENTION must be a whole number", Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(before, Directory.GetFileSystemEntries(_postgres.BackupDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }

    // "pg-backup: base backup 20261207T101500Z (3 MB, databases 30 MB) in …"
    private static string BackupName(string output)
    {
        const string prefix = "pg-backup: base backup ";
        var line = output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line[prefix.Length..line.IndexOf(' ', prefix.Length)];
    }

    private string StartWal(string backup) =>
        File.ReadAllLines(Path.Combine(_postgres.BackupDirectory, "base", backup, "backup.info"))
            .Single(l => l.StartsWith("start_wal=", StringComparison.Ordinal))["start_wal=".Length..];

    // Archived WAL segments: 24 hex digits; backup history files and .part copies are left out.
    private List<string> Segments() =>
        Directory.GetFiles(Path.Combine(_postgres.BackupDirectory, "wal")).Select(Path.GetFileName).OfType<string>()
            .Where(name => name.Length == 24 && name.All(Uri.IsHexDigit)).Order(StringComparer.Ordinal).ToList();
}
