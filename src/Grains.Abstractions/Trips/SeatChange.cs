using DiuParibahan.Grains.Bookings;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// The state of <paramref name="Seat"/> on the stop interval <paramref name="From"/>→<paramref name="To"/> after a change.
/// A change to a seat lists its whole timeline (every interval of the route, each with its state), so a viewer of any
/// leg can recompute the seat without knowing what it was before. A sold interval carries its passenger's
/// <paramref name="Gender"/> (no name); other intervals carry none.
/// </summary>
[GenerateSerializer, Immutable, Alias("SeatChange")]
public sealed record SeatChange(
    [property: Id(0)] string Seat,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] SeatState State,
    [property: Id(4)] Gender? Gender = null);

/// <summary>
/// A persisted change of a trip at <paramref name="Version"/> (versions increase by exactly one per change).
/// The first item of a watch is a marker with the current version and no changes. <paramref name="Resync"/> is set when
/// the trip itself changed (cancelled, delayed, another coach): viewers must take a new snapshot instead of a delta.
/// <paramref name="Holds"/> lists, for seat changes, every live hold on a changed seat after the change (owner and
/// expiry included), so a frontend's replica can still tell a viewer which held seats are theirs. It stays inside the
/// cluster: browsers get only the seat states.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripUpdate")]
public sealed record TripUpdate(
    [property: Id(0)] string TripId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<SeatChange> Changes,
    [property: Id(3)] bool Resync = false,
    [property: Id(4)] IReadOnlyList<HoldInfo>? Holds = null);
