using System.Data.Common;
using System.Text;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// The <c>notification_outbox</c> table, the same SQL on PostgreSQL and SQLite (times in Unix milliseconds). On
/// SQLite every call takes the file's single-writer gate; on PostgreSQL claims skip rows another dispatcher has locked.
/// </summary>
public sealed class OutboxStore(AppDatabase database)
{
    /// <summary>Rows per page of <see cref="ListAsync"/>.</summary>
    public const int PageSize = 50;

    private const int MaxErrorLength = 500;

    private const string Columns = "id, idempotency_key, pnr, kind, channel, recipient, language, subject, body_text, body_html, "
                                   + "status, attempts, next_attempt_at, last_error, created_at, sent_at";

    /// <summary>
    /// Stores each draft as a pending message due at <paramref name="now"/>, unless a message with its idempotency key
    /// exists (then that one is kept untouched). Returns how many were new. All or none.
    /// </summary>
    public Task<int> EnqueueAsync(IReadOnlyList<OutboxDraft> drafts, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return Task.FromResult(0);
        }
        return database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var added = 0;
            foreach (var d in drafts)
            {
                await using var command = Command(connection, transaction,
                    "INSERT INTO notification_outbox (idempotency_key, pnr, kind, channel, recipient, language, subject, body_text, "
                    + "body_html, status, attempts, next_attempt_at, created_at) VALUES (@key, @pnr, @kind, @channel, @recipient, "
                    + "@language, @subject, @text, @html, @status, 0, @now, @now) ON CONFLICT (idempotency_key) DO NOTHING",
                    ("@key", d.IdempotencyKey), ("@pnr", d.Pnr), ("@kind", d.Kind), ("@channel", d.Channel), ("@recipient", d.Recipient),
                    ("@language", d.Language), ("@subject", d.Subject), ("@text", d.BodyText), ("@html", d.BodyHtml),
                    ("@status", OutboxStatus.Pending), ("@now", now.ToUnixTimeMilliseconds()));
                added += await command.ExecuteNonQueryAsync(token);
            }
            await transaction.CommitAsync(token);
            return added;
        }, ct);
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> messages that are due at <paramref name="now"/> and not leased by another
    /// dispatcher, until <paramref name="now"/> + <paramref name="lease"/>.
    /// </summary>
    public Task<OutboxClaim> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default)
    {
        var owner = Guid.NewGuid().ToString("N");
        var until = now + lease;
        // PostgreSQL: rows another dispatcher is claiming right now are skipped, not waited for. SQLite has one writer.
        var skipLocked = database.Provider == DatabaseProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        return database.RunAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                "UPDATE notification_outbox SET lease_owner = @owner, lease_until = @until WHERE id IN (SELECT id FROM notification_outbox "
                + "WHERE status IN ('pending', 'retrying') AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now) "
                + $"ORDER BY next_attempt_at, id LIMIT @max{skipLocked}) RETURNING {Columns}",
                ("@owner", owner), ("@until", until.ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()), ("@max", max));
            var messages = await ReadAllAsync(command, token);
            return new OutboxClaim(owner, until, messages.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList());
        }, ct);
    }

    /// <summary>The claimed message <paramref name="id"/> was delivered. False if the claim had passed to someone else.</summary>
    public Task<bool> MarkSentAsync(long id, string leaseOwner, DateTimeOffset now, CancellationToken ct = default) =>
        FinishAsync(id, leaseOwner, "status = @status, attempts = attempts + 1, sent_at = @now, last_error = NULL",
            ("@status", OutboxStatus.Sent), ("@now", now.ToUnixTimeMilliseconds()), ct);

    /// <summary>The claimed message <paramref name="id"/> has no configured channel: kept as recorded, never sent.</summary>
    public Task<bool> MarkRecordedAsync(long id, string leaseOwner, CancellationToken ct = default) =>
        FinishAsync(id, leaseOwner, "status = @status, last_error = NULL", ("@status", OutboxStatus.Recorded), null, ct);

    /// <summary>
    /// An attempt at the claimed message <paramref name="id"/> failed with <paramref name="error"/>: due again at
    /// <paramref name="nextAttemptAt"/>, or dead (never tried again by itself) when <paramref name="dead"/>.
    /// </summary>
    public Task<bool> MarkFailedAsync(long id, string leaseOwner, string error, DateTimeOffset nextAttemptAt, bool dead,
        CancellationToken ct = default)
    {
        var message = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        return database.RunAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                "UPDATE notification_outbox SET status = @status, attempts = attempts + 1, last_error = @error, "
                + "next_attempt_at = @retry, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = @id AND lease_owner = @owner",
                ("@status", dead ? OutboxStatus.Dead : OutboxStatus.Retrying), ("@error", message),
                ("@retry", nextAttemptAt.ToUnixTimeMilliseconds()), ("@id", id), ("@owner", leaseOwner));
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, ct);
    }

    /// <summary>Messages not sent yet that will be tried again: pending or retrying (the backlog).</summary>
    public Task<long> CountBacklogAsync(CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                "SELECT COUNT(*) FROM notification_outbox WHERE status IN (@pending, @retrying)",
                ("@pending", OutboxStatus.Pending), ("@retrying", OutboxStatus.Retrying));
            return Convert.ToInt64(await command.ExecuteScalarAsync(token));
        }, ct);

    /// <summary>Ops' "retry now": a dead or retrying message becomes due at <paramref name="now"/>.</summary>
    public Task<OutboxRetryResult> RetryNowAsync(long id, DateTimeOffset now, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                "UPDATE notification_outbox SET status = @pending, next_attempt_at = @now, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = @id AND status IN ('dead', 'retrying')",
                ("@pending", OutboxStatus.Pending), ("@now", now.ToUnixTimeMilliseconds()), ("@id", id));
            if (await command.ExecuteNonQueryAsync(token) == 1)
            {
                return OutboxRetryResult.Scheduled;
            }
            await using var exists = Command(connection, null, "SELECT COUNT(*) FROM notification_outbox WHERE id = @id", ("@id", id));
            return Convert.ToInt64(await exists.ExecuteScalarAsync(token)) == 0 ? OutboxRetryResult.NotFound : OutboxRetryResult.NotRetryable;
        }, ct);

    /// <summary>
    /// Newest first, <see cref="PageSize"/> per page (<paramref name="page"/> from 0), optionally only one
    /// <paramref name="status"/> and/or one <paramref name="pnr"/>. <c>HasMore</c> tells whether a next page exists.
    /// </summary>
    public Task<(IReadOnlyList<OutboxMessage> Messages, bool HasMore)> ListAsync(
        string? status, string? pnr, int page, CancellationToken ct = default) =>
        database.RunAsync<(IReadOnlyList<OutboxMessage>, bool)>(async (connection, token) =>
        {
            var sql = new StringBuilder($"SELECT {Columns} FROM notification_outbox WHERE 1 = 1");
            var parameters = new List<(string, object?)> { ("@limit", PageSize + 1), ("@offset", page * PageSize) };
            if (status is not null)
            {
                sql.Append(" AND status = @status");
                parameters.Add(("@status", status));
            }
            if (pnr is not null)
            {
                sql.Append(" AND pnr = @pnr");
                parameters.Add(("@pnr", pnr));
            }
            sql.Append(" ORDER BY id DESC LIMIT @limit OFFSET @offset");
            await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
            var rows = await ReadAllAsync(command, token);
            return (rows.Take(PageSize).ToList(), rows.Count > PageSize);
        }, ct);

    /// <summary>Every message of booking <paramref name="pnr"/>, oldest first.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ForBookingAsync(string pnr, CancellationToken ct = default) =>
        database.RunAsync<IReadOnlyList<OutboxMessage>>(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                $"SELECT {Columns} FROM notification_outbox WHERE pnr = @pnr ORDER BY id", ("@pnr", pnr));
            return await ReadAllAsync(command, token);
        }, ct);

    private Task<bool> FinishAsync(long id, string leaseOwner, string set, (string, object?) first, (string, object?)? second,
        CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            List<(string, object?)> parameters = [first, ("@id", id), ("@owner", leaseOwner)];
            if (second is { } extra)
            {
                parameters.Add(extra);
            }
            await using var command = Command(connection, null,
                $"UPDATE notification_outbox SET {set}, lease_owner = NULL, lease_until = NULL WHERE id = @id AND lease_owner = @owner",
                [.. parameters]);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, ct);

    private static async Task<List<OutboxMessage>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        var rows = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OutboxMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), NullableString(reader, 7), reader.GetString(8),
                NullableString(reader, 9), reader.GetString(10), reader.GetInt32(11), FromMs(reader.GetInt64(12)),
                NullableString(reader, 13), FromMs(reader.GetInt64(14)), reader.IsDBNull(15) ? null : FromMs(reader.GetInt64(15))));
        }
        return rows;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
