using DiuParibahan.Grains.Catalog;

namespace DiuParibahan.Grains.Trips;

/// <summary>
/// A cancelled trip: who cancelled it, when and why, and the bookings (PNRs) whose cancellation and refund are still
/// to be settled (<paramref name="Outstanding"/>) or already are (<paramref name="Settled"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("TripCancellation")]
public sealed record TripCancellation(
    [property: Id(0)] DateTimeOffset CancelledAt,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyList<string> Outstanding,
    [property: Id(4)] IReadOnlyList<string> Settled);

/// <summary>The trip's cancellation, or why it cannot be cancelled.</summary>
[GenerateSerializer, Immutable, Alias("CancelTripResult")]
public sealed record CancelTripResult(
    [property: Id(0)] TripCancellation? Cancellation,
    [property: Id(1)] TripFailure? Failure);

/// <summary>The trip after a delay or coach change, with the bookings (PNRs) sold on it; or why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("TripChangeResult")]
public sealed record TripChangeResult(
    [property: Id(0)] TripDefinition? Trip,
    [property: Id(1)] IReadOnlyList<string> Bookings,
    [property: Id(2)] TripFailure? Failure)
{
    public static TripChangeResult Fail(TripFailure failure) => new(null, [], failure);
}
