using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// The product's own tables (users, refresh tokens, …) on the database the silo uses: the SQLite file in embedded
/// mode, PostgreSQL in a cluster. The schema comes from the migrations the silo applies at start.
/// </summary>
/// <remarks>
/// On SQLite every unit of work takes the file's single-writer gate, the same one grain storage and the event store
/// queue on, so a login never competes with grain writes inside SQLite's busy wait.
/// </remarks>
public sealed class AppDatabase : IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SqliteGate? _gate;

    private AppDatabase(DbDataSource dataSource, DatabaseProvider provider, SqliteGate? gate)
    {
        _dataSource = dataSource;
        Provider = provider;
        _gate = gate;
    }

    /// <summary>Which dialect the SQL must speak, for the few statements that differ.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The PostgreSQL database of <paramref name="connectionString"/> (cluster mode).</summary>
    public static AppDatabase ForPostgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AppDatabase(NpgsqlDataSource.Create(connectionString), DatabaseProvider.PostgreSql, null);
    }

    /// <summary>The embedded-mode SQLite file at <paramref name="databasePath"/>, as the silo opens it.</summary>
    public static AppDatabase ForSqliteFile(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var connectionString = SqliteDatabase.ConnectionString(databasePath);
        return new AppDatabase(
            SqliteFactory.Instance.CreateDataSource(connectionString), DatabaseProvider.Sqlite, SqliteGate.For(connectionString));
    }

    /// <summary>The connection string the silo and this class use for the embedded-mode SQLite file (for migrating it first).</summary>
    public static string SqliteConnectionString(string databasePath) => SqliteDatabase.ConnectionString(databasePath);

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection (its own transaction is up to the work) and returns its result.
    /// </summary>
    public Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _gate is null ? RunCoreAsync(work, cancellationToken) : _gate.RunAsync(() => RunCoreAsync(work, cancellationToken), cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> RunCoreAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }
}
