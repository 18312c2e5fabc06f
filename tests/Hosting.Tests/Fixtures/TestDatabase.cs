using System.Data.Common;
using System.Net;
using DiuParibahan.Hosting.Storage;
using DiuParibahan.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DiuParibahan.Hosting.Tests.Fixtures;

/// <summary>A fresh, empty database of one provider, and how a silo uses it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Clustering suitable for one test silo plus this database's persistence.</summary>
    public abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Runs SQL out of band (behind the silo's back) and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql));

    /// <summary>Runs SQL out of band and returns the first column of every row, as text.</summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string sql)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return values;
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract DbConnection CreateConnection();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "diu-sqlite-" + Guid.NewGuid().ToString("N"));

    /// <summary>In a folder that does not exist yet: the silo must create it.</summary>
    public string FilePath => Path.Combine(_folder, "data", "diu.db");

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();

    public override void ConfigureSilo(ISiloBuilder silo) =>
        silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next()).UseSqlitePersistence(FilePath);

    public override ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresTestDatabase(string connectionString) => ConnectionString = connectionString;

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync(PostgresServer server) =>
        new(await server.CreateDatabaseAsync("t_" + Guid.NewGuid().ToString("N")));

    public override void ConfigureSilo(ISiloBuilder silo) =>
        silo.ConfigureEndpoints(IPAddress.Loopback, FreePort.Next(), FreePort.Next()).UsePostgresPersistence(ConnectionString);

    protected override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);
}
