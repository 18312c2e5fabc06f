namespace DiuParibahan.Hosting.Notifications;

/// <summary>
/// Messages one dispatcher may work on until <paramref name="LeaseUntil"/>; <paramref name="LeaseOwner"/> must accompany
/// every outcome it reports, so an outcome reported after the lease passed to another dispatcher changes nothing.
/// </summary>
public sealed record OutboxClaim(string LeaseOwner, DateTimeOffset LeaseUntil, IReadOnlyList<OutboxMessage> Messages);
