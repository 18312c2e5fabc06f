using System.Text.Json;
using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Hosting.Events;

/// <summary>Booking transitions as rows of the events log: kind <c>booking.*</c>, the PNR, and status + detail as payload.</summary>
public sealed class BookingEventSink(IEventStore store) : IBookingEventSink
{
    public Task AppendAsync(string pnr, string tripId, IReadOnlyList<BookingEventRecord> events) =>
        store.AppendAsync(events
            .Select(e => new DomainEvent(e.At, e.Kind, tripId, pnr, e.Actor,
                JsonSerializer.Serialize(new { status = e.Status.ToString(), detail = e.Detail })))
            .ToList());
}
