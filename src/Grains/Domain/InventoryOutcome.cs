using DiuParibahan.Grains.Trips;

namespace DiuParibahan.Grains.Domain;

/// <summary>
/// What an inventory operation did: its value or failure, and the seat changes it made. An operation that changed
/// something has bumped the version by one and must be persisted before it is acknowledged.
/// </summary>
public sealed record InventoryOutcome<T>(T? Value, TripFailure? Failure, TripUpdate? Update)
{
    public bool Changed => Update is not null;

    public static InventoryOutcome<T> Fail(TripFailure failure) => new(default, failure, null);

    public static InventoryOutcome<T> Fail(TripErrorCode code, string detail) => new(default, TripFailure.Of(code, detail), null);
}
