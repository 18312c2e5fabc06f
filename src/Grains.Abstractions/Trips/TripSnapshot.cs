using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// A trip at <paramref name="Version"/> as durably stored: its definition, whether it is cancelled, the timeline of
/// every seat of the layout (as in <see cref="TripUpdate.Changes"/>) and every live hold. A frontend replica starts
/// from it and applies the watch's deltas with higher versions.
/// </summary>
[GenerateSerializer, Immutable, Alias("TripSnapshot")]
public sealed record TripSnapshot(
    [property: Id(0)] TripDefinition Definition,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Cancelled,
    [property: Id(3)] IReadOnlyList<SeatChange> Seats,
    [property: Id(4)] IReadOnlyList<HoldInfo> Holds);
