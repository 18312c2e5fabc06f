namespace DiuParibahan.Hosting.Events;

/// <summary>The JSON payload of a <c>booking.*</c> event (camelCase). Amounts are whole taka.</summary>
public sealed record BookingEventPayload(
    string Status,
    string Detail,
    string RouteCode,
    string RouteNameEn,
    string RouteNameBn,
    string Channel,
    int Seats,
    int FarePerSeat,
    int Total,
    string From,
    string To,
    DateTimeOffset Departure,
    string? Phone);
