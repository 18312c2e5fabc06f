namespace DiuParibahan.Grains.Queue;

/// <summary>Where a waiting room stands: before opening, admitting, sold out (reversible), or closed by ops (final).</summary>
public enum QueuePhase
{
    Announced,
    Open,
    SoldOut,
    Closed,
}

/// <summary>Where one phone stands in a window's queue.</summary>
public enum QueueState
{
    /// <summary>In line (before opening: in the lottery).</summary>
    Waiting,

    /// <summary>May hold seats on the window's trips until the admission's expiry.</summary>
    Admitted,

    /// <summary>Was admitted, but the admission ran out.</summary>
    Expired,

    /// <summary>The window's trips are sold out; the place is kept in case seats come back.</summary>
    SoldOut,

    /// <summary>Ops closed the window.</summary>
    Closed,
}

/// <summary>
/// One phone's place: <paramref name="Place"/> is its 1-based place in line (null before the opening lottery), and
/// <paramref name="Position"/> how many places are still ahead plus one (1 = next), null when not waiting or before the
/// lottery. <paramref name="SeatsLeft"/> is the last count the frontends reported (null before the first).
/// <paramref name="EstimatedWait"/> is the time to opening before it, else position over the admission rate.
/// </summary>
[GenerateSerializer, Immutable, Alias("QueueAnswer")]
public sealed record QueueAnswer(
    [property: Id(0)] string WindowId,
    [property: Id(1)] QueueState State,
    [property: Id(2)] long? Place,
    [property: Id(3)] long? Position,
    [property: Id(4)] int? SeatsLeft,
    [property: Id(5)] DateTimeOffset OpensAt,
    [property: Id(6)] TimeSpan EstimatedWait,
    [property: Id(7)] DateTimeOffset? AdmittedUntil,
    [property: Id(8)] int InLottery);

/// <summary>A join's answer, or why the phone could not join.</summary>
[GenerateSerializer, Immutable, Alias("QueueJoinResult")]
public sealed record QueueJoinResult(
    [property: Id(0)] QueueAnswer? Answer,
    [property: Id(1)] SaleWindowFailure? Failure);

/// <summary>
/// What every waiter of a window needs for its live view: the phase, how many places have been admitted
/// (<paramref name="Admitted"/>; a waiter at place p is at position p − Admitted), how many are in line, and seats left.
/// <paramref name="Version"/> grows with every change, so a frontend pushes only changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] string WindowId,
    [property: Id(1)] QueuePhase Phase,
    [property: Id(2)] long Admitted,
    [property: Id(3)] long InLine,
    [property: Id(4)] int? SeatsLeft,
    [property: Id(5)] DateTimeOffset OpensAt,
    [property: Id(6)] long Version,
    [property: Id(7)] int AdmissionPerMinute);
