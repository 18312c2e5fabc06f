namespace DiuParibahan.Testing.History;

/// <summary>A seat map read that has been sent and not yet answered.</summary>
public sealed class PendingSeatMap
{
    private readonly OperationHistory _history;
    private readonly string _tripId;
    private readonly int _from;
    private readonly int _to;
    private readonly TimeSpan _start;

    internal PendingSeatMap(OperationHistory history, string tripId, int from, int to, TimeSpan start)
    {
        (_history, _tripId, _from, _to, _start) = (history, tripId, from, to, start);
    }

    /// <summary>The map arrived: for each seat, whether it was shown taken on the leg.</summary>
    public void Observed(IReadOnlyDictionary<string, bool> taken) =>
        _history.Add(new SeatMapObservation(_tripId, _from, _to, _start, _history.Now, taken));
}
