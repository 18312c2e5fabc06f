using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DiuParibahan.Hosting.Storage;

/// <summary>
/// Brings a database up to the schema in <c>deploy/sql/&lt;provider&gt;/NNNN_description.sql</c> (embedded in this
/// assembly): applies, in file-name order, every script whose version (the <c>NNNN</c>) is not yet recorded in
/// <c>schema_migrations</c>, each in its own transaction together with its record.
/// </summary>
/// <remarks>
/// Idempotent: a second run applies nothing. Safe when several processes start at once: on PostgreSQL they queue
/// on an advisory lock; on SQLite each script runs in an immediate (write-locked) transaction that re-checks the
/// record first. Scripts are append-only: once released, a script is never edited; a change is a new script.
/// </remarks>
public static partial class SchemaMigrator
{
    // Any key works; it only has to be the same for every process migrating the same database ("DiuParib" in hex).
    private const string AcquireLock = "SELECT pg_advisory_lock(4929600255226440034)";
    private const string ReleaseLock = "SELECT pg_advisory_unlock(4929600255226440034)";

    /// <summary>
    /// Applies the missing migrations of <paramref name="provider"/> to the database of
    /// <paramref name="connectionString"/> and returns the versions it applied (empty when the schema was current).
    /// For SQLite the file (and its folder) is created if missing and switched to write-ahead logging.
    /// </summary>
    /// <exception cref="StartupException">
    /// The connection string is invalid, the database cannot be reached or opened, or a script fails; the message
    /// names the host, port and database (or the file), never the password.
    /// </exception>
    public static Task<IReadOnlyList<string>> MigrateAsync(
        DatabaseProvider provider, string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var scripts = LoadScripts(provider);
        return provider switch
        {
            DatabaseProvider.PostgreSql => MigratePostgresAsync(connectionString, scripts, cancellationToken),
            DatabaseProvider.Sqlite => MigrateSqliteAsync(connectionString, scripts, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    private static async Task<IReadOnlyList<string>> MigratePostgresAsync(
        string connectionString, IReadOnlyList<Script> scripts, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"Invalid PostgreSQL connection string: {e.Message}", e);
        }

        var where = $"PostgreSQL database '{settings.Database}' at {settings.Host}:{settings.Port}";
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new StartupException(DescribeConnectFailure(e, settings, where), e);
        }

        try
        {
            await ExecuteAsync(connection, null, AcquireLock, cancellationToken);
            try
            {
                await ExecuteAsync(connection, null,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL)",
                    cancellationToken);
                var applied = await ReadAppliedAsync(connection, null, cancellationToken);
                var done = new List<string>();
                foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
                {
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    try
                    {
                        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                        await RecordAsync(connection, transaction, script.Version, "now()", cancellationToken);
                        await transaction.CommitAsync(cancellationToken);
                    }
                    catch (NpgsqlException e)
                    {
                        throw new StartupException($"Migration {script.Name} failed on {where}: {MessageOf(e)}", e);
                    }

                    done.Add(script.Version);
                }

                return done;
            }
            finally
            {
                await ReleaseLockAsync(connection);
            }
        }
        catch (NpgsqlException e)
        {
            throw new StartupException($"Cannot migrate {where}: {MessageOf(e)}", e);
        }
    }

    // The connection goes back to the pool, so the session-level lock must be released explicitly; a broken
    // session has lost its locks already.
    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, null, ReleaseLock, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
        }
    }

    internal static string MessageOf(NpgsqlException e) => e is PostgresException pg ? pg.MessageText : e.Message;

    internal static string DescribeConnectFailure(Exception e, NpgsqlConnectionStringBuilder settings, string where) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            $"{where}: the database does not exist.",
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
            $"{where}: login failed for user '{settings.Username}'.",
        PostgresException pg => $"{where}: {pg.MessageText}",
        NpgsqlException { InnerException: SocketException socket } =>
            $"Cannot reach {where}: {socket.Message}.",
        NpgsqlException { InnerException: TimeoutException } =>
            $"Cannot reach {where}: no answer within {settings.Timeout} s.",
        _ => $"Cannot connect to {where}: {e.Message}",
    };

    private static async Task<IReadOnlyList<string>> MigrateSqliteAsync(
        string connectionString, IReadOnlyList<Script> scripts, CancellationToken cancellationToken)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString).DataSource;
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"Invalid SQLite connection string: {e.Message}", e);
        }

        SqliteDatabase.EnsureCreated(connectionString);
        var where = $"SQLite database '{SqliteDatabase.PathOf(connectionString)}'";
        await using var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new StartupException($"Cannot open {where}: {e.Message}", e);
        }

        var done = new List<string>();
        foreach (var script in scripts)
        {
            try
            {
                // Immediate transaction: takes the write lock before reading, so a concurrent migrator waits here
                // and then sees the version recorded.
                await using var transaction = connection.BeginTransaction(deferred: false);
                if ((await ReadAppliedAsync(connection, transaction, cancellationToken)).Contains(script.Version))
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await RecordAsync(connection, transaction, script.Version, "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (SqliteException e)
            {
                throw new StartupException($"Migration {script.Name} failed on {where}: {e.Message}", e);
            }

            done.Add(script.Version);
        }

        return done;
    }

    private static async Task<HashSet<string>> ReadAppliedAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetString(0));
        }

        return applied;
    }

    private static async Task RecordAsync(
        DbConnection connection, DbTransaction transaction, string version, string now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO schema_migrations (version, applied_at) VALUES (@version, {now})";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@version";
        parameter.Value = version;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Script> LoadScripts(DatabaseProvider provider)
    {
        // Resource names come from Hosting.csproj: sql/<provider folder>/<file name>.
        var prefix = provider switch
        {
            DatabaseProvider.PostgreSql => "sql/postgresql/",
            DatabaseProvider.Sqlite => "sql/sqlite/",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var match = ScriptName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(match.Groups["version"].Value, name, reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Migration version {duplicate.Key} is used by {string.Join(" and ", duplicate.Select(s => s.Name))}.");
        }

        return scripts.Count > 0
            ? scripts
            : throw new InvalidOperationException($"No migration scripts embedded under '{prefix}'.");
    }

    [GeneratedRegex(@"^(?<version>\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex ScriptName();

    private sealed record Script(string Version, string Name, string Sql);
}
