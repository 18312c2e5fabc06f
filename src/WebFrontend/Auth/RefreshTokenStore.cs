using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>How presenting a refresh token went.</summary>
public enum RefreshOutcome
{
    Rotated,
    Unknown,
    Expired,
    Revoked,

    /// <summary>The token had been spent already: someone replayed it, so its whole family is now revoked.</summary>
    Reused,
}

/// <summary>The result of <see cref="RefreshTokenStore.RotateAsync"/>: on success the user and the replacement token.</summary>
public sealed record RefreshResult(RefreshOutcome Outcome, string? UserId = null, IssuedRefreshToken? Next = null);

/// <summary>A refresh token as handed to the client (the store keeps only its hash).</summary>
public sealed record IssuedRefreshToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Rotating refresh tokens in <c>refresh_tokens</c>, stored as SHA-256 hashes. Each token can be spent once; a login
/// starts a family, each rotation adds to it, and presenting a spent token revokes the family, so a stolen token
/// and the one its thief (or victim) got in exchange both die.
/// </summary>
public sealed class RefreshTokenStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>Starts a new family for <paramref name="userId"/> (a login).</summary>
    public Task<IssuedRefreshToken> IssueAsync(string userId, TimeSpan lifetime, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var issued = await InsertAsync(transaction, userId, NewId(), lifetime, token);
            await transaction.CommitAsync(token);
            return issued;
        }, ct);

    /// <summary>Spends <paramref name="presented"/> and issues its successor in the same family, or says why not.</summary>
    public Task<RefreshResult> RotateAsync(string presented, TimeSpan lifetime, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await SpendAsync(transaction, Hash(presented), lifetime, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct);

    private async Task<RefreshResult> SpendAsync(DbTransaction transaction, string hash, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // Spending is one conditional UPDATE, so two concurrent refreshes with the same token cannot both win.
        string? userId = null, familyId = null;
        await using (var spend = SqlCommands.Command(transaction,
                         "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now RETURNING user_id, family_id",
                         ("@now", now), ("@hash", hash)))
        await using (var reader = await spend.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                (userId, familyId) = (reader.GetString(0), reader.GetString(1));
            }
        }
        if (userId is not null)
        {
            return new RefreshResult(RefreshOutcome.Rotated, userId, await InsertAsync(transaction, userId, familyId!, lifetime, ct));
        }

        bool spent, revoked, expired;
        await using (var look = SqlCommands.Command(transaction,
                         "SELECT family_id, used_at, revoked_at, expires_at FROM refresh_tokens WHERE token_hash = @hash", ("@hash", hash)))
        await using (var row = await look.ExecuteReaderAsync(ct))
        {
            if (!await row.ReadAsync(ct))
            {
                return new RefreshResult(RefreshOutcome.Unknown);
            }
            (familyId, spent, revoked, expired) = (row.GetString(0), !row.IsDBNull(1), !row.IsDBNull(2), row.GetInt64(3) <= now);
        }
        if (revoked)
        {
            return new RefreshResult(RefreshOutcome.Revoked);
        }
        if (spent)
        {
            await using var revoke = SqlCommands.Command(transaction,
                "UPDATE refresh_tokens SET revoked_at = @now WHERE family_id = @family AND revoked_at IS NULL", ("@now", now), ("@family", familyId));
            await revoke.ExecuteNonQueryAsync(ct);
            return new RefreshResult(RefreshOutcome.Reused);
        }
        return new RefreshResult(expired ? RefreshOutcome.Expired : RefreshOutcome.Unknown);
    }

    /// <summary>Revokes the family of <paramref name="presented"/> (sign-out); does nothing for an unknown token.</summary>
    public Task RevokeAsync(string presented, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                "UPDATE refresh_tokens SET revoked_at = @now WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = @hash)",
                ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("@hash", Hash(presented)));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>Revokes every live refresh token of <paramref name="userId"/> (account disabled or password reset).</summary>
    public Task<int> RevokeAllAsync(string userId, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL",
                ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("@user", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    private async Task<IssuedRefreshToken> InsertAsync(
        DbTransaction transaction, string userId, string familyId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var issued = new IssuedRefreshToken(Base64Url(RandomNumberGenerator.GetBytes(32)), now + lifetime);
        await using var command = SqlCommands.Command(transaction,
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (@hash, @family, @user, @created, @expires)",
            ("@hash", Hash(issued.Token)), ("@family", familyId), ("@user", userId),
            ("@created", now.ToUnixTimeMilliseconds()), ("@expires", issued.ExpiresAt.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(ct);
        return issued;
    }

    // 256 random bits: no salt or slow hash needed, a fast hash only keeps a database leak from yielding usable tokens.
    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
