using DiuParibahan.Grains.Catalog;
using DiuParibahan.Grains.Trips;

namespace DiuParibahan.WebFrontend.Admin;

public sealed record CancelTripRequest(string? Reason);

/// <summary><paramref name="Departure"/>: the new departure from the first stop, with its offset (e.g. <c>2026-12-01T23:30:00+06:00</c>).</summary>
public sealed record DelayTripRequest(DateTimeOffset? Departure, string? Reason);

public sealed record ChangeCoachRequest(string? CoachId, string? Reason);

/// <summary>Progress of a trip cancellation: <paramref name="Complete"/> once every booking is cancelled and refunded.</summary>
public sealed record TripCancellationDto(string TripId, DateTimeOffset CancelledAt, string Actor, string Reason,
    IReadOnlyList<string> Outstanding, IReadOnlyList<string> Settled, bool Complete)
{
    public static TripCancellationDto Of(string tripId, TripCancellation c) =>
        new(tripId, c.CancelledAt, c.Actor, c.Reason, c.Outstanding, c.Settled, c.Outstanding.Count == 0);
}

/// <summary>A trip after a delay or coach change, and how many bookings it has.</summary>
public sealed record TripChangeDto(string TripId, DateTimeOffset Departure, DateTimeOffset Arrival, DateTimeOffset? ScheduledDeparture,
    string CoachId, string CoachRegistration, CoachClass CoachClass, int Bookings)
{
    public static TripChangeDto Of(TripDefinition t, int bookings) =>
        new(t.TripId, t.Departure, t.Stops[^1].Departure, t.ScheduledDeparture, t.CoachId, t.CoachRegistration, t.CoachClass, bookings);
}
