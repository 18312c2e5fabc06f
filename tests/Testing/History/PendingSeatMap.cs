namespace DiuParibahan.Testing.History;

/// <summary>A seat map read that has been sent and not yet answered.</summary>
public sealed class PendingSeatMap
{
    private readonly OperationHistory _history;
    private readonly string _tripId;
    private readonly int _from;
    private readonly int _to;
    private readonly TimeSpan _start;
    private readonly string? _client;

    internal PendingSeatMap(OperationHistory history, string tripId, int from, int to, TimeSpan start, string? client = null)
    {
        (_history, _tripId, _from, _to, _start, _client) = (history, tripId, from, to, start, client);
    }

    /// <summary>
    /// The map arrived: for each seat, whether it was shown taken on the leg, the version it showed, and whether a
    /// frontend replica answered it.
    /// </summary>
    public void Observed(IReadOnlyDictionary<string, bool> taken, long? version = null, bool fromReplica = false) =>
        _history.Add(new SeatMapObservation(_tripId, _from, _to, _start, _history.Now, taken, version, _client, fromReplica));
}
