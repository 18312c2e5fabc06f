using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Why a code was not issued, and how long until one can be.</summary>
public sealed record OtpRefusal(OtpRefusalReason Reason, TimeSpan RetryAfter);

public enum OtpRefusalReason
{
    /// <summary>A code was sent to this phone less than the cool-down ago.</summary>
    Cooldown,

    /// <summary>This phone was sent its hourly quota of codes.</summary>
    HourlyLimit,
}

/// <summary>
/// The current sign-in code per phone in table <c>otp_codes</c>, the same SQL on PostgreSQL and SQLite. Only a keyed
/// hash of the code is stored. Every decision is one conditional statement, so two frontends racing on one phone
/// cannot both send past the cool-down, nor both spend one code.
/// </summary>
public sealed class OtpCodeStore(AppDatabase database)
{
    /// <summary>
    /// Stores <paramref name="codeHash"/> as the phone's code (replacing an earlier one and its wrong tries) unless the
    /// cool-down or the hourly cap forbids; null when stored, else why not.
    /// </summary>
    public Task<OtpRefusal?> TryIssueAsync(string phone, string codeHash, DateTimeOffset now, OtpOptions options, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            var at = now.ToUnixTimeMilliseconds();
            var hourAgo = (now - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds();
            var cooledBy = (now - options.ResendCooldown).ToUnixTimeMilliseconds();
            await using (var upsert = SqlCommands.Command(connection,
                """
                INSERT INTO otp_codes (phone, code_hash, expires_at, attempts, sent_at, window_start, window_count)
                VALUES (@phone, @hash, @expires, 0, @now, @now, 1)
                ON CONFLICT (phone) DO UPDATE SET
                    code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, sent_at = excluded.sent_at,
                    window_count = CASE WHEN otp_codes.window_start > @hourAgo THEN otp_codes.window_count + 1 ELSE 1 END,
                    window_start = CASE WHEN otp_codes.window_start > @hourAgo THEN otp_codes.window_start ELSE @now END
                WHERE otp_codes.sent_at <= @cooledBy
                  AND (otp_codes.window_start <= @hourAgo OR otp_codes.window_count < @perHour)
                """,
                ("@phone", phone), ("@hash", codeHash), ("@expires", (now + options.CodeLifetime).ToUnixTimeMilliseconds()),
                ("@now", at), ("@hourAgo", hourAgo), ("@cooledBy", cooledBy), ("@perHour", options.MaxCodesPerHour)))
            {
                if (await upsert.ExecuteNonQueryAsync(token) == 1)
                {
                    return null;
                }
            }
            await using var read = SqlCommands.Command(connection,
                "SELECT sent_at, window_start, window_count FROM otp_codes WHERE phone = @phone", ("@phone", phone));
            await using var reader = await read.ExecuteReaderAsync(token);
            if (!await reader.ReadAsync(token))
            {
                // Deleted between the two statements (spent or purged): the caller may simply ask again.
                return new OtpRefusal(OtpRefusalReason.Cooldown, TimeSpan.FromSeconds(1));
            }
            // Null only if another request changed the row in between: the caller may simply ask again.
            return RefusalOf(reader, now, options) ?? new OtpRefusal(OtpRefusalReason.Cooldown, TimeSpan.FromSeconds(1));
        }, ct);

    /// <summary>
    /// What <see cref="TryIssueAsync"/> would refuse now, without issuing anything: lets a code request hear about the
    /// phone's cool-down or hourly cap before it is asked to pay for a code with a puzzle. Advisory; the issue itself
    /// decides under races.
    /// </summary>
    public Task<OtpRefusal?> CheckAsync(string phone, DateTimeOffset now, OtpOptions options, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var read = SqlCommands.Command(connection,
                "SELECT sent_at, window_start, window_count FROM otp_codes WHERE phone = @phone", ("@phone", phone));
            await using var reader = await read.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? RefusalOf(reader, now, options) : null;
        }, ct);

    // Columns sent_at, window_start and window_count of a phone's row, judged as the issue's WHERE clause judges them.
    private static OtpRefusal? RefusalOf(System.Data.Common.DbDataReader reader, DateTimeOffset now, OtpOptions options)
    {
        var sentAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0));
        var windowStart = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
        if (sentAt + options.ResendCooldown > now)
        {
            return new OtpRefusal(OtpRefusalReason.Cooldown, sentAt + options.ResendCooldown - now);
        }
        var windowOpen = windowStart + TimeSpan.FromHours(1) > now;
        var full = Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) >= options.MaxCodesPerHour;
        return windowOpen && full ? new OtpRefusal(OtpRefusalReason.HourlyLimit, windowStart + TimeSpan.FromHours(1) - now) : null;
    }

    /// <summary>
    /// Spends the phone's code if <paramref name="codeHash"/> is it, it has not expired and has tries left (the row is
    /// deleted, so the code cannot be used twice); otherwise counts one wrong try against a live code. True if spent.
    /// </summary>
    public Task<bool> TrySpendAsync(string phone, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            var at = now.ToUnixTimeMilliseconds();
            await using (var spend = SqlCommands.Command(connection,
                "DELETE FROM otp_codes WHERE phone = @phone AND code_hash = @hash AND expires_at > @now AND attempts < @max",
                ("@phone", phone), ("@hash", codeHash), ("@now", at), ("@max", maxAttempts)))
            {
                if (await spend.ExecuteNonQueryAsync(token) == 1)
                {
                    return true;
                }
            }
            await using var wrong = SqlCommands.Command(connection,
                "UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = @phone AND expires_at > @now AND attempts < @max",
                ("@phone", phone), ("@now", at), ("@max", maxAttempts));
            await wrong.ExecuteNonQueryAsync(token);
            return false;
        }, ct);

    /// <summary>The stored hash for <paramref name="phone"/>, or null (for tests that check what is at rest).</summary>
    public Task<string?> FindHashAsync(string phone, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection, "SELECT code_hash FROM otp_codes WHERE phone = @phone", ("@phone", phone));
            return await command.ExecuteScalarAsync(token) as string;
        }, ct);

    /// <summary>Deletes rows whose code expired and whose hourly window closed before <paramref name="before"/>.</summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            var at = before.ToUnixTimeMilliseconds();
            await using var command = SqlCommands.Command(connection,
                "DELETE FROM otp_codes WHERE expires_at < @at AND window_start < @windowEdge",
                ("@at", at), ("@windowEdge", (before - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);
}
