using System.Security.Cryptography;
using DiuParibahan.Hosting.Backups;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.Hosting.Tests.Backups;

/// <summary>
/// The embedded restore drill: sales traffic, an online backup mid-run (the silo keeps running), more traffic, then a
/// start-up with <c>Storage:RestoreFrom</c> must give back exactly what was acknowledged before the backup — seats,
/// bookings, payments, refunds, reminders and outbox — and nothing after it. A missing or corrupt backup stops the
/// start with one line and leaves the database file as it was.
/// </summary>
public sealed class SqliteRestoreDrillTests
{
    private const string Outbox = "SELECT idempotency_key || ' ' || status FROM notification_outbox ORDER BY 1";
    private const string Reminders = "SELECT grainid || ' ' || remindername FROM orleansreminderstable ORDER BY 1";

    private static void ConfigureSilo(SqliteTestDatabase database, ISiloBuilder silo)
    {
        silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next()).UseSqlitePersistence(database.FilePath);
        silo.AddTicketingGrains(new ConfigurationBuilder().Build());
    }

    private static Dictionary<string, string?> RestoreFrom(string path) => new() { [SqliteRestore.OptionName] = path };

    [Fact]
    public async Task RestoreFromOnlineBackup_GivesBackExactlyTheAcknowledgedHistoryAtTheBackup()
    {
        await using var database = new SqliteTestDatabase();
        var sales = new AcknowledgedSales();
        IReadOnlyList<string> expectedAtBackup, outboxAtBackup, remindersAtBackup, afterRestore;
        BackupFile backup;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            await sales.ScheduleAsync(silo.Grains);
            await sales.RunAsync(silo.Grains, 8);
            expectedAtBackup = sales.Expected();
            outboxAtBackup = await database.ColumnAsync(Outbox);
            remindersAtBackup = await database.ColumnAsync(Reminders);

            var outcome = await silo.Services.GetRequiredService<EmbeddedBackups>().TakeAsync(TestContext.Current.CancellationToken);
            backup = Assert.IsType<BackupFile>(outcome.Backup);
            Assert.Equal("ok", EmbeddedBackups.IntegrityCheck(backup.Path));

            await sales.RunAsync(silo.Grains, 8);
        }

        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s), settings: RestoreFrom(backup.Path)))
        {
            Assert.Equal(outboxAtBackup, await database.ColumnAsync(Outbox));
            Assert.Equal(remindersAtBackup, await database.ColumnAsync(Reminders));
            Assert.Equal(sales.Completed(expectedAtBackup), await sales.ReadAsync(silo.Grains));
            await sales.RunAsync(silo.Grains, 2);
            afterRestore = await sales.ReadAsync(silo.Grains);
        }
        // The database it replaced is kept beside it, not overwritten.
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(database.FilePath)!, "diu.db.replaced-*").Where(f => f.EndsWith("Z", StringComparison.Ordinal)));

        // The option left set does not restore the same backup again at the next start: the later sales stay.
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s), settings: RestoreFrom(backup.Path)))
        {
            Assert.Equal(afterRestore, await sales.ReadAsync(silo.Grains));
        }
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("garbage", "is corrupt or not a database")]
    [InlineData("truncated", "corrupt")]
    [InlineData("foreign", "not a Diu Paribahan database")]
    public async Task RestoreFromBadBackup_FailsWithOneLine_AndLeavesTheDatabaseAsItWas(string kind, string reason)
    {
        await using var database = new SqliteTestDatabase();
        var sales = new AcknowledgedSales();
        string backupPath;
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            await sales.ScheduleAsync(silo.Grains);
            await sales.RunAsync(silo.Grains, 4);
            backupPath = (await silo.Services.GetRequiredService<EmbeddedBackups>().TakeAsync(TestContext.Current.CancellationToken)).Backup!.Path;
        }
        var bad = Path.Combine(Path.GetDirectoryName(backupPath)!, "bad.db");
        switch (kind)
        {
            case "garbage":
                await File.WriteAllBytesAsync(bad, RandomNumberGenerator.GetBytes(64 * 1024), TestContext.Current.CancellationToken);
                break;
            case "truncated":
                var bytes = await File.ReadAllBytesAsync(backupPath, TestContext.Current.CancellationToken);
                await File.WriteAllBytesAsync(bad, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
                break;
            case "foreign":
                await using (var connection = new SqliteConnection($"Data Source={bad};Pooling=False"))
                {
                    await connection.OpenAsync(TestContext.Current.CancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE ledger (id integer)";
                    await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                }
                break;
        }
        var folder = Path.GetDirectoryName(database.FilePath)!;
        var before = Fingerprint(folder);

        var error = await Assert.ThrowsAsync<StartupException>(() =>
            TestSilo.StartAsync(s => ConfigureSilo(database, s), settings: RestoreFrom(bad)));

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, Fingerprint(folder));
        await using (var silo = await TestSilo.StartAsync(s => ConfigureSilo(database, s)))
        {
            Assert.Equal(sales.Expected(), await sales.ReadAsync(silo.Grains));
        }
    }

    // Every file of the database folder with a hash of its content.
    private static string[] Fingerprint(string folder) =>
        Directory.GetFiles(folder).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetFileName(f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}").ToArray();
}
