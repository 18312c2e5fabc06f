using System.Security.Cryptography;
using DiuParibahan.Hosting.DataProtection;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DiuParibahan.Hosting.Tests.Storage;

/// <summary>
/// The Data Protection key ring in PostgreSQL, wired as each web frontend wires it: two frontends over one database
/// read what the other protected (the signed owner cookie), a restarted one still does, and another deployment's does not.
/// </summary>
public sealed class SharedKeyRingTests(PostgresServer server)
{
    private const string Purpose = "DiuParibahan.OwnerCookie.v2";

    [Fact]
    public async Task TwoFrontendsOverOneDatabase_ReadEachOthersPayloads_ARestartKeepsThem_AndAnotherDatabaseRefusesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresTestDatabase.CreateAsync(server);
        await using var elsewhere = await PostgresTestDatabase.CreateAsync(server);
        await SchemaMigrator.MigrateAsync(database.Provider, database.ConnectionString, ct);
        await SchemaMigrator.MigrateAsync(elsewhere.Provider, elsewhere.ConnectionString, ct);

        string fromFirst;
        await using (var first = Frontend(database.ConnectionString))
        await using (var second = Frontend(database.ConnectionString))
        {
            fromFirst = Protector(first).Protect("0123456789abcdef0123456789abcdef");
            var fromSecond = Protector(second).Protect("fedcba9876543210fedcba9876543210");

            Assert.Equal("0123456789abcdef0123456789abcdef", Protector(second).Unprotect(fromFirst));
            Assert.Equal("fedcba9876543210fedcba9876543210", Protector(first).Unprotect(fromSecond));
        }
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM data_protection_keys"));

        await using var restarted = Frontend(database.ConnectionString);
        Assert.Equal("0123456789abcdef0123456789abcdef", Protector(restarted).Unprotect(fromFirst));
        await using var otherDeployment = Frontend(elsewhere.ConnectionString);
        Assert.ThrowsAny<CryptographicException>(() => Protector(otherDeployment).Unprotect(fromFirst));
    }

    private static ServiceProvider Frontend(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(_ => AppDatabase.ForPostgres(connectionString));
        services.AddKeyRingInDatabase(sp => sp.GetRequiredService<AppDatabase>());
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider frontend) =>
        frontend.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
