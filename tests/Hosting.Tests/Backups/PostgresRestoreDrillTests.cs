using System.Globalization;
using System.Net;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// The cluster's restore drill on a throwaway PostgreSQL with WAL archiving, through <c>deploy/pg-backup.sh</c> (the
/// script <c>cluster.sh backup</c> and <c>cluster.sh restore</c> run): sales traffic, a base backup mid-run, more
/// traffic, a time T, more traffic, then a restore to T must give back exactly what was acknowledged up to T —
/// seats, bookings, payments, refunds, reminders and outbox — and nothing after it. Bad targets and a corrupt backup
/// are refused with one line and leave the data directory as it was.
/// </summary>
public sealed class PostgresRestoreDrillTests : IAsyncLifetime
{
    private const string Script = ArchivingPostgres.Script;
    private const string Outbox = "SELECT idempotency_key || ' ' || status FROM notification_outbox ORDER BY 1";
    private const string Reminders = "SELECT grainid || ' ' || remindername FROM orleansreminderstable ORDER BY 1";

    private ArchivingPostgres _postgres = null!;

    private Dictionary<string, string> Environment => _postgres.Environment();

    public async ValueTask InitializeAsync() => _postgres = await ArchivingPostgres.StartAsync("diu-pitr-");

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();

    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    // The same endpoints before and after the restore, as cluster.sh restarts its silos: the restored membership table
    // still lists the silo that ran at T as active, and a newer silo on its endpoint supersedes it at once.
    private void ConfigureSilo(TestDatabase database, ISiloBuilder silo)
    {
        silo.ConfigureEndpoints(IPAddress.Loopback, _siloPort, _gatewayPort).UsePostgresPersistence(database.ConnectionString);
        silo.AddTicketingGrains(new ConfigurationBuilder().Build());
    }

    [Fact]
    public async Task RestoreToT_GivesBackExactlyTheAcknowledgedHistoryAtT_AndRefusesBadTargetsWithoutTouchingTheData()
    {
        await using var database = await PostgresTestDatabase.CreateAsync(_postgres.Server);
        var sales = new AcknowledgedSales();
        var beforeEverything = DateTimeOffset.UtcNow;
        IReadOnlyList<string> expectedAtT, outboxAtT, remindersAtT;
        DateTimeOffset t;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            await sales.ScheduleAsync(silo.Grains);
            await sales.RunAsync(silo.Grains, 4);
            await ShellScript.SucceedAsync(Script, ["backup"], Environment);
            await sales.RunAsync(silo.Grains, 8);

            // Every step so far was acknowledged after its commit, and none of the next has been sent.
            t = DateTimeOffset.UtcNow;
            expectedAtT = sales.Expected();
            outboxAtT = await database.ColumnAsync(Outbox);
            remindersAtT = await database.ColumnAsync(Reminders);

            await sales.RunAsync(silo.Grains, 8);
            Assert.NotEqual(expectedAtT.Count, sales.Expected().Count);
            await ShellScript.SucceedAsync(Script, ["flush"], Environment);
        }
        NpgsqlConnection.ClearAllPools();
        await _postgres.Server.StopAsync();

        await AssertRefusedAsync(["restore", "--to", Format(beforeEverything)], "is before the oldest base backup");
        await AssertRefusedAsync(["restore", "--to", Format(DateTimeOffset.UtcNow.AddHours(1))], "is after the newest archived WAL");
        await AssertRefusedAsync(["restore", "--to", "half past lunch"], "cannot read the time");
        var corrupt = CorruptCopyOfNewestBackup();
        await AssertRefusedAsync(["restore", "--to", Format(t)], "is corrupt");
        Directory.Delete(corrupt, recursive: true);

        var restored = await ShellScript.SucceedAsync(Script, ["restore", "--to", Format(t)], Environment);
        Assert.Contains("previous data directory is kept", restored);
        await _postgres.Server.StartAsync();

        // Before any grain wakes up: the outbox and reminders are exactly as at T (nothing sent is pending again with a new
        // key, nothing pending is lost).
        Assert.Equal(outboxAtT, await database.ColumnAsync(Outbox));
        Assert.Equal(remindersAtT, await database.ColumnAsync(Reminders));
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            Assert.Equal(sales.Completed(expectedAtT), await sales.ReadAsync(silo.Grains));

            // Sales continue on the restored database: the seats of the lost steps are free to sell again.
            await sales.RunAsync(silo.Grains, 2);
        }
        Assert.True((await database.ColumnAsync(Outbox)).Count > outboxAtT.Count);
    }

    private async Task AssertRefusedAsync(IReadOnlyList<string> arguments, string reason)
    {
        var before = DataDirectoryListing();
        var outcome = await ShellScript.RunAsync(Script, arguments, Environment);
        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, line);
        Assert.Equal(before, DataDirectoryListing());
    }

    // The data directory's own entries and its siblings (a restore works beside it and keeps the replaced one there).
    private string[] DataDirectoryListing() =>
        Directory.GetFileSystemEntries(Path.GetDirectoryName(_postgres.Server.DataDirectory)!)
            .Concat(Directory.GetFileSystemEntries(_postgres.Server.DataDirectory))
            .Order(StringComparer.Ordinal).ToArray();

    // A later-named copy of the newest base backup with its data archive cut in half: restore picks it and must refuse it.
    private string CorruptCopyOfNewestBackup()
    {
        var newest = Directory.GetDirectories(Path.Combine(_postgres.BackupDirectory, "base")).Order(StringComparer.Ordinal).Last();
        var copy = Path.Combine(_postgres.BackupDirectory, "base", "99991231T000000Z");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(newest))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        var archive = Path.Combine(copy, "base.tar.gz");
        using (var stream = new FileStream(archive, FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }
        return copy;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
}
