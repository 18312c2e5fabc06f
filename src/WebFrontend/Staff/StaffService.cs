using DiuParibahan.Grains.Catalog;
using DiuParibahan.WebFrontend.Auth;
using DiuParibahan.WebFrontend.Trips;
using Microsoft.AspNetCore.Identity;

namespace DiuParibahan.WebFrontend.Staff;

/// <summary>
/// Staff accounts as ops manage them: create (with a chosen or a temporary password), change role or counter, disable
/// (sessions end at once), reset the password. Every refusal leaves the account as it was.
/// </summary>
public sealed partial class StaffService(
    UserStore users,
    RefreshTokenStore refreshTokens,
    AccountService accounts,
    IPasswordHasher<UserAccount> hasher,
    NetworkCache network,
    StaffAccessGuard guard,
    TimeProvider clock,
    ILogger<StaffService> logger)
{
    private const int MaxNameLength = 80;

    public async Task<IReadOnlyList<StaffDto>> ListAsync(CancellationToken ct) =>
        (await users.ListStaffAsync(ct)).Select(StaffDto.Of).ToList();

    public async Task<StaffResult<StaffCredentialsDto>> CreateAsync(CreateStaffRequest request, CancellationToken ct)
    {
        if (!LoginIdentifier.TryNormalise(request.Login, out var login))
        {
            return StaffResult<StaffCredentialsDto>.Fail(StaffErrorCode.InvalidLogin, "Enter a Bangladeshi mobile number (01XXXXXXXXX) or an e-mail address.");
        }
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return StaffResult<StaffCredentialsDto>.Fail(StaffErrorCode.InvalidName, $"The name is required, at most {MaxNameLength} printable characters.");
        }
        var role = request.Role?.Trim().ToLowerInvariant();
        if (await CheckRoleAndCounterAsync(role, request.CounterId) is { } refused)
        {
            return new(null, refused);
        }
        var temporary = request.Password is null;
        var password = request.Password ?? TemporaryPassword.New();
        if (!temporary && PasswordRules.Check(password) is { } weak)
        {
            return StaffResult<StaffCredentialsDto>.Fail(StaffErrorCode.WeakPassword, weak);
        }
        var user = accounts.NewAccount(login, name, role!, Blank(request.CounterId)) with { PasswordChangeRequired = temporary };
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        if (!await users.TryCreateAsync(user, ct))
        {
            return StaffResult<StaffCredentialsDto>.Fail(StaffErrorCode.LoginTaken, $"An account with the login {login} already exists.");
        }
        LogCreated(logger, user.Id, user.Role);
        return StaffResult<StaffCredentialsDto>.Ok(new StaffCredentialsDto(StaffDto.Of(user), temporary ? password : null));
    }

    /// <summary>Applies <paramref name="request"/> to staff account <paramref name="id"/>; returns the account before and after.</summary>
    public async Task<StaffResult<(StaffDto Before, StaffDto After)>> UpdateAsync(string id, UpdateStaffRequest request, CancellationToken ct)
    {
        if (await FindStaffAsync(id, ct) is not { } current)
        {
            return StaffResult<(StaffDto, StaffDto)>.Fail(StaffErrorCode.StaffNotFound, $"There is no staff account {id}.");
        }
        var role = request.Role is null ? current.Role : request.Role.Trim().ToLowerInvariant();
        // "" clears the counter; absent keeps it (unless the new role cannot have one).
        var counter = request.CounterId is null ? (role == Roles.Ops ? null : current.CounterId) : Blank(request.CounterId);
        if (await CheckRoleAndCounterAsync(role, counter) is { } refused)
        {
            return new(default, refused);
        }
        var disabledAt = request.Disabled switch
        {
            true => current.DisabledAt ?? clock.GetUtcNow(),
            false => null,
            null => current.DisabledAt,
        };
        var updated = current with { Role = role, CounterId = counter, DisabledAt = disabledAt };
        if (!await users.TryUpdateStaffAsync(updated, ct))
        {
            return StaffResult<(StaffDto, StaffDto)>.Fail(StaffErrorCode.LastOps,
                "This would leave no enabled ops account; create or enable another ops account first.");
        }
        guard.Forget(id);
        if (updated.DisabledAt is not null && current.DisabledAt is null)
        {
            await refreshTokens.RevokeAllAsync(id, ct);
            LogDisabled(logger, id);
        }
        return StaffResult<(StaffDto, StaffDto)>.Ok((StaffDto.Of(current), StaffDto.Of(updated)));
    }

    /// <summary>Gives staff account <paramref name="id"/> a new temporary password and ends its sessions.</summary>
    public async Task<StaffResult<StaffCredentialsDto>> ResetPasswordAsync(string id, CancellationToken ct)
    {
        if (await FindStaffAsync(id, ct) is not { } current)
        {
            return StaffResult<StaffCredentialsDto>.Fail(StaffErrorCode.StaffNotFound, $"There is no staff account {id}.");
        }
        var password = TemporaryPassword.New();
        await users.SetPasswordAsync(id, hasher.HashPassword(current, password), changeRequired: true, ct);
        await refreshTokens.RevokeAllAsync(id, ct);
        LogReset(logger, id);
        return StaffResult<StaffCredentialsDto>.Ok(new StaffCredentialsDto(StaffDto.Of(current with { PasswordChangeRequired = true }), password));
    }

    private async Task<UserAccount?> FindStaffAsync(string id, CancellationToken ct) =>
        id.Length <= 64 && await users.FindByIdAsync(id, ct) is { } user && Roles.StaffRoles.Contains(user.Role) ? user : null;

    private async Task<StaffFailure?> CheckRoleAndCounterAsync(string? role, string? counterId)
    {
        if (role is null || !Roles.StaffRoles.Contains(role))
        {
            return new(StaffErrorCode.UnknownRole, $"role must be one of {string.Join(", ", Roles.StaffRoles)}.");
        }
        var counter = Blank(counterId);
        if (counter is null)
        {
            return role == Roles.Clerk ? new(StaffErrorCode.CounterRequired, "A clerk sells at a counter: give counterId (a counter stop).") : null;
        }
        if (role == Roles.Ops)
        {
            return new(StaffErrorCode.CounterNotAllowed, "Ops accounts are not tied to a counter.");
        }
        var stops = (await network.GetAsync()).Stops;
        return stops.TryGetValue(counter, out var stop) && stop.Kind == StopKind.Counter
            ? null
            : new(StaffErrorCode.UnknownCounter, $"There is no counter {counter} in the network.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {UserId} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {UserId} disabled; its sessions are revoked")]
    private static partial void LogDisabled(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {UserId} given a temporary password; its sessions are revoked")]
    private static partial void LogReset(ILogger logger, string userId);
}
