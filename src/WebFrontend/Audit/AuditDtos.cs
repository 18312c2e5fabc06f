using DiuParibahan.Hosting.Audit;

namespace DiuParibahan.WebFrontend.Audit;

/// <summary>An audit entry for ops. <paramref name="Before"/>/<paramref name="After"/> are JSON texts.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorId, string ActorLogin, string ActorRole, string Action,
    string Target, string? Reason, string? Before, string? After)
{
    public static AuditEntryDto Of(StoredAuditEntry s) =>
        new(s.Id, s.Entry.At, s.Entry.ActorId, s.Entry.ActorLogin, s.Entry.ActorRole, s.Entry.Action, s.Entry.Target, s.Entry.Reason,
            s.Entry.Before, s.Entry.After);
}

/// <summary>A page of the audit log, newest first.</summary>
public sealed record AuditPageDto(IReadOnlyList<AuditEntryDto> Items, int Page, int PageSize, bool HasMore);
