namespace DiuParibahan.Hosting.Events;

/// <summary>
/// The JSON payload of a <c>trip.*</c> event (camelCase). <see cref="From"/>/<see cref="To"/> are indexes into
/// <see cref="Stops"/> (the legs sold are From..To-1); <see cref="Capacity"/> is the coach's seat count, so load
/// factors need no lookup. Amounts are whole taka.
/// </summary>
public sealed record TripEventPayload(
    string RouteId,
    string RouteCode,
    DateTimeOffset Departure,
    int Capacity,
    IReadOnlyList<string> Stops,
    int From,
    int To,
    int Seats,
    int Amount,
    string Channel,
    Guid? HoldId,
    string? Reason);
