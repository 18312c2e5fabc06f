using System.Data.Common;
using System.Globalization;
using System.Text;
using DiuParibahan.Hosting.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// The events log in the <c>events</c> table of PostgreSQL (payload <c>jsonb</c>) or SQLite (payload JSON text,
/// access through the file's single-writer gate). The tables come from the schema migrations.
/// </summary>
public sealed class SqlEventStore : IEventStore, IAsyncDisposable
{
    // Rows per INSERT: few round trips for a big batch, far below SQLite's limit of 32,766 parameters.
    private const int RowsPerStatement = 100;

    private readonly DbDataSource _dataSource;
    private readonly DatabaseProvider _provider;
    private readonly SqliteGate? _gate;

    private SqlEventStore(DbDataSource dataSource, DatabaseProvider provider, SqliteGate? gate)
    {
        _dataSource = dataSource;
        _provider = provider;
        _gate = gate;
    }

    /// <summary>An event store on the (already migrated) database of <paramref name="connectionString"/>.</summary>
    public static SqlEventStore Create(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return provider switch
        {
            DatabaseProvider.PostgreSql => new SqlEventStore(NpgsqlDataSource.Create(connectionString), provider, null),
            DatabaseProvider.Sqlite => new SqlEventStore(
                SqliteFactory.Instance.CreateDataSource(connectionString), provider, SqliteGate.For(connectionString)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _gate is null ? AppendCoreAsync(events, ct) : _gate.RunAsync(() => AppendCoreAsync(events, ct), ct);
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task AppendCoreAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO events (occurred_at, kind, trip_id, booking_ref, actor, payload) VALUES ");
            for (var i = 0; i < chunk.Length; i++)
            {
                var e = chunk[i];
                sql.Append(i == 0 ? "" : ", ")
                    .Append(CultureInfo.InvariantCulture, $"(@o{i}, @k{i}, @t{i}, @b{i}, @a{i}, ")
                    .Append(_provider == DatabaseProvider.PostgreSql
                        ? string.Create(CultureInfo.InvariantCulture, $"CAST(@p{i} AS jsonb))")
                        : string.Create(CultureInfo.InvariantCulture, $"@p{i})"));
                Add(command, $"@o{i}", OccurredAt(e.OccurredAt));
                Add(command, $"@k{i}", e.Kind);
                Add(command, $"@t{i}", e.TripId);
                Add(command, $"@b{i}", e.BookingRef);
                Add(command, $"@a{i}", e.Actor);
                Add(command, $"@p{i}", e.PayloadJson);
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    // PostgreSQL takes a UTC DateTimeOffset for timestamptz; SQLite keeps fixed-width UTC text, so text order is
    // time order.
    private object OccurredAt(DateTimeOffset occurredAt) =>
        _provider == DatabaseProvider.PostgreSql
            ? occurredAt.ToUniversalTime()
            : occurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
