using System.Data.Common;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Accounts in the <c>users</c> table; the same SQL on PostgreSQL and SQLite.</summary>
public sealed class UserStore(AppDatabase database)
{
    private const string Columns = "id, login, display_name, password_hash, role, counter_id, created_at, phone_verified_at";

    /// <summary>Stores <paramref name="user"/>; false (nothing written) if its login is already taken.</summary>
    public Task<bool> TryCreateAsync(UserAccount user, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Sql.Command(connection,
                $"INSERT INTO users ({Columns}) VALUES (@id, @login, @name, @hash, @role, @counter, @created, @verified) ON CONFLICT DO NOTHING",
                ("@id", user.Id), ("@login", user.Login), ("@name", user.DisplayName), ("@hash", user.PasswordHash),
                ("@role", user.Role), ("@counter", user.CounterId), ("@created", user.CreatedAt.ToUnixTimeMilliseconds()),
                ("@verified", user.PhoneVerifiedAt?.ToUnixTimeMilliseconds()));
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, ct);

    public Task<UserAccount?> FindByLoginAsync(string login, CancellationToken ct = default) =>
        FindAsync("login", login, ct);

    public Task<UserAccount?> FindByIdAsync(string id, CancellationToken ct = default) =>
        FindAsync("id", id, ct);

    /// <summary>Replaces the password hash of <paramref name="userId"/> (demo accounts get a new password each start).</summary>
    public Task SetPasswordHashAsync(string userId, string passwordHash, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Sql.Command(connection, "UPDATE users SET password_hash = @hash WHERE id = @id",
                ("@hash", passwordHash), ("@id", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>Records that the account's phone was proven by an SMS code at <paramref name="at"/>.</summary>
    public Task MarkPhoneVerifiedAsync(string userId, DateTimeOffset at, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Sql.Command(connection, "UPDATE users SET phone_verified_at = @at WHERE id = @id",
                ("@at", at.ToUnixTimeMilliseconds()), ("@id", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    private Task<UserAccount?> FindAsync(string column, string value, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = Sql.Command(connection, $"SELECT {Columns} FROM users WHERE {column} = @value", ("@value", value));
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? Read(reader) : null;
        }, ct);

    private static UserAccount Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));
}
