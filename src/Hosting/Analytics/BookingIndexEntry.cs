namespace DiuParibahan.Hosting.Analytics;

/// <summary>A row of <c>booking_index</c>: a booking's latest state for ops search. <paramref name="Phone"/> is +880… or null.</summary>
public sealed record BookingIndexEntry(
    string Pnr,
    string? Phone,
    string TripId,
    string RouteCode,
    string FromStop,
    string ToStop,
    DateTimeOffset Departure,
    string Status,
    string Channel,
    int Seats,
    int Total,
    DateTimeOffset UpdatedAt);
