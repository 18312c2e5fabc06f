namespace DiuParibahan.Grains.Boarding;

/// <summary>
/// Who has boarded one trip (keyed by trip id): one record per booking seat, written when staff at the door check the
/// ticket. Kept apart from the trip and booking grains so the door's scanner never queues behind seat sales.
/// </summary>
[Alias("DiuParibahan.IBoardingGrain")]
public interface IBoardingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Marks the seats of booking <see cref="BoardPassengers.Pnr"/> boarded now by <see cref="BoardPassengers.Actor"/>.
    /// Idempotent: seats already boarded keep their first time and actor, and the result says so.
    /// </summary>
    [Alias("Board")]
    Task<BoardingResult> BoardAsync(BoardPassengers command);

    /// <summary>Every boarding record of the trip, in boarding order.</summary>
    [Alias("List")]
    Task<IReadOnlyList<BoardingRecord>> ListAsync();
}

/// <summary>Board these seats of one booking.</summary>
[GenerateSerializer, Immutable, Alias("BoardPassengers")]
public sealed record BoardPassengers(
    [property: Id(0)] string Pnr,
    [property: Id(1)] IReadOnlyList<string> Seats,
    [property: Id(2)] string Actor);

/// <summary>Seat <paramref name="Seat"/> of booking <paramref name="Pnr"/> boarded at <paramref name="BoardedAt"/>, checked by <paramref name="Actor"/>.</summary>
[GenerateSerializer, Immutable, Alias("BoardingRecord")]
public sealed record BoardingRecord(
    [property: Id(0)] string Pnr,
    [property: Id(1)] string Seat,
    [property: Id(2)] DateTimeOffset BoardedAt,
    [property: Id(3)] string Actor);

/// <summary>
/// The booking's boarding records after the call; <paramref name="AlreadyBoarded"/> when every seat had boarded before
/// (a second scan), so nothing was written.
/// </summary>
[GenerateSerializer, Immutable, Alias("BoardingResult")]
public sealed record BoardingResult(
    [property: Id(0)] IReadOnlyList<BoardingRecord> Records,
    [property: Id(1)] bool AlreadyBoarded);
