using System.Text.Json;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Hosting.Events;

/// <summary>Ops actions on trips as rows of the events log: kind <c>trip.*</c>, the actor, and reason + detail as payload.</summary>
public sealed class TripAuditSink(IEventStore store) : ITripAuditSink
{
    public Task AppendAsync(string tripId, IReadOnlyList<TripAuditRecord> records) =>
        store.AppendAsync(records
            .Select(r => new DomainEvent(r.At, r.Kind, tripId, null, r.Actor, JsonSerializer.Serialize(new { reason = r.Reason, detail = r.Detail })))
            .ToList());
}
