using DiuParibahan.Hosting.Storage;
using DiuParibahan.Hosting.Tests.Fixtures;
using DiuParibahan.Testing;
using Npgsql;

namespace DiuParibahan.Hosting.Tests.Storage;

public sealed class StartupErrorTests(PostgresServer server)
{
    [Fact]
    public async Task SiloStart_WhenPostgresIsUnreachable_ThrowsStartupExceptionNamingHostPortAndDatabase()
    {
        var port = FreePort.Next(); // nothing listens there
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Database = "diu_tickets", Username = "diu", Password = "hunter2-secret",
        }.ConnectionString;
        using var host = TestSilo.Build(silo => silo.UsePostgresPersistence(connectionString));

        var error = await Assert.ThrowsAsync<StartupException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("diu_tickets", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Migrate_WhenDatabaseDoesNotExist_SaysSo()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => SchemaMigrator.MigrateAsync(
            DatabaseProvider.PostgreSql, server.GetConnectionString("no_such_db"), TestContext.Current.CancellationToken));

        Assert.Contains("'no_such_db'", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Migrate_WithMalformedConnectionString_ThrowsStartupException()
    {
        var error = await Assert.ThrowsAsync<StartupException>(() => SchemaMigrator.MigrateAsync(
            DatabaseProvider.PostgreSql, "Hots=db.example;Pasword=x", TestContext.Current.CancellationToken));

        Assert.StartsWith("Invalid PostgreSQL connection string", error.Message);
    }

    [Fact]
    public async Task SiloStart_WhenSqliteFolderCannotBeCreated_ThrowsStartupExceptionNamingTheFile()
    {
        // /proc refuses new folders even to root.
        using var host = TestSilo.Build(silo =>
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next()).UseSqlitePersistence("/proc/diu-nowhere/diu.db"));

        var error = await Assert.ThrowsAsync<StartupException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("/proc/diu-nowhere/diu.db", error.Message);
    }
}
