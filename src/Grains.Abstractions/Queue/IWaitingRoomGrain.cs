namespace DiuParibahan.Grains.Queue;

/// <summary>
/// The queue of one sale window (key: the window id). Phones that join before the opening are placed by a lottery at
/// the opening; later joins queue behind them in arrival order. While open, the grain admits the next phones at the
/// window's rate (its own timer, so nobody has to ask), each admission valid for the window's validity. Every change
/// is stored before it is acknowledged, so places survive a silo restart.
/// </summary>
[Alias("DiuParibahan.IWaitingRoomGrain")]
public interface IWaitingRoomGrain : IGrainWithStringKey
{
    /// <summary>Takes the window's settings from the registry (on announcement, change and close).</summary>
    [Alias("Configure")]
    Task ConfigureAsync(SaleWindow window);

    /// <summary>
    /// Puts <paramref name="phone"/> (normalised) in line; joining again answers the same place. Refused when the window
    /// is closed, sold out or unknown.
    /// </summary>
    [Alias("Join")]
    Task<QueueJoinResult> JoinAsync(string phone);

    /// <summary>Where <paramref name="phone"/> stands, or a failure (not in the queue, unknown window).</summary>
    [Alias("Get")]
    Task<QueueJoinResult> GetAsync(string phone);

    /// <summary>
    /// A frontend's count of seats left on each of the window's trips, with the trip version each count was read at.
    /// Per trip, a count older than the one the queue has is ignored (another frontend read that trip later). The sum
    /// is the window's seats left: none makes an open queue sold out (no more admissions), seats coming back re-open
    /// it. Answers the status for the live view.
    /// </summary>
    [Alias("ReportTripSeatsLeft")]
    Task<QueueStatus> ReportSeatsLeftAsync(IReadOnlyList<TripSeatsLeft> trips);

    /// <summary>The status for the live view, without a change.</summary>
    [Alias("GetStatus")]
    Task<QueueStatus> GetStatusAsync();
}
