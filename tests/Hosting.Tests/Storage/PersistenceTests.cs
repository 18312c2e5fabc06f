using DiuParibahan.Hosting.Events;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Hosting.Tests.Grains;
using DiuParibahan.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DiuParibahan.Hosting.Tests.Storage;

/// <summary>
/// What both databases must do for the silo: keep grain state across restarts, detect conflicting writes, hold
/// reminders and events. Each test gets an empty database; the derived classes say which kind.
/// </summary>
public abstract class PersistenceTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task GrainState_SurvivesSiloRestart_ForStringAndIntegerKeysAndAfterClear()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var silo = await TestSilo.StartAsync(database))
        {
            var counter = silo.Grains.GetGrain<ICounterGrain>("route-dhaka-khulna");
            for (var i = 0; i < 3; i++)
            {
                await counter.IncrementAsync();
            }

            await silo.Grains.GetGrain<INumberedCounterGrain>(42).IncrementAsync();
            await silo.Grains.GetGrain<INumberedCounterGrain>(42).IncrementAsync();

            var cleared = silo.Grains.GetGrain<ICounterGrain>("cleared");
            await cleared.IncrementAsync();
            await cleared.ResetAsync();
        }

        await using (var silo = await TestSilo.StartAsync(database))
        {
            Assert.Equal(3, await silo.Grains.GetGrain<ICounterGrain>("route-dhaka-khulna").GetAsync());
            Assert.Equal(2, await silo.Grains.GetGrain<INumberedCounterGrain>(42).GetAsync());
            Assert.Equal(0, await silo.Grains.GetGrain<INumberedCounterGrain>(43).GetAsync());
            var cleared = silo.Grains.GetGrain<ICounterGrain>("cleared");
            Assert.Equal(0, await cleared.GetAsync());
            Assert.Equal(1, await cleared.IncrementAsync());
        }

        // One row per grain state: clearing keeps the row, nothing was duplicated.
        Assert.Equal(3, await database.CountAsync("SELECT count(*) FROM OrleansStorage"));
    }

    [Fact]
    public async Task WriteState_AfterVersionWasBumpedOutOfBand_ThrowsInconsistentState_AndNextActivationReadsStoredState()
    {
        await using var database = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(database);
        var counter = silo.Grains.GetGrain<ICounterGrain>("duplicate-activation");
        Assert.Equal(1, await counter.IncrementAsync());

        // What a second activation of the same grain writing first looks like from this one.
        await database.ScalarAsync("UPDATE OrleansStorage SET Version = Version + 1 WHERE GrainTypeString = 'counter'");

        await Assert.ThrowsAsync<InconsistentStateException>(counter.IncrementAsync);
        // Orleans deactivated the grain: the new activation reads the stored 1, not its lost in-memory 2.
        Assert.Equal(1, await counter.GetAsync());
        Assert.Equal(2, await counter.IncrementAsync());
    }

    [Fact]
    public async Task ReminderTable_UpsertReadByGrainAndBothRangeFormsAndDelete_FollowTheContract()
    {
        await using var database = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(database);
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("test-reminders", "trip-42");
        var hash = grainId.GetUniformHashCode();
        var start = new DateTime(2025, 1, 31, 8, 15, 0, DateTimeKind.Utc);
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = "release-holds", StartAt = start, Period = TimeSpan.FromMinutes(2) };

        var firstETag = await table.UpsertRow(entry);
        var secondETag = await table.UpsertRow(entry);
        Assert.NotNull(firstETag);
        Assert.NotEqual(firstETag, secondETag);

        var row = await table.ReadRow(grainId, "release-holds");
        Assert.NotNull(row);
        Assert.Equal(grainId, row.GrainId);
        Assert.Equal(start, row.StartAt);
        Assert.Equal(DateTimeKind.Utc, row.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), row.Period);
        Assert.Equal(secondETag, row.ETag);
        Assert.Single((await table.ReadRows(grainId)).Reminders);

        // (begin, end] with begin < end, and the range that wraps around the ring; each with a hit and a miss.
        Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash + 1)).Reminders);
        Assert.Single((await table.ReadRows(hash + 1, hash)).Reminders);
        Assert.Empty((await table.ReadRows(hash, hash - 1)).Reminders);

        Assert.False(await table.RemoveRow(grainId, "release-holds", firstETag));
        Assert.True(await table.RemoveRow(grainId, "release-holds", secondETag!));
        Assert.Null(await table.ReadRow(grainId, "release-holds"));

        await table.UpsertRow(entry);
        await table.TestOnlyClearTable();
        Assert.Empty((await table.ReadRows(grainId)).Reminders);
    }

    [Fact]
    public async Task Reminder_RegisteredByGrain_IsStoredInTheDatabase()
    {
        await using var database = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(database);

        await silo.Grains.GetGrain<IReminderOwnerGrain>("booking-DP-7K3M9Q").RegisterAsync("expire-payment");

        Assert.Equal(1, await database.CountAsync(
            "SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'expire-payment' AND Period = 3600000"));
    }

    [Fact]
    public async Task EventStore_AppendAsync_StoresABatchAtomically()
    {
        await using var database = await CreateDatabaseAsync();
        await using var silo = await TestSilo.StartAsync(database);
        var events = silo.Services.GetRequiredService<IEventStore>();
        var at = new DateTimeOffset(2025, 1, 31, 14, 15, 0, TimeSpan.FromHours(6));

        await events.AppendAsync(
        [
            new DomainEvent(at, "hold.placed", "trip-1", null, "user-7", """{"seats":["A1","A2"]}"""),
            new DomainEvent(at.AddSeconds(1), "booking.confirmed", "trip-1", "DP-7K3M9Q", null, """{"amount":120000}"""),
        ], TestContext.Current.CancellationToken);
        // A bad payload fails the whole batch, including the valid event before it.
        await Assert.ThrowsAnyAsync<Exception>(() => events.AppendAsync(
        [
            new DomainEvent(at, "search", null, null, null, "{}"),
            new DomainEvent(at, "search", null, null, null, "not json"),
        ], TestContext.Current.CancellationToken));

        Assert.Equal(2, await database.CountAsync("SELECT count(*) FROM events"));
        Assert.Equal(1, await database.CountAsync(
            "SELECT count(*) FROM events WHERE kind = 'booking.confirmed' AND booking_ref = 'DP-7K3M9Q' AND actor IS NULL AND trip_id = 'trip-1'"));
        var firstOccurredAt = database.Provider == DatabaseProvider.PostgreSql
            ? "SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'HH24:MI') FROM events WHERE kind = 'hold.placed'"
            : "SELECT substr(occurred_at, 12, 5) FROM events WHERE kind = 'hold.placed'";
        Assert.Equal("08:15", await database.ScalarAsync(firstOccurredAt));
    }

    [Fact]
    public async Task SchemaMigrator_RunTwiceOrConcurrently_AppliesEachScriptOnce()
    {
        await using var database = await CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;

        var runs = await Task.WhenAll(
            SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct),
            SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct));
        var again = await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct);

        var applied = runs.SelectMany(run => run).ToList();
        var folder = database.Provider == DatabaseProvider.PostgreSql ? "sql/postgresql/" : "sql/sqlite/";
        var scripts = typeof(SchemaMigrator).Assembly.GetManifestResourceNames().Count(n => n.StartsWith(folder, StringComparison.Ordinal));
        Assert.Equal(scripts, applied.Count);
        Assert.Equal(scripts, applied.Distinct().Count());
        Assert.Empty(again);
        Assert.Equal(applied.Count, await database.CountAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0, await database.CountAsync("SELECT count(*) FROM events"));
    }
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

public sealed class PostgresPersistenceTests(PostgresServer server) : PersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);
}
