namespace DiuParibahan.Testing.History;

/// <summary>
/// One request as the client saw it. <paramref name="From"/> and <paramref name="To"/> are stop indexes of the leg
/// <c>[From, To)</c>; <paramref name="Start"/> and <paramref name="End"/> are when the request was sent and its response
/// arrived, and <paramref name="ExpiresAt"/> when an acknowledged hold expires, all on the history's one monotonic clock.
/// A release names its hold by <paramref name="HoldId"/> and has no seats.
/// </summary>
public sealed record Operation(
    string TripId,
    OperationKind Kind,
    IReadOnlyList<string> Seats,
    int From,
    int To,
    TimeSpan Start,
    TimeSpan End,
    OperationOutcome Outcome,
    IReadOnlyList<string> Conflicts,
    string? HoldId,
    TimeSpan? ExpiresAt);
