using System.Collections.Concurrent;

namespace DiuParibahan.WebFrontend.Auth;

/// <summary>
/// Refuses the access tokens of a staff account ops disabled, before they expire: a disabled account's refresh tokens
/// are revoked at once, and this closes the rest of the access token's lifetime. Each account's state is read from the
/// database at most every <see cref="Recheck"/> per frontend (the frontend that disabled it forgets it at once), so a
/// busy counter does not cost a query per request.
/// </summary>
public sealed class StaffAccessGuard(UserStore users, TimeProvider clock)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (bool Disabled, DateTimeOffset CheckedAt)> _known = new();

    /// <summary>True if <paramref name="userId"/> is a stored account that is disabled.</summary>
    public async Task<bool> IsDisabledAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue(userId, out var known) && now - known.CheckedAt < Recheck)
        {
            return known.Disabled;
        }
        var disabled = (await users.FindByIdAsync(userId, ct))?.DisabledAt is not null;
        _known[userId] = (disabled, now);
        return disabled;
    }

    /// <summary>Drops what is known about <paramref name="userId"/> (its account just changed here).</summary>
    public void Forget(string userId) => _known.TryRemove(userId, out _);
}
