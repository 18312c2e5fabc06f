using System.Text.Json;
using DiuParibahan.Grains.Phones;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// Ops actions on passenger phones as rows of the events log: kind <c>holder.*</c>, the ops user's id as actor, and
/// the phone, the ops login and role, the reason and what was done as payload (ops-only data: the full phone is the
/// point of the record).
/// </summary>
public sealed class HolderAuditSink(IEventStore store) : IHolderAuditSink
{
    public Task AppendAsync(string phone, IReadOnlyList<HolderAuditRecord> records) =>
        store.AppendAsync(records
            .Select(r => new DomainEvent(r.At, r.Kind, null, null, r.Action.ActorId, JsonSerializer.Serialize(new
            {
                phone,
                login = r.Action.ActorLogin,
                role = r.Action.ActorRole,
                reason = r.Action.Reason,
                detail = r.Detail,
            })))
            .ToList());
}
