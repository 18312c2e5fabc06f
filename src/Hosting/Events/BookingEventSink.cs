using DiuParibahan.Grains.Identity;
using System.Text.Json;
using DiuParibahan.Grains.Bookings;
using DiuParibahan.Grains.Domain;

namespace DiuParibahan.Hosting.Events;

/// <summary>
/// Booking transitions as rows of the events log: kind <c>booking.*</c>, the PNR, and as payload the status and
/// detail plus what reports and the ops booking search need from the booking after the transition (route, channel,
/// seats, fare, boarding and alighting stops, departure, the contact phone normalised to +880…).
/// </summary>
public sealed class BookingEventSink(IEventStore store) : IBookingEventSink
{
    public Task AppendAsync(BookingView booking, IReadOnlyList<BookingEventRecord> events) =>
        store.AppendAsync(events
            .Select(e => new DomainEvent(e.At, e.Kind, booking.Journey.TripId, booking.Pnr, e.Actor, Payload(booking, e)))
            .ToList());

    private static string Payload(BookingView booking, BookingEventRecord e) =>
        JsonSerializer.Serialize(new BookingEventPayload(
            e.Status.ToString(), e.Detail, TripIds.RouteCodeOf(booking.Journey.TripId), booking.Journey.RouteNameEn,
            booking.Journey.RouteNameBn, booking.Channel, booking.Seats.Count, booking.FarePerSeat, booking.Total,
            booking.Journey.From, booking.Journey.To, booking.Journey.Departure,
            PhoneNumber.Normalize(booking.Contact.Phone), BookingMoney.Of(booking, e.Kind, e.Detail)), EventJson.Options);
}
