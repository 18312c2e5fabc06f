using System.Collections.Concurrent;
using DiuParibahan.Hosting.Events;

namespace DiuParibahan.Grains.Tests.Fixtures;

/// <summary>An events log in memory, so grain tests can see which events were appended and await one.</summary>
public sealed class RecordingEventStore : IEventStore
{
    private readonly ConcurrentQueue<DomainEvent> _events = new();
    private readonly List<(Func<DomainEvent, bool> Match, TaskCompletionSource<DomainEvent> Seen)> _waiters = [];

    /// <summary>The booking transitions (<c>booking.*</c>) of <paramref name="bookingRef"/>.</summary>
    public IReadOnlyList<DomainEvent> For(string bookingRef) =>
        _events.Where(e => e.BookingRef == bookingRef && e.Kind.StartsWith("booking.", StringComparison.Ordinal)).ToList();

    /// <summary>The trip's own events (<c>trip.*</c>: seat activity and ops actions) of <paramref name="tripId"/>.</summary>
    public IReadOnlyList<DomainEvent> ForTrip(string tripId) =>
        _events.Where(e => e.TripId == tripId && e.Kind.StartsWith("trip.", StringComparison.Ordinal)).ToList();

    /// <summary>Completes with the first event, appended already or later, that <paramref name="match"/> accepts.</summary>
    public Task<DomainEvent> WaitForAsync(Func<DomainEvent, bool> match)
    {
        var seen = new TaskCompletionSource<DomainEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_events.FirstOrDefault(match) is { } appended)
            {
                return Task.FromResult(appended);
            }
            _waiters.Add((match, seen));
        }
        return seen.Task;
    }

    /// <summary>Every event of <paramref name="kind"/> (e.g. <c>holder.blocked</c>).</summary>
    public IReadOnlyList<DomainEvent> OfKind(string kind) => _events.Where(e => e.Kind == kind).ToList();

    public Task AppendAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        lock (_waiters)
        {
            foreach (var e in events)
            {
                _events.Enqueue(e);
                foreach (var waiter in _waiters.Where(w => w.Match(e)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Seen.TrySetResult(e);
                }
            }
        }
        return Task.CompletedTask;
    }
}
