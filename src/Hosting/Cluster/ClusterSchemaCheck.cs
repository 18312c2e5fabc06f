using DiuParibahan.Hosting.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DiuParibahan.Hosting.Cluster;

/// <summary>
/// A web frontend in cluster mode does not migrate (the silos own the schema), but it should still refuse to start with
/// one clear line when its database is unreachable, the connection string is wrong or no silo has created the schema
/// yet, rather than retrying a gateway query that can never work. Runs in the host's "starting" phase, before the
/// Orleans client connects.
/// </summary>
internal sealed class ClusterSchemaCheck(string connectionString) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"Invalid PostgreSQL connection string (ConnectionStrings:Orleans): {e.Message}", e);
        }
        var where = $"PostgreSQL database '{settings.Database}' at {settings.Host}:{settings.Port}";
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new StartupException(SchemaMigrator.DescribeConnectFailure(e, settings, where), e);
        }
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansquery WHERE querykey = 'GatewaysQueryKey'", connection);
        try
        {
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) == 0)
            {
                throw new StartupException($"{where} has no Orleans clustering queries: start a silo first, it creates the schema.");
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new StartupException($"{where} has no schema yet: start a silo first, it creates the schema.", e);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class ClusterSchemaCheckExtensions
{
    /// <summary>Fails start-up with a <see cref="StartupException"/> unless the cluster database is reachable and migrated.</summary>
    public static IServiceCollection AddClusterSchemaCheck(this IServiceCollection services, string connectionString) =>
        services.AddSingleton<IHostedService>(new ClusterSchemaCheck(connectionString));
}
