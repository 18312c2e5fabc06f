namespace DiuParibahan.Testing.History;

/// <summary>
/// A seat map read for the leg <c>[From, To)</c> between <paramref name="Start"/> and <paramref name="End"/>:
/// for each seat, whether it was shown taken (held, sold or blocked) on that leg.
/// </summary>
public sealed record SeatMapObservation(
    string TripId,
    int From,
    int To,
    TimeSpan Start,
    TimeSpan End,
    IReadOnlyDictionary<string, bool> Taken);
