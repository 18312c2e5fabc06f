using DiuParibahan.Hosting.Audit;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>The audit log's SQL on both databases: filters, newest first, paging.</summary>
public sealed class AuditStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(6));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private async Task<AppDatabase> DatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = await postgres.CreateDatabaseAsync("audit_" + Guid.NewGuid().ToString("N")[..12]);
            await SchemaMigrator.MigrateAsync(provider, connectionString, Ct);
            return AppDatabase.ForPostgres(connectionString);
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("dp-audit-").FullName, "test.db");
        await SchemaMigrator.MigrateAsync(provider, AppDatabase.SqliteConnectionString(path), Ct);
        return AppDatabase.ForSqliteFile(path);
    }

    private static AuditEntry Entry(int minute, string actor, string action, string target) =>
        new(Start.AddMinutes(minute), "id-" + actor, actor, "ops", action, target, minute % 2 == 0 ? "Because" : null, null, "{\"n\":" + minute + "}");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Query_FiltersByTimeActorAndTarget_NewestFirst_InPages(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var log = new SqlAuditLog(database);
        for (var i = 0; i < 5; i++)
        {
            await log.RecordAsync(Entry(i, i < 3 ? "rahim@example.com" : "karim@example.com", "trip.seats-blocked", i % 2 == 0 ? "TRIP-A" : "TRIP-B"), Ct);
        }

        var all = await log.QueryAsync(new AuditQuery(), Ct);
        Assert.Equal([4, 3, 2, 1, 0], all.Items.Select(e => e.Entry.At.Minute));
        Assert.Equal(Entry(4, "karim@example.com", "trip.seats-blocked", "TRIP-A"), all.Items[0].Entry);
        Assert.False(all.HasMore);

        var rahimOnA = await log.QueryAsync(new AuditQuery(Actor: "rahim@example.com", Target: "TRIP-A"), Ct);
        Assert.Equal([2, 0], rahimOnA.Items.Select(e => e.Entry.At.Minute));

        var window = await log.QueryAsync(new AuditQuery(From: Start.AddMinutes(1), To: Start.AddMinutes(3)), Ct);
        Assert.Equal([2, 1], window.Items.Select(e => e.Entry.At.Minute));

        var second = await log.QueryAsync(new AuditQuery(Page: 2, PageSize: 2), Ct);
        Assert.Equal([2, 1], second.Items.Select(e => e.Entry.At.Minute));
        Assert.True(second.HasMore);
        var last = await log.QueryAsync(new AuditQuery(Page: 3, PageSize: 2), Ct);
        Assert.Equal([0], last.Items.Select(e => e.Entry.At.Minute));
        Assert.False(last.HasMore);
    }
}
