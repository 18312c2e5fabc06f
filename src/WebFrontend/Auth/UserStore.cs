using System.Data.Common;
using DiuParibahan.Hosting.Storage;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>Accounts in the <c>users</c> table; the same SQL on PostgreSQL and SQLite.</summary>
public sealed class UserStore(AppDatabase database)
{
    private const string Columns = "id, login, display_name, password_hash, role, counter_id, created_at, disabled_at, password_change_required, phone_verified_at";

    /// <summary>Stores <paramref name="user"/>; false (nothing written) if its login is already taken.</summary>
    public Task<bool> TryCreateAsync(UserAccount user, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                $"INSERT INTO users ({Columns}) VALUES (@id, @login, @name, @hash, @role, @counter, @created, @disabled, @change, @verified) ON CONFLICT DO NOTHING",
                ("@id", user.Id), ("@login", user.Login), ("@name", user.DisplayName), ("@hash", user.PasswordHash),
                ("@role", user.Role), ("@counter", user.CounterId), ("@created", user.CreatedAt.ToUnixTimeMilliseconds()),
                ("@disabled", user.DisabledAt?.ToUnixTimeMilliseconds()), ("@change", user.PasswordChangeRequired ? 1 : 0),
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
            await using var command = SqlCommands.Command(connection, "UPDATE users SET password_hash = @hash WHERE id = @id",
                ("@hash", passwordHash), ("@id", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>Sets a new password; <paramref name="changeRequired"/> marks it temporary (it must be changed before anything else).</summary>
    public Task SetPasswordAsync(string userId, string passwordHash, bool changeRequired, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                "UPDATE users SET password_hash = @hash, password_change_required = @change WHERE id = @id",
                ("@hash", passwordHash), ("@change", changeRequired ? 1 : 0), ("@id", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    /// <summary>Every staff account (clerk, supervisor, ops), oldest first.</summary>
    public Task<List<UserAccount>> ListStaffAsync(CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection,
                $"SELECT {Columns} FROM users WHERE role IN ('clerk', 'supervisor', 'ops') ORDER BY created_at, login");
            await using var reader = await command.ExecuteReaderAsync(token);
            var staff = new List<UserAccount>();
            while (await reader.ReadAsync(token))
            {
                staff.Add(Read(reader));
            }
            return staff;
        }, ct);

    /// <summary>
    /// Stores a staff account's role, counter and disabled state; false (nothing written) if that would leave no
    /// enabled ops account, or the account does not exist.
    /// </summary>
    public Task<bool> TryUpdateStaffAsync(UserAccount user, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            var staysOps = user.Role == Roles.Ops && user.DisabledAt is null;
            // The last-ops rule lives in the statement, so the check and the write cannot be split by another change.
            await using var command = SqlCommands.Command(connection,
                "UPDATE users SET role = @role, counter_id = @counter, disabled_at = @disabled WHERE id = @id AND (@staysOps = 1 OR "
                + "(SELECT COUNT(*) FROM users WHERE role = 'ops' AND disabled_at IS NULL AND id <> @id) > 0)",
                ("@role", user.Role), ("@counter", user.CounterId), ("@disabled", user.DisabledAt?.ToUnixTimeMilliseconds()),
                ("@id", user.Id), ("@staysOps", staysOps ? 1 : 0));
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, ct);

    /// <summary>Records that the account's phone was proven by an SMS code at <paramref name="at"/>.</summary>
    public Task MarkPhoneVerifiedAsync(string userId, DateTimeOffset at, CancellationToken ct = default) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection, "UPDATE users SET phone_verified_at = @at WHERE id = @id",
                ("@at", at.ToUnixTimeMilliseconds()), ("@id", userId));
            return await command.ExecuteNonQueryAsync(token);
        }, ct);

    private Task<UserAccount?> FindAsync(string column, string value, CancellationToken ct) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = SqlCommands.Command(connection, $"SELECT {Columns} FROM users WHERE {column} = @value", ("@value", value));
            await using var reader = await command.ExecuteReaderAsync(token);
            return await reader.ReadAsync(token) ? Read(reader) : null;
        }, ct);

    private static UserAccount Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        Convert.ToInt64(reader.GetValue(8), System.Globalization.CultureInfo.InvariantCulture) != 0,
        reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));
}
