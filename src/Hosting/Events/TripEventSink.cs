using System.Text.Json;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Hosting.Events;

/// <summary>Trip activity as <c>trip.*</c> rows of the events log, written in the background by <see cref="BufferedEventWriter"/>.</summary>
public sealed class TripEventSink(BufferedEventWriter writer) : ITripEventSink
{
    public void Record(TripActivity activity) => writer.TryEnqueue(() => ToEvent(activity));

    private static DomainEvent ToEvent(TripActivity activity)
    {
        var trip = activity.Trip;
        var payload = new TripEventPayload(trip.RouteId, trip.RouteCode, trip.Departure, trip.Layout.Seats.Count,
            trip.Stops.Select(s => s.StopId).ToList(), activity.From, activity.To, activity.Seats, activity.Amount,
            activity.Channel.ToString(), activity.HoldId, activity.Reason);
        return new DomainEvent(activity.At, activity.Kind, trip.TripId, activity.BookingRef, null,
            JsonSerializer.Serialize(payload, EventJson.Options));
    }
}
