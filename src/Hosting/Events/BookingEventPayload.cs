namespace DiuParibahan.Hosting.Events;

/// <summary>
/// The JSON payload of a <c>booking.*</c> event (camelCase). Amounts are whole taka except <see cref="Amount"/>, which
/// is exact to the poisha: the money the transition decided (see <see cref="BookingMoney"/>), null where it moves none
/// (and in events written before it existed).
/// </summary>
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
    string? Phone,
    decimal? Amount = null);
