namespace DiuParibahan.Hosting.Audit;

/// <summary>
/// One staff write as the audit log keeps it.
/// </summary>
/// <param name="At">When it was done.</param>
/// <param name="ActorId">The account id of who did it (the token's subject).</param>
/// <param name="ActorLogin">Their login (e-mail or +880… number), as ops search by it.</param>
/// <param name="ActorRole">Their role at the time: clerk, supervisor or ops.</param>
/// <param name="Action">A stable dotted name such as <c>trip.coach-changed</c> or <c>staff.created</c>.</param>
/// <param name="Target">What it was done to: a trip id, PNR, <c>staff:{id}</c>, <c>route:{id}</c> …</param>
/// <param name="Reason">The reason given, if the action takes one.</param>
/// <param name="Before">A short JSON summary of the state before, if known. Never passwords or tokens.</param>
/// <param name="After">A short JSON summary of the state after (or the change asked for).</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string ActorId,
    string ActorLogin,
    string ActorRole,
    string Action,
    string Target,
    string? Reason,
    string? Before,
    string? After);

/// <summary>An <see cref="AuditEntry"/> as stored, with its id (insertion order).</summary>
public sealed record StoredAuditEntry(long Id, AuditEntry Entry);
