using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;
using DiuParibahan.WebFrontend.Auth;
using Microsoft.Extensions.Time.Testing;

namespace DiuParibahan.WebFrontend.Tests.Admin;

/// <summary>The staff-account SQL on both databases: the last enabled ops account stays, revocation, the supervisor role.</summary>
public sealed class StaffStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private async Task<AppDatabase> DatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = await postgres.CreateDatabaseAsync("staff_" + Guid.NewGuid().ToString("N")[..12]);
            await SchemaMigrator.MigrateAsync(provider, connectionString, Ct);
            return AppDatabase.ForPostgres(connectionString);
        }
        var path = Path.Combine(Directory.CreateTempSubdirectory("dp-staff-").FullName, "test.db");
        await SchemaMigrator.MigrateAsync(provider, AppDatabase.SqliteConnectionString(path), Ct);
        return AppDatabase.ForSqliteFile(path);
    }

    private static UserAccount Staff(string role, string? counter = null) =>
        new(Guid.NewGuid().ToString("N"), $"{Guid.NewGuid():N}@example.com", "Staff", "hash", role, counter, DateTimeOffset.UnixEpoch.AddDays(20000));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DisablingOrDemotingTheLastEnabledOps_IsRefused_ButWorksWhileAnotherRemains(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var users = new UserStore(database);
        var first = Staff(Roles.Ops);
        await users.TryCreateAsync(first, Ct);

        Assert.False(await users.TryUpdateStaffAsync(first with { DisabledAt = DateTimeOffset.UnixEpoch }, Ct));
        Assert.False(await users.TryUpdateStaffAsync(first with { Role = Roles.Clerk, CounterId = "dhaka-kalyanpur" }, Ct));
        Assert.Equal(first, await users.FindByIdAsync(first.Id, Ct));

        var second = Staff(Roles.Ops);
        await users.TryCreateAsync(second, Ct);
        Assert.True(await users.TryUpdateStaffAsync(first with { DisabledAt = DateTimeOffset.UnixEpoch.AddDays(20001) }, Ct));
        Assert.False(await users.TryUpdateStaffAsync(second with { DisabledAt = DateTimeOffset.UnixEpoch.AddDays(20001) }, Ct));
        Assert.NotNull((await users.FindByIdAsync(first.Id, Ct))!.DisabledAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Supervisors_TemporaryPasswords_AndRevokingEveryToken_AreStored(DatabaseProvider provider)
    {
        await using var database = await DatabaseAsync(provider);
        var users = new UserStore(database);
        var tokens = new RefreshTokenStore(database, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)));
        var supervisor = Staff(Roles.Supervisor) with { PasswordChangeRequired = true };
        Assert.True(await users.TryCreateAsync(supervisor, Ct));
        Assert.Equal(supervisor, await users.FindByIdAsync(supervisor.Id, Ct));
        var one = await tokens.IssueAsync(supervisor.Id, TimeSpan.FromDays(1), Ct);
        var two = await tokens.IssueAsync(supervisor.Id, TimeSpan.FromDays(1), Ct);

        await users.SetPasswordAsync(supervisor.Id, "new-hash", changeRequired: false, Ct);
        Assert.Equal(2, await tokens.RevokeAllAsync(supervisor.Id, Ct));

        Assert.Equal(("new-hash", false), ((await users.FindByIdAsync(supervisor.Id, Ct))!.PasswordHash, (await users.FindByIdAsync(supervisor.Id, Ct))!.PasswordChangeRequired));
        Assert.Equal(RefreshOutcome.Revoked, (await tokens.RotateAsync(one.Token, TimeSpan.FromDays(1), Ct)).Outcome);
        Assert.Equal(RefreshOutcome.Revoked, (await tokens.RotateAsync(two.Token, TimeSpan.FromDays(1), Ct)).Outcome);
        Assert.Contains(await users.ListStaffAsync(Ct), s => s.Id == supervisor.Id);
    }
}
