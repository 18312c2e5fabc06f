namespace DiuParibahan.Hosting.Audit;

/// <summary>
/// Which audit entries to read: <paramref name="From"/> inclusive, <paramref name="To"/> exclusive, an exact actor
/// login and/or target, newest first, <paramref name="PageSize"/> per page from page 1.
/// </summary>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Actor = null,
    string? Target = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 200;
}

/// <summary>One page of audit entries, newest first; <paramref name="HasMore"/> if an older page exists.</summary>
public sealed record AuditPage(IReadOnlyList<StoredAuditEntry> Items, int Page, int PageSize, bool HasMore);
