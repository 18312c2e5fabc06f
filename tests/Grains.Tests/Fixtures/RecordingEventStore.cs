using System.Collections.Concurrent;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>An events log in memory, so grain tests can see which events were appended.</summary>
public sealed class RecordingEventStore : IEventStore
{
    private readonly ConcurrentQueue<DomainEvent> _events = new();

    /// <summary>The booking transitions (<c>booking.*</c>) of <paramref name="bookingRef"/>.</summary>
    public IReadOnlyList<DomainEvent> For(string bookingRef) =>
        _events.Where(e => e.BookingRef == bookingRef && e.Kind.StartsWith("booking.", StringComparison.Ordinal)).ToList();

    /// <summary>The trip's own events (<c>trip.*</c>: seat activity and ops actions) of <paramref name="tripId"/>.</summary>
    public IReadOnlyList<DomainEvent> ForTrip(string tripId) =>
        _events.Where(e => e.TripId == tripId && e.Kind.StartsWith("trip.", StringComparison.Ordinal)).ToList();

    /// <summary>Every event of <paramref name="kind"/> (e.g. <c>holder.blocked</c>).</summary>
    public IReadOnlyList<DomainEvent> OfKind(string kind) => _events.Where(e => e.Kind == kind).ToList();

    public Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        foreach (var e in events)
        {
            _events.Enqueue(e);
        }
        return Task.CompletedTask;
    }
}
