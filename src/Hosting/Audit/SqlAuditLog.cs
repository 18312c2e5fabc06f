using System.Data.Common;
using System.Globalization;
using System.Text;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Audit;

/// <summary>
/// The audit log in the <c>audit_log</c> table (migration <c>0058_audit_log.sql</c>); the same SQL on PostgreSQL and
/// SQLite, times as Unix milliseconds.
/// </summary>
public sealed class SqlAuditLog(AppDatabase database) : IAuditLog
{
    private const string Columns = "id, at, actor_id, actor_login, actor_role, action, target, reason, before_summary, after_summary";

    public Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                "INSERT INTO audit_log (at, actor_id, actor_login, actor_role, action, target, reason, before_summary, after_summary) "
                + "VALUES (@at, @actorId, @login, @role, @action, @target, @reason, @before, @after)",
                ("@at", entry.At.ToUnixTimeMilliseconds()), ("@actorId", entry.ActorId), ("@login", entry.ActorLogin),
                ("@role", entry.ActorRole), ("@action", entry.Action), ("@target", entry.Target), ("@reason", entry.Reason),
                ("@before", entry.Before), ("@after", entry.After));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, AuditQuery.MaxPageSize);
        var where = new StringBuilder("WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        // Conditions are added only when given: PostgreSQL cannot type a null parameter in "@x IS NULL OR …".
        if (query.From is { } from)
        {
            where.Append(" AND at >= @from");
            parameters.Add(("@from", from.ToUnixTimeMilliseconds()));
        }
        if (query.To is { } to)
        {
            where.Append(" AND at < @to");
            parameters.Add(("@to", to.ToUnixTimeMilliseconds()));
        }
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            where.Append(" AND actor_login = @actor");
            parameters.Add(("@actor", query.Actor.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            where.Append(" AND target = @target");
            parameters.Add(("@target", query.Target.Trim()));
        }
        // One row more than the page tells whether an older page exists without counting the whole log.
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {Columns} FROM audit_log {where} ORDER BY id DESC LIMIT {size + 1} OFFSET {(long)(page - 1) * size}");
        return database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection, sql, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(token);
            var items = new List<StoredAuditEntry>();
            while (await reader.ReadAsync(token))
            {
                items.Add(Read(reader));
            }
            var more = items.Count > size;
            return new AuditPage(more ? items[..size] : items, page, size, more);
        }, ct);
    }

    private static StoredAuditEntry Read(DbDataReader r) => new(r.GetInt64(0), new AuditEntry(
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.GetString(6), Text(r, 7), Text(r, 8), Text(r, 9)));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

}
