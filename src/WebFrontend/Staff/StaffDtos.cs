using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>
/// A new staff account. <paramref name="Role"/>: clerk, supervisor or ops; <paramref name="CounterId"/> (a counter
/// stop) is required for clerks, optional for supervisors (who then may sell there) and not allowed for ops. Without
/// <paramref name="Password"/> a temporary one is generated and returned once.
/// </summary>
public sealed record CreateStaffRequest(string? Name, string? Login, string? Role, string? CounterId, string? Password);

/// <summary>
/// Changes to a staff account; absent fields stay as they are. <paramref name="CounterId"/> "" removes the counter
/// (supervisors only). <paramref name="Disabled"/> true disables the account and ends its sessions at once.
/// </summary>
public sealed record UpdateStaffRequest(string? Role, string? CounterId, bool? Disabled, string? Reason);

/// <summary>A staff account as ops see it (never its password hash).</summary>
public sealed record StaffDto(string Id, string Name, string Login, string Role, string? CounterId, DateTimeOffset CreatedAt,
    bool Disabled, DateTimeOffset? DisabledAt, bool PasswordChangeRequired)
{
    public static StaffDto Of(UserAccount u) =>
        new(u.Id, u.DisplayName, u.Login, u.Role, u.CounterId, u.CreatedAt, u.DisabledAt is not null, u.DisabledAt, u.PasswordChangeRequired);
}

/// <summary>
/// A created account or reset password. <paramref name="TemporaryPassword"/> is shown this once (null when ops chose
/// the password); signing in with it asks for a new one.
/// </summary>
public sealed record StaffCredentialsDto(StaffDto Staff, string? TemporaryPassword);
