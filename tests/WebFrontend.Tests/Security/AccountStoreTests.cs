using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Security;

/// <summary>The account and refresh-token SQL against both databases, migrated by the product's own migrator.</summary>
public sealed class AccountStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private async Task<AppDatabase> DatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = await postgres.CreateDatabaseAsync("accounts_" + Guid.NewGuid().ToString("N")[..12]);
            await SchemaMigrator.MigrateAsync(provider, connectionString, Ct);
            return AppDatabase.ForPostgres(connectionString);
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("dp-accounts-").FullName, "test.db");
        await SchemaMigrator.MigrateAsync(provider, new SqliteConnectionStringBuilder { DataSource = path }.ToString(), Ct);
        return AppDatabase.ForSqliteFile(path);
    }

    private static UserAccount User(string login) =>
        new(Guid.NewGuid().ToString("N"), login, "Rahim", "hash", Roles.Clerk, "dhaka-kalyanpur", DateTimeOffset.UnixEpoch.AddDays(20000));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreateUser_StoresEveryField_AndASecondAccountWithTheSameLoginIsRefused(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var users = new UserStore(database);
        var user = User("+8801712345678");

        Assert.True(await users.TryCreateAsync(user, Ct));
        Assert.False(await users.TryCreateAsync(User("+8801712345678"), Ct));

        Assert.Equal(user, await users.FindByLoginAsync("+8801712345678", Ct));
        Assert.Equal(user, await users.FindByIdAsync(user.Id, Ct));
        Assert.Null(await users.FindByLoginAsync("+8801700000000", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RefreshToken_RotatesOnce_ThenItsReuseRevokesTheFamily(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var user = User("a@example.com");
        await new UserStore(database).TryCreateAsync(user, Ct);
        var tokens = new RefreshTokenStore(database, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var first = await tokens.IssueAsync(user.Id, Lifetime, Ct);

        var rotated = await tokens.RotateAsync(first.Token, Lifetime, Ct);
        var replay = await tokens.RotateAsync(first.Token, Lifetime, Ct);
        var successor = await tokens.RotateAsync(rotated.Next!.Token, Lifetime, Ct);

        Assert.Equal((RefreshOutcome.Rotated, user.Id), (rotated.Outcome, rotated.UserId));
        Assert.Equal(RefreshOutcome.Reused, replay.Outcome);
        Assert.Equal(RefreshOutcome.Revoked, successor.Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RefreshToken_AfterItsLifetime_IsExpired_AndAnotherFamilyIsUntouched(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var user = User("b@example.com");
        await new UserStore(database).TryCreateAsync(user, Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new RefreshTokenStore(database, clock);
        var old = await tokens.IssueAsync(user.Id, TimeSpan.FromHours(1), Ct);
        clock.Advance(TimeSpan.FromMinutes(59));
        var young = await tokens.IssueAsync(user.Id, TimeSpan.FromHours(1), Ct);
        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(RefreshOutcome.Expired, (await tokens.RotateAsync(old.Token, Lifetime, Ct)).Outcome);
        Assert.Equal(RefreshOutcome.Rotated, (await tokens.RotateAsync(young.Token, Lifetime, Ct)).Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Revoke_EndsTheWholeFamily_ButNotTheUsersOtherSessions(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var user = User("c@example.com");
        await new UserStore(database).TryCreateAsync(user, Ct);
        var tokens = new RefreshTokenStore(database, TimeProvider.System);
        var phone = await tokens.IssueAsync(user.Id, Lifetime, Ct);
        var laptop = await tokens.IssueAsync(user.Id, Lifetime, Ct);
        var phoneNext = (await tokens.RotateAsync(phone.Token, Lifetime, Ct)).Next!;

        await tokens.RevokeAsync(phone.Token, Ct);

        Assert.Equal(RefreshOutcome.Revoked, (await tokens.RotateAsync(phoneNext.Token, Lifetime, Ct)).Outcome);
        Assert.Equal(RefreshOutcome.Rotated, (await tokens.RotateAsync(laptop.Token, Lifetime, Ct)).Outcome);
        Assert.Equal(RefreshOutcome.Unknown, (await tokens.RotateAsync("never-issued", Lifetime, Ct)).Outcome);
    }
}
