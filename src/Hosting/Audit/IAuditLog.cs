namespace DiuParibahan.Hosting.Audit;

/// <summary>The append-only log of staff writes.</summary>
public interface IAuditLog
{
    /// <summary>Appends <paramref name="entry"/>; durable when the task completes. Not idempotent.</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default);
}
