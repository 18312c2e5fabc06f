using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// One seat as seen on a leg: its strongest state there, and whether the asking owner holds it. A sold seat carries its
/// passenger's <paramref name="Gender"/> (never a name) so a woman can choose a seat beside a woman; null when the seat
/// is not sold on the leg, or when passengers of different genders sit on it along the leg.
/// </summary>
[GenerateSerializer, Immutable, Alias("SeatView")]
public sealed record SeatView(
    [property: Id(0)] string Seat,
    [property: Id(1)] SeatState State,
    [property: Id(2)] bool Mine,
    [property: Id(3)] Gender? Gender = null);

/// <summary>The seat map of a trip for the leg <paramref name="From"/>→<paramref name="To"/> at <paramref name="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("SeatMap")]
public sealed record SeatMap(
    [property: Id(0)] string TripId,
    [property: Id(1)] long Version,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] IReadOnlyList<SeatView> Seats,
    [property: Id(5)] IReadOnlyList<HoldInfo> MyHolds,
    [property: Id(6)] bool Cancelled);

/// <summary>The result of a seat-map read.</summary>
[GenerateSerializer, Immutable, Alias("SeatMapResult")]
public sealed record SeatMapResult(
    [property: Id(0)] SeatMap? Map,
    [property: Id(1)] TripFailure? Failure);
