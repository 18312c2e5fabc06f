namespace DiuParibahan.Testing.History;

/// <summary>
/// A seat map read for the leg <c>[From, To)</c> between <paramref name="Start"/> and <paramref name="End"/>:
/// for each seat, whether it was shown taken (held, sold or blocked) on that leg. <paramref name="Version"/> is the trip
/// version the map said it showed and <paramref name="Client"/> who read it (one browser session); both are optional,
/// and reads that carry both are checked for monotonic reads. <paramref name="FromReplica"/> marks a map a frontend
/// replica answered: it may show the trip as it was a little before the read was sent (bounded staleness).
/// </summary>
public sealed record SeatMapObservation(
    string TripId,
    int From,
    int To,
    TimeSpan Start,
    TimeSpan End,
    IReadOnlyDictionary<string, bool> Taken,
    long? Version = null,
    string? Client = null,
    bool FromReplica = false);
