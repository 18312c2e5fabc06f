namespace DiuParibahan.Testing.History;

/// <summary>A request that has been sent and not yet answered. Finish it exactly once with one of its methods.</summary>
public sealed class PendingOperation
{
    private readonly OperationHistory _history;
    private readonly string _tripId;
    private readonly OperationKind _kind;
    private readonly IReadOnlyList<string> _seats;
    private readonly int _from;
    private readonly int _to;
    private readonly string? _holdId;
    private readonly TimeSpan _start;

    internal PendingOperation(OperationHistory history, string tripId, OperationKind kind, IReadOnlyList<string> seats,
        int from, int to, string? holdId, TimeSpan start)
    {
        (_history, _tripId, _kind, _seats, _from, _to, _holdId, _start) = (history, tripId, kind, seats, from, to, holdId, start);
    }

    /// <summary>The system said yes. A hold passes its id and expiry; a sale its id, if any; a release nothing.</summary>
    public void Acknowledged(string? holdId = null, DateTimeOffset? expiresAt = null) =>
        Finish(OperationOutcome.Acknowledged, [], holdId ?? _holdId, expiresAt is { } e ? _history.ToHistoryTime(e) : null);

    /// <summary>The system said no; <paramref name="conflicts"/> are the seats it named as taken (empty for other reasons).</summary>
    public void Refused(IReadOnlyList<string>? conflicts = null) =>
        Finish(OperationOutcome.Refused, conflicts ?? [], _holdId, null);

    /// <summary>No clear answer: the change may or may not have happened.</summary>
    public void Failed() => Finish(OperationOutcome.Error, [], _holdId, null);

    private void Finish(OperationOutcome outcome, IReadOnlyList<string> conflicts, string? holdId, TimeSpan? expiresAt) =>
        _history.Add(new Operation(_tripId, _kind, _seats, _from, _to, _start, _history.Now, outcome, conflicts, holdId, expiresAt));
}
