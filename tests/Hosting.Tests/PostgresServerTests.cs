using DiuParibahan.Testing;
using Npgsql;

namespace DiuParibahan.Hosting.Tests;

/// <summary>Stopping the shared server would break other tests, so this collection runs alone.</summary>
[CollectionDefinition(nameof(PostgresRestart), DisableParallelization = true)]
public sealed class PostgresRestart;

[Collection(nameof(PostgresRestart))]
public sealed class PostgresServerTests(PostgresServer server)
{
    [Fact]
    public async Task StopAndStart_KeepsPortAndData()
    {
        var ct = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync("t_" + Guid.NewGuid().ToString("N"));
        await ExecuteAsync(connectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1);", ct);

        await server.StopAsync();
        NpgsqlConnection.ClearAllPools();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(connectionString, "SELECT 1", ct));
        await server.StartAsync();

        Assert.Equal(1, await ExecuteAsync(connectionString, "SELECT id FROM kept", ct));
    }

    private static async Task<object?> ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }
}
