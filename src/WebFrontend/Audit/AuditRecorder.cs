using System.Collections.Concurrent;
using System.Text.Json;
using DiuParibahan.Hosting.Audit;
using DiuParibahan.Hosting.Events;
using DiuParibahan.WebFrontend.Auth;

namespace DiuParibahan.WebFrontend.Audit;

/// <summary>
/// Records a staff write in the <see cref="IAuditLog"/> with the actor taken from the caller's token:
/// <c>audit.RecordAsync(http, "trip.blocked", tripId, reason, before, after)</c>. Summaries are serialised as compact
/// JSON; callers pass only what a person needs to see, never passwords or tokens.
/// </summary>
public sealed class AuditRecorder(IAuditLog log, UserStore users, TimeProvider clock)
{
    // A login never changes once the account exists, so one look-up per staff member and frontend is enough.
    private readonly ConcurrentDictionary<string, string> _logins = new();

    public async Task RecordAsync(HttpContext http, string action, string target, string? reason = null, object? before = null, object? after = null)
    {
        var user = http.User;
        var actorId = user.FindFirst(AuthClaims.Subject)?.Value ?? "anonymous";
        var role = user.FindFirst(AuthClaims.Role)?.Value ?? "";
        await log.RecordAsync(new AuditEntry(clock.GetUtcNow(), actorId, await LoginOfAsync(actorId, http.RequestAborted), role,
            action, target, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Summary(before), Summary(after)), CancellationToken.None);
    }

    private async Task<string> LoginOfAsync(string actorId, CancellationToken ct)
    {
        if (_logins.TryGetValue(actorId, out var login))
        {
            return login;
        }
        if (await users.FindByIdAsync(actorId, ct) is not { } account)
        {
            return actorId;
        }
        return _logins[actorId] = account.Login;
    }

    private static string? Summary(object? value) => value switch
    {
        null => null,
        string text => JsonSerializer.Serialize(text, EventJson.Options),
        _ => JsonSerializer.Serialize(value, value.GetType(), EventJson.Options),
    };
}
