namespace DiuParibahan.Hosting.Events;

/// <summary>Appends domain events to the events log of the configured database.</summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> in one transaction: all of them or none. Not idempotent: appending the same
    /// events twice stores them twice. Throws if the database rejects them (for example a payload that is not JSON).
    /// </summary>
    Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default);
}
