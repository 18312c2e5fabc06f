using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// One thing that happened to a trip's seats, for the events log: <paramref name="Kind"/> is one of the
/// <see cref="TripActivityKinds"/>. <paramref name="From"/>/<paramref name="To"/> are stop indexes on
/// <paramref name="Trip"/>; <paramref name="Amount"/> is whole taka for all seats; <paramref name="Reason"/> is the
/// error code of a refusal.
/// </summary>
public sealed record TripActivity(
    DateTimeOffset At,
    string Kind,
    TripDefinition Trip,
    Guid? HoldId,
    string? BookingRef,
    int Seats,
    int From,
    int To,
    int Amount,
    SalesChannel Channel,
    string? Reason);
