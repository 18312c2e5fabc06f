using System.Collections.Concurrent;
using System.Diagnostics;

namespace DiuParibahan.Testing.History;

/// <summary>
/// Records every request that racing clients send to trips, thread-safely and cheaply (one timestamp read at each end,
/// one queue append), then checks the whole history with <see cref="Verify"/>.
/// </summary>
/// <remarks>
/// All times are offsets on one monotonic clock started with the history. Hold expiries arrive as wall-clock times
/// from the server; they are mapped onto that clock through the wall-clock time taken at the same instant, which is
/// exact on one machine up to the drift between the two clocks over a run (well under <see cref="ExpiryTolerance"/>).
/// </remarks>
public sealed class OperationHistory
{
    private readonly ConcurrentQueue<Operation> _operations = new();
    private readonly ConcurrentQueue<SeatMapObservation> _seatMaps = new();
    private readonly long _origin;
    private readonly DateTimeOffset _wallOrigin;

    public OperationHistory()
    {
        _origin = Stopwatch.GetTimestamp();
        _wallOrigin = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// How far a hold may expire from its stated expiry, either way: the server's timer fires a little late, and the
    /// clocks may drift a little. Holds are taken as certainly held until expiry minus this, possibly until plus this.
    /// </summary>
    public TimeSpan ExpiryTolerance { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How stale a map answered by a frontend replica may be: it is checked as a read of the trip at some moment from
    /// this long before it was sent until it was answered. Replicas promise monotonic reads and read-your-writes per
    /// client, not that another client's write is visible the instant it was acknowledged.
    /// </summary>
    public TimeSpan ReplicaStaleness { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Now, on the history's clock.</summary>
    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public IReadOnlyCollection<Operation> Operations => _operations;

    public IReadOnlyCollection<SeatMapObservation> SeatMaps => _seatMaps;

    /// <summary>A server's wall-clock time on the history's clock.</summary>
    public TimeSpan ToHistoryTime(DateTimeOffset wallClock) => wallClock - _wallOrigin;

    /// <summary>Starts recording a hold or sale of <paramref name="seats"/> on the leg <c>[from, to)</c>; call just before sending it.</summary>
    public PendingOperation Begin(string tripId, OperationKind kind, IReadOnlyList<string> seats, int from, int to) =>
        new(this, tripId, kind, seats, from, to, null, Now);

    /// <summary>Starts recording the release of <paramref name="holdId"/>; call just before sending it.</summary>
    public PendingOperation BeginRelease(string tripId, string holdId) =>
        new(this, tripId, OperationKind.Release, [], 0, 0, holdId, Now);

    /// <summary>Starts recording the confirmation (payment) of <paramref name="holdId"/>; call just before sending it.</summary>
    public PendingOperation BeginConfirm(string tripId, string holdId) =>
        new(this, tripId, OperationKind.Confirm, [], 0, 0, holdId, Now);

    /// <summary>Starts recording a seat map read of the leg <c>[from, to)</c>; call just before sending it.</summary>
    public PendingSeatMap BeginSeatMap(string tripId, int from, int to) => new(this, tripId, from, to, Now);

    /// <summary>Starts recording a seat map read by <paramref name="client"/> (checked for monotonic reads); call just before sending it.</summary>
    public PendingSeatMap BeginSeatMap(string tripId, int from, int to, string client) => new(this, tripId, from, to, Now, client);

    /// <summary>Adds a finished operation, e.g. to build a history by hand.</summary>
    public void Add(Operation operation) => _operations.Enqueue(operation);

    /// <summary>Adds a finished seat map read.</summary>
    public void Add(SeatMapObservation observation) => _seatMaps.Enqueue(observation);

    /// <summary>Checks every rule over everything recorded so far; call once the racing clients have finished.</summary>
    public HistoryReport Verify() => HistoryChecker.Check([.. _operations], [.. _seatMaps], ExpiryTolerance, ReplicaStaleness);
}
