using DiuParibahan.Hosting.Notifications;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Npgsql;

namespace DiuParibahan.Hosting.Tests.Notifications;

/// <summary>The outbox table on the real databases: idempotent enqueue, leased claims, outcomes and ops' retry.</summary>
public abstract class OutboxStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    protected abstract AppDatabase Open(TestDatabase database);

    private async Task<(TestDatabase Database, OutboxStore Store)> StoreAsync()
    {
        var database = await CreateDatabaseAsync();
        await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, TestContext.Current.CancellationToken);
        return (database, new OutboxStore(Open(database)));
    }

    private static OutboxDraft Draft(string key, string pnr = "K7M2QX", string channel = NotificationChannel.Sms) =>
        new(key, pnr, "booking.confirmed", channel, channel == NotificationChannel.Sms ? "+8801712345678" : "rahim@example.com", "en",
            channel == NotificationChannel.Sms ? null : "Booking confirmed", "Your booking is confirmed.",
            channel == NotificationChannel.Sms ? null : "<p>Your booking is confirmed.</p>");

    [Fact]
    public async Task Enqueue_TheSameKeyTwice_StoresOneMessage()
    {
        var (database, store) = await StoreAsync();
        await using var _ = database;

        Assert.Equal(1, await store.EnqueueAsync([Draft("K7M2QX:2:sms")], Now));
        Assert.Equal(0, await store.EnqueueAsync([Draft("K7M2QX:2:sms") with { BodyText = "changed" }], Now.AddMinutes(1)));

        var stored = Assert.Single(await store.ForBookingAsync("K7M2QX"));
        Assert.Equal("Your booking is confirmed.", stored.BodyText);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM notification_outbox WHERE idempotency_key = 'K7M2QX:2:sms'"));
    }

    [Fact]
    public async Task Claim_LeasesDueMessages_SoASecondClaimGetsNoneUntilTheLeaseEnds()
    {
        var (database, store) = await StoreAsync();
        await using var _ = database;
        await store.EnqueueAsync([Draft("A:0:sms"), Draft("A:0:email", channel: NotificationChannel.Email)], Now);

        var first = await store.ClaimDueAsync(Now, TimeSpan.FromMinutes(2), 10);
        var second = await store.ClaimDueAsync(Now.AddMinutes(1), TimeSpan.FromMinutes(2), 10);
        var afterLease = await store.ClaimDueAsync(Now.AddMinutes(3), TimeSpan.FromMinutes(2), 10);

        Assert.Equal(2, first.Messages.Count);
        Assert.Empty(second.Messages);
        Assert.Equal(2, afterLease.Messages.Count);
        // The first claimer's outcome no longer counts: the message belongs to the later claim now.
        Assert.False(await store.MarkSentAsync(first.Messages[0].Id, first.LeaseOwner, Now.AddMinutes(3)));
        Assert.True(await store.MarkSentAsync(afterLease.Messages[0].Id, afterLease.LeaseOwner, Now.AddMinutes(3)));
    }

    [Fact]
    public async Task ConcurrentClaims_NeverShareAMessage()
    {
        var (database, store) = await StoreAsync();
        await using var _ = database;
        await store.EnqueueAsync(Enumerable.Range(0, 30).Select(i => Draft($"E{i}:0:sms", pnr: $"E{i}")).ToList(), Now);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.ClaimDueAsync(Now, TimeSpan.FromMinutes(2), 10))));

        var ids = claims.SelectMany(c => c.Messages.Select(m => m.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(30, ids.Count);
    }

    [Fact]
    public async Task Failure_SchedulesTheNextAttempt_AndDeadMessagesWaitForRetryNow()
    {
        var (database, store) = await StoreAsync();
        await using var _ = database;
        await store.EnqueueAsync([Draft("B:2:sms", pnr: "B")], Now);

        var claim = await store.ClaimDueAsync(Now, TimeSpan.FromMinutes(2), 10);
        Assert.True(await store.MarkFailedAsync(claim.Messages[0].Id, claim.LeaseOwner, "gateway down", Now.AddMinutes(5), dead: false));
        Assert.Empty((await store.ClaimDueAsync(Now.AddMinutes(4), TimeSpan.FromMinutes(2), 10)).Messages);
        var again = await store.ClaimDueAsync(Now.AddMinutes(5), TimeSpan.FromMinutes(2), 10);
        Assert.True(await store.MarkFailedAsync(again.Messages[0].Id, again.LeaseOwner, "still down", Now.AddMinutes(15), dead: true));

        var dead = Assert.Single(await store.ForBookingAsync("B"));
        Assert.Equal((OutboxStatus.Dead, 2, "still down"), (dead.Status, dead.Attempts, dead.LastError));
        Assert.Empty((await store.ClaimDueAsync(Now.AddHours(1), TimeSpan.FromMinutes(2), 10)).Messages);

        Assert.Equal(OutboxRetryResult.Scheduled, await store.RetryNowAsync(dead.Id, Now.AddHours(1)));
        Assert.Single((await store.ClaimDueAsync(Now.AddHours(1), TimeSpan.FromMinutes(2), 10)).Messages);
        Assert.Equal(OutboxRetryResult.NotRetryable, await store.RetryNowAsync(dead.Id, Now.AddHours(1)));
        Assert.Equal(OutboxRetryResult.NotFound, await store.RetryNowAsync(dead.Id + 1000, Now.AddHours(1)));
    }

    [Fact]
    public async Task List_FiltersByStatusAndPnr_NewestFirst()
    {
        var (database, store) = await StoreAsync();
        await using var _ = database;
        await store.EnqueueAsync([Draft("C:0:sms", pnr: "C"), Draft("D:0:sms", pnr: "D"), Draft("D:1:sms", pnr: "D")], Now);
        var claim = await store.ClaimDueAsync(Now, TimeSpan.FromMinutes(2), 1);
        await store.MarkRecordedAsync(claim.Messages[0].Id, claim.LeaseOwner);

        var (forD, more) = await store.ListAsync(null, "D", 0);
        var (pending, _) = await store.ListAsync(OutboxStatus.Pending, null, 0);
        var (recorded, _) = await store.ListAsync(OutboxStatus.Recorded, null, 0);

        Assert.Equal(["D:1:sms", "D:0:sms"], forD.Select(m => m.IdempotencyKey));
        Assert.False(more);
        Assert.Equal(2, pending.Count);
        Assert.Equal("C:0:sms", Assert.Single(recorded).IdempotencyKey);
    }
}

public sealed class SqliteOutboxStoreTests : OutboxStoreTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    protected override AppDatabase Open(TestDatabase database) => AppDatabase.ForSqliteFile(((SqliteTestDatabase)database).FilePath);
}

public sealed class PostgresOutboxStoreTests(PostgresServer server) : OutboxStoreTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync(server);

    protected override AppDatabase Open(TestDatabase database) => AppDatabase.ForPostgres(database.ConnectionString);

    [Fact]
    public async Task Claim_WhileAnotherClaimerHoldsRowLocks_TakesTheOtherRows_WithoutWaiting()
    {
        await using var database = await CreateDatabaseAsync();
        await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, TestContext.Current.CancellationToken);
        var store = new OutboxStore(Open(database));
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        await store.EnqueueAsync(Enumerable.Range(0, 10).Select(i => new OutboxDraft($"L{i}:0:sms", $"L{i}", "booking.confirmed",
            NotificationChannel.Sms, "+8801712345678", "en", null, "Your booking is confirmed.", null)).ToList(), now);

        // A claimer caught mid-claim: its transaction holds the row locks of the four oldest messages.
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await other.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var locked = new List<long>();
        await using (var lockRows = new NpgsqlCommand(
            "SELECT id FROM notification_outbox ORDER BY next_attempt_at, id LIMIT 4 FOR UPDATE", other, transaction))
        await using (var reader = await lockRows.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                locked.Add(reader.GetInt64(0));
            }
        }

        // Waiting for those locks would outlast this bound (the other transaction never ends by itself): the claim must
        // skip the locked rows instead, or it would also claim them a second time once they were released.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(10));
        var claim = await store.ClaimDueAsync(now, TimeSpan.FromMinutes(2), 10, bound.Token);

        Assert.Equal(4, locked.Count);
        Assert.Equal(6, claim.Messages.Count);
        Assert.Empty(claim.Messages.Select(m => m.Id).Intersect(locked));
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }
}
